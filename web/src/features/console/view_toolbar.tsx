import { t } from "../../lib/i18n.ts";
import type { ConsoleModel } from "./model.ts";

/** How the picture is shown: Fit, Actual size, Zoom in/out, Fullscreen; Screenshot; Connection details. */
export function ViewToolbar(
  { model, fullscreen, onFullscreen, onScreenshot }: {
    model: ConsoleModel;
    fullscreen: boolean;
    onFullscreen(): void;
    onScreenshot(): void;
  },
) {
  const { view } = model;
  const fit = view.fit.value;
  const zoom = view.zoom.value;
  return (
    <div role="toolbar" class="video-tools" aria-label={t("console.view.toolbar")}>
      <button type="button" aria-pressed={fit === "fit" && zoom === 1} onClick={view.fitToFrame}>
        {t("console.view.fit")}
      </button>
      <button type="button" aria-pressed={fit === "actual" && zoom === 1} onClick={view.actualSize}>
        {t("console.view.actual")}
      </button>
      <button type="button" disabled={!view.canZoomIn.value} onClick={view.zoomIn}>
        {t("console.view.zoomIn")}
      </button>
      <button type="button" disabled={!view.canZoomOut.value} onClick={view.zoomOut}>
        {t("console.view.zoomOut")}
      </button>
      <button type="button" aria-pressed={fullscreen} onClick={onFullscreen}>
        {t("console.view.fullscreen")}
      </button>
      <button type="button" disabled={!model.live.videoTrack.value} onClick={onScreenshot}>
        {t("console.screenshot")}
      </button>
      <button type="button" aria-pressed={model.details.details.value !== null} onClick={model.details.toggle}>
        {t("console.details")}
      </button>
    </div>
  );
}
