import { t } from "../../lib/i18n.ts";
import { AudioControls } from "./audio_controls.tsx";
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

/** While live: audio, the customer's camera (switch, zoom, flashlight), Hold and End (which asks first). */
export function LiveControls({ model, onEnd }: { model: ConsoleModel; onEnd(): void }) {
  const { live, remote } = model;
  const caps = remote.caps.value;
  return (
    <>
      <AudioControls live={live} view={model.view} />
      <button type="button" onClick={() => void remote.switchCamera()}>
        {t("console.remote.switch")}
      </button>
      {caps.zoom && <CustomerZoom model={model} />}
      {caps.torch && (
        <button type="button" aria-pressed={remote.torch.value} onClick={() => void remote.toggleTorch()}>
          {t("console.remote.torch")}
        </button>
      )}
      <button type="button" onClick={() => void live.toggleHold()}>
        {live.held.value ? t("console.resume") : t("console.hold")}
      </button>
      <button type="button" class="danger" onClick={onEnd}>
        {t("console.end")}
      </button>
    </>
  );
}
