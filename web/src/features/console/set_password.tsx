import { useState } from "preact/hooks";
import { MIN_PASSWORD_LENGTH } from "../../../../shared/constants.ts";
import { SET_PASSWORD_PAGE, setPassword, setPasswordToken } from "../../../../shared/api.ts";
import { type Api, isNetworkError } from "../../lib/api.ts";
import { t } from "../../lib/i18n.ts";
import type { MessageKey } from "../../messages/en.ts";
import { Alert } from "../../ui/feedback.tsx";
import { AuthPage } from "./auth_page.tsx";

/** The page an invitation mail links to (`SET_PASSWORD_PAGE`, the token in the fragment). */
export function SetPassword({ api }: { api: Api }) {
  const token = setPasswordToken(location.hash);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(token ? null : "console.setPassword.invalid");
  const [done, setDone] = useState(false);
  return (
    <AuthPage>
      {done
        ? (
          <div class="stack card" role="status">
            <h1>{t("console.setPassword.title")}</h1>
            <p class="success">{t("console.setPassword.done")}</p>
            <a class="button primary" href="/console">{t("console.signin.submit")}</a>
          </div>
        )
        : (
          <form
            class="stack card"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget as HTMLFormElement);
              const password = String(form.get("password"));
              if (password.length < MIN_PASSWORD_LENGTH) return setError("console.setPassword.tooShort");
              if (password !== String(form.get("repeat"))) return setError("console.setPassword.mismatch");
              setBusy(true);
              setError(null);
              try {
                await api(setPassword, { body: { token, password } });
                history.replaceState(null, "", SET_PASSWORD_PAGE);
                setDone(true);
              } catch (err) {
                setError(isNetworkError(err) ? "error.network" : "console.setPassword.invalid");
              } finally {
                setBusy(false);
              }
            }}
          >
            <h1>{t("console.setPassword.title")}</h1>
            <p>{t("console.setPassword.intro", { n: MIN_PASSWORD_LENGTH })}</p>
            {error && <Alert>{t(error)}</Alert>}
            <label class="field">
              <span>{t("console.setPassword.password")}</span>
              <input
                name="password"
                type="password"
                autoComplete="new-password"
                minLength={MIN_PASSWORD_LENGTH}
                required
              />
            </label>
            <label class="field">
              <span>{t("console.setPassword.repeat")}</span>
              <input name="repeat" type="password" autoComplete="new-password" required />
            </label>
            <button type="submit" class="primary" disabled={busy || !token}>
              {busy ? t("common.loading") : t("console.setPassword.submit")}
            </button>
          </form>
        )}
    </AuthPage>
  );
}
