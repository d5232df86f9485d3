/**
 * A canvas over a <video> or <img> that paints the drawing where it belongs on the picture and, when a
 * drawing tool is chosen, turns pointer input into shapes. Its parent must be positioned and hold the
 * media element at the same size (the canvas covers the parent). With `fit="cover"` the layer also sets
 * the media element's `object-position`, so that the newest shape stays in view on both.
 */
import type { ReadonlySignal } from "@preact/signals";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Shape } from "../../../shared/tools.ts";
import { placeShapes, type PoseMap } from "../lib/anchored.ts";
import { type DrawTool, type Fit, paintShapes, pictureRect, type Rect, shapeArea, toUnit } from "../lib/annotations.ts";
import { drawingInput } from "./drawing_input.ts";

export type { DrawTool };

export interface AnnotationLayerProps {
  shapes: readonly Shape[];
  /** The element showing the picture (a ref). */
  media: { readonly current: HTMLVideoElement | HTMLImageElement | null };
  fit: Fit;
  label: string;
  /** Set on the console: pointer input draws with this tool. */
  tool?: DrawTool | null;
  /** A shape in progress (`done` false, at most once per animation frame) or finished. */
  onShape?: (shape: Shape, done: boolean) => void;
  /** Number for a new arrow. */
  nextArrow?: () => number;
  /** While drawing: how to draw with the keyboard (read by screen readers with the canvas's name). */
  keyboardHint?: string;
  /**
   * Where anchored shapes are on the picture shown: a signal while they follow the object (each change
   * paints), a fixed map on a still; absent: as drawn.
   */
  poses?: ReadonlySignal<PoseMap | null> | PoseMap | null;
  /**
   * The camera frame the poses belong to, painted under the marks so that both change together (it
   * covers the live video while there is one).
   */
  picture?: ReadonlySignal<CanvasImageSource | null>;
  /** The cue by a mark whose object has left the picture. */
  lostLabel?: string;
}

const posesOf = (poses: AnnotationLayerProps["poses"]): PoseMap | null =>
  !poses || poses instanceof Map ? poses ?? null : (poses as ReadonlySignal<PoseMap | null>).value;

/**
 * A mark whose object left the picture dims at once to this opacity (it never reads as still on its
 * object), fades out over `FADE_MS`, then leaves a cue.
 */
const FADE_FROM = 0.6;
const FADE_MS = 400;

function mediaSize(el: HTMLVideoElement | HTMLImageElement | null): [number, number] {
  if (!el) return [0, 0];
  return el instanceof HTMLVideoElement ? [el.videoWidth, el.videoHeight] : [el.naturalWidth, el.naturalHeight];
}

export function AnnotationLayer(props: AnnotationLayerProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const pictureRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const fading = useMemo(() => createFades(), []);
  /** Marks out of view now, told to screen readers (and tests) as well as drawn. */
  const [lostCount, setLostCount] = useState(0);
  const lostShown = useRef(0);

  /** The picture's rectangle in the canvas's CSS pixels (before any CSS transform). */
  const rect = (): Rect => {
    const canvas = canvasRef.current!;
    const { media, fit, shapes } = latest.current;
    const [w, h] = mediaSize(media.current);
    const newest = shapes[shapes.length - 1];
    const keep = fit === "cover" && newest ? shapeArea(newest) : undefined;
    return pictureRect(canvas.clientWidth, canvas.clientHeight, w, h, fit, keep);
  };

  const input = useMemo(() =>
    drawingInput({
      tool: () => latest.current.tool,
      rect,
      unitAt(e) {
        // The pointer's position in the canvas's own (untransformed) CSS pixels, as a picture point.
        const canvas = canvasRef.current!;
        const box = canvas.getBoundingClientRect();
        const sx = canvas.clientWidth / box.width;
        const sy = canvas.clientHeight / box.height;
        return toUnit(rect(), (e.clientX - box.left) * sx, (e.clientY - box.top) * sy);
      },
      onShape: (shape, done) => latest.current.onShape?.(shape, done),
      nextArrow: () => latest.current.nextArrow?.() ?? 1,
      repaint: () => paint(),
    }), []);

  const paint = () => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = globalThis.devicePixelRatio || 1;
    const width = Math.round(canvas.clientWidth * dpr);
    const height = Math.round(canvas.clientHeight * dpr);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext("2d")!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const r = rect();
    const media = latest.current.media.current;
    if (latest.current.fit === "cover" && media) media.style.objectPosition = `${r.x}px ${r.y}px`;
    paintPicture(pictureRef.current, latest.current.picture?.value ?? null, r, dpr);
    const { shown, lost } = placeShapes(latest.current.shapes, posesOf(latest.current.poses));
    paintShapes(ctx, shown, r);
    const fade = fading.paint(ctx, shown, lost, r, latest.current.lostLabel ?? "");
    if (fade.running) requestAnimationFrame(paint);
    if (fade.lost !== lostShown.current) setLostCount(lostShown.current = fade.lost);
    // The keyboard pointer, while the canvas has focus and a tool is chosen.
    if (latest.current.tool && document.activeElement === canvas) paintCursor(ctx, r, input.cursor());
  };

  useEffect(paint, [props.shapes, props.fit]);
  // A new pose paints at once (in the task that brought it), not after the next render.
  useEffect(() => {
    const poses = props.poses;
    return poses && !(poses instanceof Map)
      ? (poses as ReadonlySignal<PoseMap | null>).subscribe(() => paint())
      : undefined;
  }, [props.poses]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const media = props.media.current;
    const observer = new ResizeObserver(paint);
    observer.observe(canvas);
    const events = ["resize", "loadedmetadata", "load"];
    events.forEach((e) => media?.addEventListener(e, paint));
    return () => {
      observer.disconnect();
      events.forEach((e) => media?.removeEventListener(e, paint));
    };
  }, [props.media.current]);

  return (
    <>
      {props.picture && <canvas ref={pictureRef} class="tracked-picture" aria-hidden="true" />}
      <canvas
        ref={canvasRef}
        class={`annotations${props.tool ? " drawing" : ""}`}
        role="img"
        aria-label={props.tool && props.keyboardHint ? `${props.label}. ${props.keyboardHint}` : props.label}
        tabIndex={props.tool ? 0 : undefined}
        onKeyDown={input.onKeyDown}
        onFocus={paint}
        onBlur={paint}
        onPointerDown={input.onPointerDown}
        onPointerMove={input.onPointerMove}
        onPointerUp={input.onPointerUp}
        onPointerCancel={input.onPointerUp}
      />
      {props.lostLabel && <span class="visually-hidden" role="status">{lostCount ? props.lostLabel : ""}</span>}
    </>
  );
}

/**
 * The tracked camera frame, on its own canvas under the marks' (painted in the same task, so both show
 * together); cleared when there is none and the live video shows through.
 */
function paintPicture(canvas: HTMLCanvasElement | null, frame: CanvasImageSource | null, r: Rect, dpr: number) {
  if (!canvas) return;
  const [width, height] = [Math.round(canvas.clientWidth * dpr), Math.round(canvas.clientHeight * dpr)];
  if (canvas.width !== width || canvas.height !== height) [canvas.width, canvas.height] = [width, height];
  const ctx = canvas.getContext("2d")!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (frame) ctx.drawImage(frame, r.x * dpr, r.y * dpr, r.w * dpr, r.h * dpr);
}

/** The keyboard pointer: a white cross at picture point `at`. */
function paintCursor(ctx: CanvasRenderingContext2D, r: Rect, at: [number, number]) {
  const [x, y] = [r.x + at[0] * r.w, r.y + at[1] * r.h];
  ctx.strokeStyle = "#fff";
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x - 12, y);
  ctx.lineTo(x + 12, y);
  ctx.moveTo(x, y - 12);
  ctx.lineTo(x, y + 12);
  ctx.stroke();
}

/**
 * Marks whose object left the picture: each dims and fades out where it was last seen, then a small cue stays at
 * the nearest edge until it comes back. `paint` returns whether a fade is still running and how many
 * marks are out of view.
 */
function createFades() {
  const last = new Map<string, Shape>();
  const since = new Map<string, number>();
  return {
    paint(ctx: CanvasRenderingContext2D, shown: Shape[], lost: Shape[], r: Rect, label: string) {
      shown.forEach((s) => (last.set(s.id, s), since.delete(s.id)));
      const now = performance.now();
      let running = false;
      let count = 0;
      for (const shape of lost) {
        const seen = last.get(shape.id);
        if (!seen) continue;
        count++;
        if (!since.has(shape.id)) since.set(shape.id, now);
        const alpha = FADE_FROM * (1 - (now - since.get(shape.id)!) / FADE_MS);
        if (alpha > 0) {
          running = true;
          ctx.globalAlpha = alpha;
          paintShapes(ctx, [seen], r);
          ctx.globalAlpha = 1;
        } else if (label) paintCue(ctx, r, shapeArea(seen), label);
      }
      return { running, lost: count };
    },
  };
}

/** "Moved out of view" by the picture's edge nearest to where the mark was last seen. */
function paintCue(
  ctx: CanvasRenderingContext2D,
  r: Rect,
  a: { x0: number; y0: number; x1: number; y1: number },
  label: string,
) {
  ctx.font = "600 13px system-ui, sans-serif";
  const w = ctx.measureText(label).width + 20;
  const h = 26;
  const cx = r.x + ((a.x0 + a.x1) / 2) * r.w;
  const cy = r.y + ((a.y0 + a.y1) / 2) * r.h;
  const x = Math.min(r.x + r.w - w - 8, Math.max(r.x + 8, cx - w / 2));
  const y = Math.min(r.y + r.h - h - 8, Math.max(r.y + 8, cy - h / 2));
  ctx.fillStyle = "rgba(0,0,0,0.7)";
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, h / 2);
  ctx.fill();
  // White, not the marks' yellow: the cue is not a mark.
  ctx.fillStyle = "#fff";
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.fillText(label, x + 10, y + h / 2 + 1);
}
