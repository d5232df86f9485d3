/**
 * A canvas over a <video> or <img> that paints the drawing where it belongs on the picture and, when a
 * drawing tool is chosen, turns pointer input into shapes. Its parent must be positioned and hold the
 * media element at the same size (the canvas covers the parent).
 */
import { useEffect, useRef } from "preact/hooks";
import type { Shape } from "../../../shared/tools.ts";
import { extendStroke, paintShapes, pictureRect, type Rect, toUnit } from "./annotations.ts";

export type DrawTool = "draw" | "arrow" | "circle";

export interface AnnotationLayerProps {
  shapes: readonly Shape[];
  /** The element showing the picture (a ref). */
  media: { readonly current: HTMLVideoElement | HTMLImageElement | null };
  fit: "contain" | "none";
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
    const [w, h] = mediaSize(latest.current.media.current);
    return pictureRect(canvas.clientWidth, canvas.clientHeight, w, h, latest.current.fit);
  };

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
    paintShapes(ctx, latest.current.shapes, r);
    // The keyboard pointer, while the canvas has focus and a tool is chosen.
    if (latest.current.tool && document.activeElement === canvas) {
      const [x, y] = [r.x + cursor.current[0] * r.w, r.y + cursor.current[1] * r.h];
      ctx.strokeStyle = "#fff";
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x - 12, y);
      ctx.lineTo(x + 12, y);
      ctx.moveTo(x, y - 12);
      ctx.lineTo(x, y + 12);
      ctx.stroke();
    }
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

  const drawing = useRef<{ shape: Shape; start: [number, number]; frame: number } | null>(null);
  const cursor = useRef<[number, number]>([0.5, 0.5]);

  /** The pointer's position in the canvas's own (untransformed) CSS pixels, as a picture point. */
  const unitAt = (e: PointerEvent): [number, number] => {
    const canvas = canvasRef.current!;
    const box = canvas.getBoundingClientRect();
    const sx = canvas.clientWidth / box.width;
    const sy = canvas.clientHeight / box.height;
    return toUnit(rect(), (e.clientX - box.left) * sx, (e.clientY - box.top) * sy);
  };

  const shapeFor = (tool: DrawTool, id: string, start: [number, number], p: [number, number], prev?: Shape): Shape => {
    if (tool === "draw") {
      return { kind: "stroke", id, points: extendStroke(prev?.kind === "stroke" ? prev.points : [start], p) };
    }
    const r = rect();
    if (tool === "circle") {
      // A circle on screen, whatever the picture's aspect ratio; a click gives a small default one.
      const px = Math.hypot((p[0] - start[0]) * r.w, (p[1] - start[1]) * r.h) || Math.min(r.w, r.h) * 0.06;
      return { kind: "circle", id, center: start, radius: [Math.min(1, px / r.w), Math.min(1, px / r.h)] };
    }
    const n = prev?.kind === "arrow" ? prev.n : latest.current.nextArrow?.() ?? 1;
    const dragged = Math.hypot((p[0] - start[0]) * r.w, (p[1] - start[1]) * r.h) > 12;
    if (dragged) return { kind: "arrow", id, from: start, to: p, n };
    // A click places an arrow pointing at the spot from its lower left (upper/right near the edges).
    const dx = (start[0] < 0.2 ? 1 : -1) * 0.09 * Math.min(1, r.h / r.w);
    const dy = start[1] > 0.8 ? -0.09 : 0.09;
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return { kind: "arrow", id, from: [clamp(start[0] + dx), clamp(start[1] + dy)], to: start, n };
  };

  const onPointerDown = (e: PointerEvent) => {
    const tool = latest.current.tool;
    if (!tool || e.button !== 0) return;
    e.preventDefault();
    canvasRef.current!.setPointerCapture(e.pointerId);
    const start = unitAt(e);
    const shape = shapeFor(tool, crypto.randomUUID(), start, start);
    drawing.current = { shape, start, frame: 0 };
    latest.current.onShape?.(shape, false);
  };

  const onPointerMove = (e: PointerEvent) => {
    const d = drawing.current;
    const tool = latest.current.tool;
    if (!d || !tool) return;
    d.shape = shapeFor(tool, d.shape.id, d.start, unitAt(e), d.shape);
    // At most one message per frame while the pointer moves.
    if (!d.frame) {
      d.frame = requestAnimationFrame(() => {
        d.frame = 0;
        if (drawing.current === d) latest.current.onShape?.(d.shape, false);
      });
    }
  };

  const onPointerUp = (e: PointerEvent) => {
    const d = drawing.current;
    const tool = latest.current.tool;
    if (!d || !tool) return;
    drawing.current = null;
    cancelAnimationFrame(d.frame);
    latest.current.onShape?.(shapeFor(tool, d.shape.id, d.start, unitAt(e), d.shape), true);
  };

  /**
   * Keyboard drawing: arrow keys move a pointer (Shift: faster), Enter or Space places an arrow or a
   * circle there, or starts and ends a freehand line that follows the pointer; Escape ends a line.
   */
  const onKeyDown = (e: KeyboardEvent) => {
    const tool = latest.current.tool;
    if (!tool) return;
    const step = e.shiftKey ? 0.1 : 0.02;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 10_000) / 10_000));
    const d = drawing.current;
    if (moves[e.key]) {
      const [dx, dy] = moves[e.key];
      cursor.current = [clamp(cursor.current[0] + dx), clamp(cursor.current[1] + dy)];
      if (d) {
        d.shape = shapeFor(tool, d.shape.id, d.start, cursor.current, d.shape);
        latest.current.onShape?.(d.shape, false);
      }
    } else if (e.key === "Enter" || e.key === " ") {
      if (d) {
        drawing.current = null;
        latest.current.onShape?.(d.shape, true);
      } else if (tool === "draw") {
        const start = cursor.current;
        drawing.current = { shape: shapeFor(tool, crypto.randomUUID(), start, start), start, frame: 0 };
        latest.current.onShape?.(drawing.current.shape, false);
      } else {
        latest.current.onShape?.(shapeFor(tool, crypto.randomUUID(), cursor.current, cursor.current), true);
      }
    } else if (e.key === "Escape" && d) {
      drawing.current = null;
      latest.current.onShape?.(d.shape, true);
    } else {
      return;
    }
    e.preventDefault();
    paint();
  };

  return (
    <canvas
      ref={canvasRef}
      class={`annotations${props.tool ? " drawing" : ""}`}
      role="img"
      aria-label={props.tool && props.keyboardHint ? `${props.label}. ${props.keyboardHint}` : props.label}
      tabIndex={props.tool ? 0 : undefined}
      onKeyDown={onKeyDown}
      onFocus={paint}
      onBlur={paint}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
