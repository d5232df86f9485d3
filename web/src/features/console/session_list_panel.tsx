import { SESSION_LIST_LIMIT } from "../../../../shared/constants.ts";
import type { SessionView } from "../../../../shared/schemas.ts";
import { t } from "../../lib/i18n.ts";
import type { MessageKey } from "../../messages/en.ts";
import type { SessionList } from "./session_list.ts";

export const statusKey = (s: SessionView["status"]): MessageKey => `console.status.${s}`;

/** What the customer's app reported while the session runs ("cannot connect (network)"), if anything. */
export function progressKey(s: SessionView): MessageKey | null {
  const progress = s.status === "ended" ? null : s.customerProgress;
  return progress ? `console.progress.${progress.event}.${progress.reason ?? "network"}` : null;
}

function age(createdAt: number) {
  const minutes = Math.max(0, Math.round((Date.now() - createdAt) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** The technician's sessions as a listbox: click or arrow keys select one. */
export function SessionListPanel({ list }: { list: SessionList }) {
  const sessions = list.sessions.value;
  const selectedId = list.selectedId.value;
  return (
    <section class="session-list" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("console.sessions")}</h2>
      {sessions.length === 0 ? <p class="muted">{t("console.sessions.empty")}</p> : (
        <ul
          role="listbox"
          aria-labelledby="sessions-heading"
          tabIndex={0}
          aria-activedescendant={selectedId ? `session-${selectedId}` : undefined}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") list.move(1);
            else if (e.key === "ArrowUp") list.move(-1);
            else return;
            e.preventDefault();
          }}
        >
          {sessions.map((s) => (
            <li
              key={s.id}
              id={`session-${s.id}`}
              role="option"
              aria-selected={s.id === selectedId}
              class={`session status-${s.status}`}
              onClick={() => list.select(s.id)}
            >
              <span class="session-name">{s.name}</span>
              <span class={`badge badge-${s.status}`}>{t(statusKey(s.status))}</span>
              <span class="session-meta">
                {t("console.pin", { pin: `${s.pin.slice(0, 3)} ${s.pin.slice(3)}` })} · {age(s.createdAt)} ·{" "}
                {t(`console.method.${s.method}`)}
              </span>
              {progressKey(s) && <span class="session-problem">{t(progressKey(s)!)}</span>}
            </li>
          ))}
        </ul>
      )}
      {list.older.value && <p class="muted">{t("console.sessions.older", { count: String(SESSION_LIST_LIMIT) })}</p>}
    </section>
  );
}
