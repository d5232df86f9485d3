import { t } from "../../lib/i18n.ts";
import type { LiveSession } from "./live_session.ts";
import type { View } from "./view.ts";

/** The technician's microphone level; its own component so each frame re-renders only the meter. */
function MicMeter({ live }: { live: LiveSession }) {
  const level = live.micLevel.value;
  return (
    <div
      class="meter"
      role="meter"
      aria-label={t("console.mic.level")}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={level}
    >
      <span class="meter-bar" style={{ width: `${level}%` }} />
    </div>
  );
}

/** Audio: mute the technician's microphone, its level, and the customer's voice volume. */
export function AudioControls({ live, view }: { live: LiveSession; view: View }) {
  return (
    <div class="audio" role="group" aria-label={t("console.audio")}>
      <button type="button" aria-pressed={live.micMuted.value} onClick={() => void live.toggleMic()}>
        {t("console.mic.mute")}
      </button>
      <MicMeter live={live} />
      <label class="volume">
        <span>{t("console.volume")}</span>
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={view.volume.value}
          onInput={(e) => view.setVolume(Number((e.currentTarget as HTMLInputElement).value))}
        />
      </label>
    </div>
  );
}
