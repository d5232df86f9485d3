import { formatTime, t } from "../../lib/i18n.ts";
import type { ConsoleModel } from "./model.ts";
import { SessionActions } from "./session_actions.tsx";
import { badgeKey, badgeOf, isProblem, progressKey } from "./session_status.ts";
import { SessionReport } from "./session_report.tsx";

/**
 * The selected session: its status and why (expired, cancelled), Start while the customer waits,
 * Resend, Extend, Cancel and Clear where they apply, the session report once ended.
 */
export function SessionDetail({ model }: { model: ConsoleModel }) {
  const s = model.list.selected.value;
  const { live } = model;
  const error = live.startError.value;
  return (
    <section class="session-detail" aria-live="polite">
      {s
        ? (
          <div class="stack">
            <h2>{s.name}</h2>
            <p>
              <span class={`badge badge-${badgeOf(s)}`}>{t(badgeKey(badgeOf(s)))}</span>{" "}
              {s.status === "pending" && t("console.dialog.expires", { time: formatTime(s.pinExpiresAt) })}
              {badgeOf(s) === "expired" && t("console.expiredWhy", { time: formatTime(s.pinExpiresAt) })}
              {badgeOf(s) === "cancelled" && t("console.cancelledWhy")}
            </p>
            {progressKey(s) && <p class={isProblem(s) ? "alert" : "muted"} role="status">{t(progressKey(s)!)}</p>}
            {s.status !== "ended" && (
              <button
                type="button"
                class="primary"
                disabled={s.status !== "waiting" || live.starting.value}
                onClick={() => void model.start(s.id)}
              >
                {live.starting.value ? t("console.starting") : t("console.start")}
              </button>
            )}
            {s.status !== "active" && <SessionActions key={s.id} model={model} session={s} />}
            {s.status === "ended" && badgeOf(s) === "ended" && <SessionReport model={model} session={s} />}
          </div>
        )
        : <p class="muted">{t("console.selectHint")}</p>}
      {error && (
        <div role="alert" class="alert">
          {t(error)}
          {error === "console.activeExists" && live.active.value && (
            <button type="button" onClick={model.showActive}>{t("console.showActive")}</button>
          )}
        </div>
      )}
    </section>
  );
}
