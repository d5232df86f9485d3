import { useState } from "preact/hooks";
import type { CreateSessionResponse } from "../../../../shared/schemas.ts";
import { formatTime, t } from "../../lib/i18n.ts";

/**
 * A session was created (or `again`: resent with a new PIN): its PIN and link to copy (and the mail
 * program's link, if it opens one).
 */
export function SessionCreated(
  { result, to, again, onDone }: { result: CreateSessionResponse; to: string; again?: boolean; onDone(): void },
) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => {});
    setCopied(what);
  };
  return (
    <div class="stack" role="status">
      <p class="success">
        {t(again ? "console.action.resent" : "console.dialog.created")}
        {result.session.method === "email-server" &&
          ` — ${again ? t("console.action.resentMail") : t("console.dialog.sent", { to })}`}
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
      <button type="button" class="primary" onClick={onDone}>
        {t("console.dialog.done")}
      </button>
    </div>
  );
}
