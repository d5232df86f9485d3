/**
 * A canvas over a <video> or <img> that paints the drawing where it belongs on the picture and, when a
 * drawing tool is chosen, turns pointer input into shapes. Its parent must be positioned and hold the
 * media element at the same size (the canvas covers the parent). With `fit="cover"` the layer also sets
 * the media element's `object-position`, so that the newest shape stays in view on both.
 */
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { Shape } from "../../../shared/tools.ts";
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
}

function mediaSize(el: HTMLVideoElement | HTMLImageElement | null): [number, number] {
  if (!el) return [0, 0];
  return el instanceof HTMLVideoElement ? [el.videoWidth, el.videoHeight] : [el.naturalWidth, el.naturalHeight];
}

export function AnnotationLayer(props: AnnotationLayerProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  latest.current = props;

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
    paintShapes(ctx, latest.current.shapes, r);
    // The keyboard pointer, while the canvas has focus and a tool is chosen.
    if (latest.current.tool && document.activeElement === canvas) paintCursor(ctx, r, input.cursor());
  };

  useEffect(paint, [props.shapes, props.fit]);

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
  );
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
