import { t } from "../../lib/i18n.ts";
import type { SessionList } from "./session_list.ts";

/** The visual alert: who started waiting, until the technician selects them. */
export function WaitingAlert({ list }: { list: SessionList }) {
  const waiting = list.alerts.value;
  if (!waiting.length) return null;
  return (
    <div class="banner waiting-alert" role="alert">
      {waiting.map((s) => (
        <button key={s.id} type="button" onClick={() => list.select(s.id)}>
          {t("console.alert.waiting", { name: s.name })}
        </button>
      ))}
    </div>
  );
}

/** The opt-out of the waiting sound (remembered in this browser). */
export function SoundToggle({ list }: { list: SessionList }) {
  return (
    <label class="toolbar-note check">
      <input
        type="checkbox"
        checked={list.sound.value}
        onChange={(e) => list.setSound((e.currentTarget as HTMLInputElement).checked)}
      />
      {t("console.sound")}
    </label>
  );
}
