import { useEffect, useRef, useState } from "preact/hooks";
import * as z from "zod/mini";
import type { ConsoleModel } from "../state/console.ts";
import type { CreateSessionResponse, Delivery, Permission } from "../../../shared/mod.ts";
import { PERMISSIONS } from "../../../shared/constants.ts";
import { ApiError } from "../lib/api.ts";
import { formatTime, lang, t } from "../lib/i18n.ts";
import { Alert } from "../lib/components.tsx";

type Tab = "email" | "link";
type EmailOption = "email-client" | "email-server";

const isEmail = (value: string) => z.email().safeParse(value).success;

/** The "Create new session" dialog (DESIGN §1.1): Lens, Name, Email or Link, then PIN and link. */
export function NewSessionDialog({ model, onClose }: { model: ConsoleModel; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const permissions = model.me.value!.permissions;
  const emailAllowed = permissions.useEmailMethod;
  const linkAllowed = permissions.useLinkMethod;
  const [tab, setTab] = useState<Tab>(emailAllowed || !linkAllowed ? "email" : "link");
  const [name, setName] = useState("");
  const [option, setOption] = useState<EmailOption>("email-client");
  const [to, setTo] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CreateSessionResponse | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const nameError = touched && !name.trim() ? t("console.dialog.nameRequired") : null;
  const toError = touched && option === "email-server" && !isEmail(to) ? t("console.dialog.toInvalid") : null;
  const missing = (p: Permission) => t("console.dialog.noPermission", { permission: p });

  async function submit(delivery: Delivery) {
    setTouched(true);
    if (!name.trim() || (delivery.method === "email-server" && !isEmail(to))) return;
    setBusy(true);
    setError(null);
    try {
      const res = await model.createSession({ type: "lens", name: name.trim(), delivery });
      setResult(res);
      if (res.mailto) location.href = res.mailto;
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 403 && (PERMISSIONS as readonly string[]).includes(err.code)
          ? t("console.dialog.refused", { permission: err.code })
          : err instanceof ApiError && err.status !== 0
          ? err.message
          : t("error.network"),
      );
    } finally {
      setBusy(false);
    }
  }

  const copy = async (what: string, text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => {});
    setCopied(what);
  };

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

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="new-session-title" onClose={onClose}>
      <div class="dialog-head">
        <h2 id="new-session-title">{t("console.dialog.title")}</h2>
        <button type="button" class="icon" aria-label={t("common.close")} onClick={() => ref.current?.close()}>
          ×
        </button>
      </div>
      {result
        ? (
          <div class="stack" role="status">
            <p class="success">
              {t("console.dialog.created")}
              {result.session.method === "email-server" && ` — ${t("console.dialog.sent", { to })}`}
              {result.mailto && ` — ${t("console.dialog.mailtoOpened")}`}
            </p>
            {
              // Opening the mailto: by script can be blocked or go unnoticed; the link is the way back to it.
              result.mailto && <a class="button" href={result.mailto}>{t("console.dialog.openMail")}</a>
            }
            <p class="pin-display">
              <span class="label">{t("console.dialog.pinLabel")}</span>
              <strong data-testid="pin">{`${result.pin.slice(0, 3)} ${result.pin.slice(3)}`}</strong>
              <button type="button" onClick={() => void copy("pin", result.pin)}>
                {copied === "pin" ? t("common.copied") : t("console.dialog.copyPin")}
              </button>
            </p>
            <label class="field">
              <span>{t("console.dialog.linkLabel")}</span>
              <input readOnly value={result.link} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
            </label>
            <button type="button" onClick={() => void copy("link", result.link)}>
              {copied === "link" ? t("common.copied") : t("console.dialog.copyLink")}
            </button>
            <p class="muted">{t("console.dialog.expires", { time: formatTime(result.expiresAt) })}</p>
            <button type="button" class="primary" onClick={() => ref.current?.close()}>
              {t("console.dialog.done")}
            </button>
          </div>
        )
        : (
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
            <div role="tablist" class="tabs small">
              {tabButton("email", t("console.dialog.email"))}
              {tabButton("link", t("console.dialog.link"))}
            </div>
            <div id="new-panel-email" role="tabpanel" aria-labelledby="new-tab-email" hidden={tab !== "email"}>
              {!emailAllowed && <p class="muted">{missing("useEmailMethod")}</p>}
              <fieldset class="radios" disabled={!emailAllowed}>
                <label>
                  <input
                    type="radio"
                    name="email-option"
                    checked={option === "email-client"}
                    onChange={() => setOption("email-client")}
                  />
                  {t("console.dialog.emailClient")}
                </label>
                <label>
                  <input
                    type="radio"
                    name="email-option"
                    checked={option === "email-server"}
                    onChange={() => setOption("email-server")}
                  />
                  {t("console.dialog.emailServer")}
                </label>
              </fieldset>
              {option === "email-server" && (
                <>
                  <label class="field">
                    <span>{t("console.dialog.to")}</span>
                    <input
                      type="email"
                      value={to}
                      aria-invalid={toError ? "true" : undefined}
                      aria-describedby={toError ? "to-error" : undefined}
                      onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)}
                    />
                  </label>
                  {toError && <p id="to-error" class="field-error">{toError}</p>}
                </>
              )}
              <button
                type="button"
                class="primary"
                disabled={busy || !emailAllowed}
                onClick={() =>
                  void submit(
                    option === "email-server"
                      ? { method: "email-server", to: to.trim(), locale: lang.value }
                      : { method: "email-client", locale: lang.value },
                  )}
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
                onClick={() => void submit({ method: "link" })}
              >
                {busy ? t("console.dialog.creating") : t("console.dialog.createLink")}
              </button>
            </div>
            {error && <Alert>{error}</Alert>}
          </div>
        )}
    </dialog>
  );
}
