import { useEffect } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import { Spinner } from "../../ui/feedback.tsx";
import type { ConsoleModel } from "./model.ts";
import { SignInPage } from "./sign_in_page.tsx";
import { Workspace } from "./workspace.tsx";

/** The console: sign-in until signed in, then the workspace; the title counts waiting customers. */
export function ConsoleApp({ model }: { model: ConsoleModel }) {
  const waiting = model.list.waitingCount.value;
  useEffect(() => {
    document.title = `${waiting ? `(${waiting}) ` : ""}${t("app.name")} — ${t("console.sessions")}`;
  }, [waiting]);

  const auth = model.signIn.auth.value;
  if (auth === "checking") return <Spinner label={t("common.loading")} />;
  if (auth === "signedOut") return <SignInPage signIn={model.signIn} />;
  return <Workspace model={model} />;
}
