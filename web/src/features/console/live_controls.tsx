import { t } from "../../lib/i18n.ts";
import { AudioControls } from "./audio_controls.tsx";
import { Icon } from "../../ui/icons.tsx";
import { consoleIcons as icons } from "./icon_paths.ts";
import type { LiveSession } from "./live_session.ts";
import type { ConsoleModel } from "./model.ts";

/** The customer's camera zoom, within the range their camera reported. */
function CustomerZoom({ model }: { model: ConsoleModel }) {
  const zoom = model.remote.caps.value.zoom!;
  return (
    <label class="volume">
      <span>{t("console.remote.zoom")}</span>
      <input
        type="range"
        min={zoom.min}
        max={zoom.max}
        step={zoom.step}
        value={zoom.value}
        onInput={(e) => void model.remote.setZoom(Number((e.currentTarget as HTMLInputElement).value))}
      />
    </label>
  );
}

/** The customer's camera: switch, zoom and flashlight, as far as their camera can. */
export function CustomerCameraControls({ model }: { model: ConsoleModel }) {
  const { remote } = model;
  const caps = remote.caps.value;
  return (
    <>
      <button type="button" onClick={() => void remote.switchCamera()}>
        {t("console.remote.switch")}
      </button>
      {caps.zoom && <CustomerZoom model={model} />}
      {caps.torch && (
        <button type="button" aria-pressed={remote.torch.value} onClick={() => void remote.toggleTorch()}>
          {t("console.remote.torch")}
        </button>
      )}
    </>
  );
}

/** Hold, or Resume while the customer's camera and microphone are held. */
export function HoldButton({ live, withIcon = false }: { live: LiveSession; withIcon?: boolean }) {
  const held = live.held.value;
  return (
    <button type="button" onClick={() => void live.toggleHold()}>
      {withIcon && <Icon path={held ? icons.resume : icons.hold} />}
      <span class="tool-label">{held ? t("console.resume") : t("console.hold")}</span>
    </button>
  );
}

/** While live, in the wide layout: audio, the customer's camera and Hold (End and Chat sit apart). */
export function LiveControls({ model }: { model: ConsoleModel }) {
  return (
    <>
      <AudioControls live={model.live} view={model.view} />
      <CustomerCameraControls model={model} />
      <HoldButton live={model.live} />
    </>
  );
}
