import { formatTime, t } from "../../lib/i18n.ts";
import type { ConsoleModel } from "./model.ts";
import { progressKey, statusKey } from "./session_list_panel.tsx";
import { TranscriptView } from "./transcript_view.tsx";

/** The selected session: its status, Start while the customer waits, the chat transcript once ended. */
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
              <span class={`badge badge-${s.status}`}>{t(statusKey(s.status))}</span>{" "}
              {s.status === "pending" && t("console.dialog.expires", { time: formatTime(s.pinExpiresAt) })}
            </p>
            {progressKey(s) && <p class="alert" role="status">{t(progressKey(s)!)}</p>}
            {s.status === "ended" ? <TranscriptView model={model} session={s} /> : (
              <button
                type="button"
                class="primary"
                disabled={s.status !== "waiting" || live.starting.value}
                onClick={() => void model.start(s.id)}
              >
                {live.starting.value ? t("console.starting") : t("console.start")}
              </button>
            )}
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
