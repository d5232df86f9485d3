/**
 * How the technician views the customer's camera: fitted into the frame or one video pixel per CSS
 * pixel, zoomed in steps, and the customer's voice volume.
 */
import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";

export type VideoFit = "fit" | "actual";
const ZOOM_STEP = 1.25;
const ZOOM_MIN = 0.25;
const ZOOM_MAX = 8;

/** `onVolume` gets the customer's voice volume, 0–1, whenever it changes. */
export function createView(onVolume: (volume: number) => void) {
  const fit = signal<VideoFit>("fit");
  const zoom = signal(1);
  const volume = signal(100);
  const show = (nextFit: VideoFit) =>
    batch(() => {
      fit.value = nextFit;
      zoom.value = 1;
    });
  return {
    fit: fit as ReadonlySignal<VideoFit>,
    zoom: zoom as ReadonlySignal<number>,
    /** Percent, 0–100. */
    volume: volume as ReadonlySignal<number>,
    canZoomIn: computed(() => zoom.value < ZOOM_MAX),
    canZoomOut: computed(() => zoom.value > ZOOM_MIN),
    fitToFrame: () => show("fit"),
    actualSize: () => show("actual"),
    zoomIn: () => (zoom.value = Math.min(ZOOM_MAX, zoom.value * ZOOM_STEP)),
    zoomOut: () => (zoom.value = Math.max(ZOOM_MIN, zoom.value / ZOOM_STEP)),
    setVolume(percent: number) {
      volume.value = Math.min(100, Math.max(0, Math.round(percent)));
      onVolume(volume.value / 100);
    },
  };
}
export type View = ReturnType<typeof createView>;
