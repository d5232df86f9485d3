import type { ComponentChildren } from "preact";
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

/** Mute or unmute the technician's microphone: pressed while muted, and then named Unmute. */
export function MuteButton({ live, icon }: { live: LiveSession; icon?: ComponentChildren }) {
  const muted = live.micMuted.value;
  return (
    <button type="button" aria-pressed={muted} onClick={() => void live.toggleMic()}>
      {icon}
      <span class="tool-label">{t(muted ? "console.mic.unmute" : "console.mic.mute")}</span>
    </button>
  );
}

/**
 * Audio: mute the technician's microphone, its level, and the customer's voice volume (without the
 * mute button in the phone layout, which has it on its toolbar).
 */
export function AudioControls({ live, view, compact = false }: { live: LiveSession; view: View; compact?: boolean }) {
  return (
    <div class="audio" role="group" aria-label={t("console.audio")}>
      {!compact && <MuteButton live={live} />}
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
