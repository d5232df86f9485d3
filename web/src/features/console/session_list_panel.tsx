import { useEffect, useState } from "preact/hooks";
import { SESSION_LIST_LIMIT } from "../../../../shared/constants.ts";
import type { SessionView } from "../../../../shared/schemas.ts";
import { t } from "../../lib/i18n.ts";
import type { SessionList } from "./session_list.ts";
import { badgeKey, badgeOf, isProblem, progressKey, waitedFor } from "./session_status.ts";

function age(createdAt: number, now: number) {
  const minutes = Math.max(0, Math.round((now - createdAt) / 60_000));
  return minutes < 1 ? t("console.age.new") : minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** The time now, ticking every second while `ticking` (a customer waits), else every half minute. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ticking ? 1000 : 30_000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** One session of the list: name, badge, where the customer is or how long they have waited. */
function SessionItem({ s, now, selected, alert, list }: {
  s: SessionView;
  now: number;
  selected: boolean;
  alert: boolean;
  list: SessionList;
}) {
  const waited = waitedFor(s, now);
  const progress = progressKey(s);
  const badge = badgeOf(s);
  return (
    <li
      id={`session-${s.id}`}
      role="option"
      aria-selected={selected}
      class={`session status-${badge}${alert ? " session-alert" : ""}`}
      onClick={() => list.select(s.id)}
    >
      <span class="session-name">{s.name}</span>
      <span class={`badge badge-${badge}`}>{t(badgeKey(badge))}</span>
      <span class="session-meta">
        {t("console.pin", { pin: `${s.pin.slice(0, 3)} ${s.pin.slice(3)}` })} ·{" "}
        {waited ? t("console.waitingFor", { time: waited }) : age(s.createdAt, now)} · {t(`console.method.${s.method}`)}
      </span>
      {progress && (
        <span class={isProblem(s) ? "session-problem" : "session-progress"}>
          {t(progress)}
        </span>
      )}
    </li>
  );
}

/** The technician's sessions as a listbox: click or arrow keys select one. */
export function SessionListPanel({ list }: { list: SessionList }) {
  const sessions = list.sessions.value;
  const selectedId = list.selectedId.value;
  const alerts = list.alerts.value;
  const now = useNow(list.waitingCount.value > 0);
  return (
    <section class="session-list" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("console.sessions.list")}</h2>
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
            <SessionItem
              key={s.id}
              s={s}
              now={now}
              selected={s.id === selectedId}
              alert={alerts.some((a) => a.id === s.id)}
              list={list}
            />
          ))}
        </ul>
      )}
      {list.older.value && <p class="muted">{t("console.sessions.older", { count: String(SESSION_LIST_LIMIT) })}</p>}
    </section>
  );
}
