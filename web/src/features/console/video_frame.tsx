import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import { AnnotationLayer } from "../../ui/annotation_layer.tsx";
import { DetailsOverlay } from "./details_overlay.tsx";
import type { ConsoleModel } from "./model.ts";
import { PictureToolbar } from "./picture_toolbar.tsx";
import { takeScreenshot } from "./screenshot.ts";
import { usePan } from "./use_pan.ts";
import { ViewToolbar } from "./view_toolbar.tsx";

/** Whether `frame` is the page's fullscreen element, kept up to date. */
function useFullscreen(frame: { current: HTMLElement | null }) {
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const sync = () =>
      setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === frame.current);
    document.addEventListener("fullscreenchange", sync);
    return () => document.removeEventListener("fullscreenchange", sync);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.current?.requestFullscreen().catch(() => {});
  };
  return [fullscreen, toggle] as const;
}

/**
 * The customer's camera (or a still) with the drawing over it, zoomed and panned, and its toolbars; with
 * `bar`, one toolbar of its own (the phone layout's) that gets the view buttons to place.
 */
export function VideoFrame(
  { model, hidden, bar }: { model: ConsoleModel; hidden: boolean; bar?: (viewTools: JSX.Element) => JSX.Element },
) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const stillRef = useRef<HTMLImageElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [fullscreen, toggleFullscreen] = useFullscreen(frameRef);
  const { live, view } = model;
  const tools = live.tools.value;
  const still = tools?.still.value ?? null;
  const shapes = tools?.drawing.shapes.value ?? [];
  const track = live.videoTrack.value;
  useEffect(() => {
    const el = videoRef.current;
    if (!el || !track) return;
    track.attach(el);
    tools?.showing(el);
    return () => {
      tools?.showing(null);
      track.detach(el);
    };
  }, [track, tools]);
  // Marks follow the object on the live picture; on a still they stay where they were when it was taken.
  const poses = still?.url ? still.poses : tools?.poses;
  const fit = view.fit.value;
  const zoom = view.zoom.value;
  const { pan, panning, handlers: panHandlers } = usePan(zoom > 1 && !tools?.tool.value, [zoom, fit]);
  const stillLabel = still?.url &&
    t(still.mode === "photo" ? "console.still.photoAlt" : "console.still.freezeAlt", {
      size: `${still.width}×${still.height}`,
    });
  const screenshot = async () => {
    const picture = still?.url ? stillRef.current : videoRef.current;
    const shot = picture && await takeScreenshot(picture, shapes);
    if (shot) await model.keepScreenshot(shot.blob, shot.width, shot.height);
  };
  const viewTools = (
    <ViewToolbar
      model={model}
      fullscreen={fullscreen}
      onFullscreen={toggleFullscreen}
      onScreenshot={() => void screenshot()}
    />
  );
  return (
    <div class="video-frame" ref={frameRef} hidden={hidden}>
      <div
        class={`video-viewport${panning ? " pannable" : ""}`}
        tabIndex={panning ? 0 : undefined}
        aria-label={panning ? t("console.view.pan") : undefined}
        role={panning ? "group" : undefined}
        {...panHandlers}
      >
        <div
          class={`video-stage fit-${fit}`}
          style={{
            transform: zoom === 1 && !pan.x && !pan.y ? "" : `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`,
          }}
        >
          <video ref={videoRef} hidden={!!still?.url} aria-label={t("console.video")} autoplay playsInline />
          {still?.url && <img ref={stillRef} src={still.url} alt={stillLabel || ""} />}
          {/* On Hold the camera is off: no marks floating over a black picture. */}
          {tools && !live.held.value && (
            <AnnotationLayer
              shapes={shapes}
              media={still?.url ? stillRef : videoRef}
              fit={fit === "fit" ? "contain" : "none"}
              label={t("console.annotations")}
              poses={poses}
              picture={still?.url ? undefined : tools.picture}
              lostLabel={t("console.annotations.lost")}
              tool={tools.tool.value}
              onShape={tools.draw}
              nextArrow={tools.drawing.nextArrowNumber}
              keyboardHint={t("console.tool.keyboard")}
            />
          )}
        </div>
      </div>
      {bar ? bar(viewTools) : viewTools}
      {stillLabel && <p class="still-badge" role="status">{stillLabel}</p>}
      {!bar && tools && <PictureToolbar model={model} />}
      {model.details.details.value !== null && <DetailsOverlay stats={model.details.details.value} />}
    </div>
  );
}
