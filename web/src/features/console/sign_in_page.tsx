import { useState } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import { Alert } from "../../ui/feedback.tsx";
import { AuthPage } from "./auth_page.tsx";
import type { SignIn } from "./sign_in.ts";

export function SignInPage({ signIn }: { signIn: SignIn }) {
  const [busy, setBusy] = useState(false);
  const message = signIn.message.value;
  return (
    <AuthPage>
      <form
        class="stack card"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget as HTMLFormElement);
          setBusy(true);
          await signIn.signIn(String(form.get("email")), String(form.get("password")));
          setBusy(false);
        }}
      >
        <h1>{t("console.signin.title")}</h1>
        {message && <Alert>{t(message)}</Alert>}
        <label class="field">
          <span>{t("console.signin.email")}</span>
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label class="field">
          <span>{t("console.signin.password")}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t("common.loading") : t("console.signin.submit")}
        </button>
      </form>
    </AuthPage>
  );
}
