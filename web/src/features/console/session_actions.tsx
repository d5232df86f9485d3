import { useState } from "preact/hooks";
import type { CreateSessionResponse, SessionView } from "../../../../shared/schemas.ts";
import { t } from "../../lib/i18n.ts";
import type { ConsoleModel } from "./model.ts";
import { SessionCreated } from "./session_created.tsx";
import { actionsOf } from "./session_status.ts";

type Action = "resend" | "extend" | "cancel" | "clear";

/**
 * Resend, Extend, Cancel and Clear for the selected session, as its state allows; a resent link shows
 * its new PIN and link like a new session.
 */
export function SessionActions({ model, session }: { model: ConsoleModel; session: SessionView }) {
  const [busy, setBusy] = useState<Action | null>(null);
  const [failed, setFailed] = useState(false);
  const [resent, setResent] = useState<CreateSessionResponse | null>(null);
  const allowed = actionsOf(session);
  const run = async (action: Action) => {
    setBusy(action);
    setFailed(false);
    try {
      if (action === "resend") setResent(await model.resend(session.id));
      else await model[action](session.id);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  if (resent?.session.id === session.id) {
    return <SessionCreated result={resent} to="" again onDone={() => setResent(null)} />;
  }
  const button = (action: Action, primary = false) =>
    allowed[action] && (
      <button
        type="button"
        class={primary ? "primary" : undefined}
        disabled={busy !== null}
        onClick={() => run(action)}
      >
        {t(busy === action ? "console.action.working" : `console.action.${action}`)}
      </button>
    );
  return (
    <div class="stack">
      <div class="actions" role="group" aria-label={t("console.action.group")}>
        {button("resend", session.status === "ended")}
        {button("extend")}
        {button("cancel")}
        {button("clear")}
      </div>
      {failed && <p role="alert" class="alert">{t("console.action.failed")}</p>}
    </div>
  );
}
