import { useState } from "preact/hooks";
import { anyJson, api, ApiError } from "../lib/api.ts";
import { t } from "../lib/i18n.ts";
import { Alert } from "../lib/components.tsx";
import { AuthPage } from "./app.tsx";
import type { MessageKey } from "../messages/en.ts";

const MIN_LENGTH = 10;

/** `/console/set-password#t=<token>`: the page an invitation mail links to. */
export function SetPassword() {
  const token = new URLSearchParams(location.hash.slice(1)).get("t") ?? "";
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
              if (password.length < MIN_LENGTH) return setError("console.setPassword.tooShort");
              if (password !== String(form.get("repeat"))) return setError("console.setPassword.mismatch");
              setBusy(true);
              setError(null);
              try {
                await api("/api/auth/set-password", { body: { token, password }, schema: anyJson });
                history.replaceState(null, "", "/console/set-password");
                setDone(true);
              } catch (err) {
                setError(
                  err instanceof ApiError && err.status === 0 ? "error.network" : "console.setPassword.invalid",
                );
              } finally {
                setBusy(false);
              }
            }}
          >
            <h1>{t("console.setPassword.title")}</h1>
            <p>{t("console.setPassword.intro", { n: MIN_LENGTH })}</p>
            {error && <Alert>{t(error)}</Alert>}
            <label class="field">
              <span>{t("console.setPassword.password")}</span>
              <input name="password" type="password" autoComplete="new-password" minLength={MIN_LENGTH} required />
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
