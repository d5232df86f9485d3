import { useState } from "preact/hooks";
import type { Permission } from "../../../../shared/constants.ts";
import type { Delivery, Locale, Permissions } from "../../../../shared/schemas.ts";
import { t } from "../../lib/i18n.ts";

type Tab = "email" | "link";
/** Each language by its own name, as its readers look for it. */
const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch" };
type EmailOption = "email-client" | "email-server";

/** The Email and Link tabs of the dialog, each with its send button; options the group lacks are off. */
export function DeliveryTabs(props: {
  permissions: Permissions;
  busy: boolean;
  to: string;
  /** The error to show under To for this option, if any. */
  toError(option: EmailOption): string | null;
  onTo(to: string): void;
  onSubmit(delivery: Delivery): void;
  /** The technician's own language: the email's until they pick the customer's. */
  locale: Locale;
}) {
  const { permissions, busy } = props;
  const emailAllowed = permissions.useEmailMethod;
  const linkAllowed = permissions.useLinkMethod;
  const [tab, setTab] = useState<Tab>(emailAllowed || !linkAllowed ? "email" : "link");
  const [option, setOption] = useState<EmailOption>("email-client");
  const [mailLocale, setMailLocale] = useState<Locale>(props.locale);
  const toError = props.toError(option);
  const missing = (p: Permission) => t("console.dialog.noPermission", { permission: p });
  const tabButton = (id: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`new-tab-${id}`}
      aria-controls={`new-panel-${id}`}
      aria-selected={tab === id}
      tabIndex={tab === id ? 0 : -1}
      onClick={() => setTab(id)}
      onKeyDown={(e) => {
        if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
          const next = tab === "email" ? "link" : "email";
          setTab(next);
          (document.getElementById(`new-tab-${next}`) as HTMLElement | null)?.focus();
        }
      }}
    >
      {label}
    </button>
  );
  const radio = (value: EmailOption, label: string) => (
    <label>
      <input type="radio" name="email-option" checked={option === value} onChange={() => setOption(value)} />
      {label}
    </label>
  );
  return (
    <>
      <div role="tablist" class="tabs small">
        {tabButton("email", t("console.dialog.email"))}
        {tabButton("link", t("console.dialog.link"))}
      </div>
      <div id="new-panel-email" role="tabpanel" aria-labelledby="new-tab-email" hidden={tab !== "email"}>
        {!emailAllowed && <p class="muted">{missing("useEmailMethod")}</p>}
        <fieldset class="radios" disabled={!emailAllowed}>
          {radio("email-client", t("console.dialog.emailClient"))}
          {radio("email-server", t("console.dialog.emailServer"))}
        </fieldset>
        <label class="field">
          <span>{t("console.dialog.mailLanguage")}</span>
          <select
            value={mailLocale}
            disabled={!emailAllowed}
            onChange={(e) => setMailLocale((e.currentTarget as HTMLSelectElement).value as Locale)}
          >
            {Object.entries(LANGUAGE_NAMES).map(([value, name]) => (
              <option key={value} value={value} lang={value}>{name}</option>
            ))}
          </select>
        </label>
        {option === "email-server" && (
          <>
            <label class="field">
              <span>{t("console.dialog.to")}</span>
              <input
                type="email"
                value={props.to}
                aria-invalid={toError ? "true" : undefined}
                aria-describedby={toError ? "to-error" : undefined}
                onInput={(e) => props.onTo((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            {toError && <p id="to-error" class="field-error">{toError}</p>}
          </>
        )}
        <button
          type="button"
          class="primary"
          disabled={busy || !emailAllowed}
          onClick={() => {
            // The expiry in the mail is stated in this computer's time zone (the edge checks the name).
            const mail = { locale: mailLocale, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
            props.onSubmit(
              option === "email-server"
                ? { method: "email-server", to: props.to.trim(), ...mail }
                : { method: "email-client", ...mail },
            );
          }}
        >
          {busy ? t("console.dialog.creating") : t("console.dialog.emailLink")}
        </button>
      </div>
      <div id="new-panel-link" role="tabpanel" aria-labelledby="new-tab-link" hidden={tab !== "link"}>
        {!linkAllowed && <p class="muted">{missing("useLinkMethod")}</p>}
        <button
          type="button"
          class="primary"
          disabled={busy || !linkAllowed}
          onClick={() => props.onSubmit({ method: "link" })}
        >
          {busy ? t("console.dialog.creating") : t("console.dialog.createLink")}
        </button>
      </div>
    </>
  );
}
