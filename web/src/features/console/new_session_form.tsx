import { useState } from "preact/hooks";
import * as z from "zod/mini";
import { PERMISSIONS } from "../../../../shared/constants.ts";
import type { CreateSessionResponse, Delivery } from "../../../../shared/schemas.ts";
import { ApiError, isNetworkError } from "../../lib/api.ts";
import { lang, t } from "../../lib/i18n.ts";
import { Alert } from "../../ui/feedback.tsx";
import { DeliveryTabs } from "./delivery_tabs.tsx";
import type { ConsoleModel } from "./model.ts";

const isEmail = (value: string) => z.email().safeParse(value).success;

/** Why creating a session failed, in words: the missing permission, the edge's message, or no network. */
function refusalText(err: unknown): string {
  if (err instanceof ApiError && (PERMISSIONS as readonly string[]).includes(err.code)) {
    return t("console.dialog.refused", { permission: err.code });
  }
  return err instanceof ApiError && !isNetworkError(err) ? err.message : t("error.network");
}

/** Lens, Name, and how the link goes out (Email tab: mail client or our servers; Link tab). */
export function NewSessionForm(
  { model, onCreated }: { model: ConsoleModel; onCreated(result: CreateSessionResponse, to: string): void },
) {
  const permissions = model.signIn.me.value!.permissions;
  const [name, setName] = useState("");
  const [to, setTo] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const nameError = touched && !name.trim() ? t("console.dialog.nameRequired") : null;

  async function submit(delivery: Delivery) {
    setTouched(true);
    if (!name.trim() || (delivery.method === "email-server" && !isEmail(to))) return;
    setBusy(true);
    setError(null);
    try {
      const res = await model.createSession({ type: "lens", name: name.trim(), delivery });
      onCreated(res, to);
      if (res.mailto) location.href = res.mailto;
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="stack">
      <fieldset class="radios">
        <legend>{t("console.dialog.type")}</legend>
        <label>
          <input type="radio" name="type" value="lens" checked disabled={!permissions.startLensSessions} />
          {t("console.dialog.lens")}
        </label>
      </fieldset>
      <label class="field">
        <span>{t("console.dialog.name")}</span>
        <input
          value={name}
          required
          maxLength={100}
          aria-invalid={nameError ? "true" : undefined}
          aria-describedby={nameError ? "name-error" : undefined}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      {nameError && <p id="name-error" class="field-error">{nameError}</p>}
      <DeliveryTabs
        permissions={permissions}
        busy={busy}
        to={to}
        toError={(option) =>
          touched && option === "email-server" && !isEmail(to) ? t("console.dialog.toInvalid") : null}
        onTo={setTo}
        onSubmit={(delivery) => void submit(delivery)}
        locale={lang.value}
      />
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
