/**
 * Annotations drawn over the customer's picture, shared by the console (which draws) and the customer
 * app (which shows them). Shapes are in normalised picture coordinates (`shared/tools.ts`); this module
 * maps them onto whatever box shows the picture and paints them.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import { MAX_SHAPES, MAX_STROKE_POINTS } from "../../../shared/tool_limits.ts";
import type { Shape, ToolMessage } from "../../../shared/tools.ts";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How a picture is fitted into its box, as CSS `object-fit` does it. */
export type Fit = "contain" | "none" | "cover";

/** A part of the picture, in normalised picture coordinates: from (x0, y0) to (x1, y1). */
export interface Area {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where a `mediaW`×`mediaH` picture lands inside a `boxW`×`boxH` element: `contain` letterboxes it,
 * `none` shows it at its own size, centred (CSS `object-fit` with the default `object-position`); `cover`
 * fills the box and crops what overflows, centred unless that would crop `keep` (with a margin of
 * `KEEP_MARGIN` CSS pixels): then the picture moves just enough to show it (the element showing the
 * picture must get the same offset as its `object-position`).
 */
export function pictureRect(
  boxW: number,
  boxH: number,
  mediaW: number,
  mediaH: number,
  fit: Fit,
  keep?: Area,
): Rect {
  if (!mediaW || !mediaH) return { x: 0, y: 0, w: boxW, h: boxH };
  const scale = fit === "none" ? 1 : (fit === "cover" ? Math.max : Math.min)(boxW / mediaW, boxH / mediaH);
  const w = mediaW * scale;
  const h = mediaH * scale;
  return { x: offset(boxW, w, keep?.x0, keep?.x1), y: offset(boxH, h, keep?.y0, keep?.y1), w, h };
}

export const KEEP_MARGIN = 48;

/**
 * The offset of a picture `size` long in a box `box` long: centred, or, when the picture overflows,
 * as close to centred as shows its part from `from` to `to` (or centred on that part if it is longer
 * than the box), never leaving a gap at either end.
 */
function offset(box: number, size: number, from = 0.5, to = 0.5): number {
  const centred = (box - size) / 2;
  if (size <= box) return centred;
  const lo = from * size - KEEP_MARGIN;
  const hi = to * size + KEEP_MARGIN;
  const x = hi - lo > box ? box / 2 - (lo + hi) / 2 : Math.min(box - hi, Math.max(-lo, centred));
  return Math.min(0, Math.max(box - size, x));
}

/** The part of the picture a shape covers (a circle's bounding box, a stroke's or arrow's points). */
export function shapeArea(shape: Shape): Area {
  const points = shape.kind === "stroke" ? shape.points : shape.kind === "arrow" ? [shape.from, shape.to] : [
    [shape.center[0] - shape.radius[0], shape.center[1] - shape.radius[1]],
    [shape.center[0] + shape.radius[0], shape.center[1] + shape.radius[1]],
  ];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** A point in the box as a normalised picture point (clamped to the picture). */
export function toUnit(rect: Rect, x: number, y: number): [number, number] {
  const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 10_000) / 10_000));
  return [clamp((x - rect.x) / rect.w), clamp((y - rect.y) / rect.h)];
}

export const ANNOTATION_COLOR = "#ffd400";
const OUTLINE = "rgba(0,0,0,0.75)";

/** Paints `shapes` onto a context whose units are CSS pixels of the box; `rect` is the picture in it. */
export function paintShapes(ctx: CanvasRenderingContext2D, shapes: readonly Shape[], rect: Rect) {
  const line = Math.max(3, Math.min(rect.w, rect.h) * 0.008);
  const at = ([u, v]: readonly [number, number]) => [rect.x + u * rect.w, rect.y + v * rect.h] as const;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  // Each shape twice: a dark outline, then the colour, so it reads on light and dark pictures.
  for (const pass of [0, 1]) {
    ctx.strokeStyle = pass ? ANNOTATION_COLOR : OUTLINE;
    ctx.fillStyle = pass ? ANNOTATION_COLOR : OUTLINE;
    ctx.lineWidth = pass ? line : line + 3;
    for (const shape of shapes) {
      ctx.beginPath();
      if (shape.kind === "stroke" && shape.points.length === 1) {
        // A dot (a click with Draw): canvases prune zero-length lines, so it is a filled circle.
        const [x, y] = at(shape.points[0]);
        ctx.arc(x, y, ctx.lineWidth / 2, 0, Math.PI * 2);
        ctx.fill();
      } else if (shape.kind === "stroke") {
        shape.points.forEach((p, i) => (i ? ctx.lineTo(...at(p)) : ctx.moveTo(...at(p))));
        ctx.stroke();
      } else if (shape.kind === "circle") {
        const [cx, cy] = at(shape.center);
        ctx.ellipse(cx, cy, shape.radius[0] * rect.w, shape.radius[1] * rect.h, 0, 0, Math.PI * 2);
        ctx.stroke();
      } else {
        paintArrow(ctx, at(shape.from), at(shape.to), line, shape.n, pass === 1);
      }
    }
  }
}

function paintArrow(
  ctx: CanvasRenderingContext2D,
  [x0, y0]: readonly [number, number],
  [x1, y1]: readonly [number, number],
  line: number,
  n: number,
  top: boolean,
) {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  const head = line * 4.5;
  const back = (d: number, spread: number) =>
    [x1 - d * Math.cos(angle + spread), y1 - d * Math.sin(angle + spread)] as const;
  // Shaft ends where the head begins, so the tip stays sharp at the point it marks.
  ctx.moveTo(x0, y0);
  ctx.lineTo(...back(head * 0.8, 0));
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(...back(head, 0.45));
  ctx.lineTo(...back(head, -0.45));
  ctx.closePath();
  ctx.fill();
  if (!top) ctx.stroke();
  // The number sits in a badge at the tail.
  const r = line * 3.2;
  ctx.beginPath();
  ctx.arc(x0, y0, r, 0, Math.PI * 2);
  ctx.fill();
  if (top) {
    ctx.fillStyle = "#000";
    ctx.font = `bold ${Math.round(r * 1.3)}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(String(n), x0, y0 + r * 0.05);
    ctx.fillStyle = ANNOTATION_COLOR;
  }
}

/** The drawing of one session: shapes in order, changed by tools messages from either side. */
export function createDrawing() {
  const shapes = signal<Shape[]>([]);
  return {
    shapes: shapes as ReadonlySignal<Shape[]>,
    /** Applies a drawing message; returns false for messages that are not about the drawing. */
    apply(message: ToolMessage): boolean {
      if (message.type === "shape") {
        const i = shapes.value.findIndex((s) => s.id === message.shape.id);
        if (i === -1 && shapes.value.length >= MAX_SHAPES) return true;
        const next = [...shapes.value];
        if (i === -1) next.push(message.shape);
        else next[i] = message.shape;
        shapes.value = next;
      } else if (message.type === "undo") {
        shapes.value = shapes.value.filter((s) => s.id !== message.id);
      } else if (message.type === "clear") {
        shapes.value = [];
      } else if (message.type === "drawing") {
        shapes.value = message.shapes;
      } else {
        return false;
      }
      return true;
    },
    /** The number the next arrow gets: one more than the highest arrow still on the picture. */
    nextArrowNumber: () => shapes.value.reduce((n, s) => (s.kind === "arrow" ? Math.max(n, s.n) : n), 0) + 1,
  };
}
export type Drawing = ReturnType<typeof createDrawing>;

/** The console's drawing tools: freehand, numbered arrow, circle. */
export type DrawTool = "draw" | "arrow" | "circle";

/**
 * The shape `tool` makes from `start` to `p` (picture points) on a picture shown as `rect`; `prev` is
 * the same shape so far (a growing stroke keeps its points, an arrow its number).
 */
export function shapeFor(
  tool: DrawTool,
  id: string,
  start: [number, number],
  p: [number, number],
  rect: Rect,
  prev: Shape | undefined,
  nextArrow: () => number,
): Shape {
  if (tool === "draw") {
    return { kind: "stroke", id, points: extendStroke(prev?.kind === "stroke" ? prev.points : [start], p) };
  }
  const r = rect;
  if (tool === "circle") {
    // A circle on screen, whatever the picture's aspect ratio; a click gives a small default one.
    const px = Math.hypot((p[0] - start[0]) * r.w, (p[1] - start[1]) * r.h) || Math.min(r.w, r.h) * 0.06;
    return { kind: "circle", id, center: start, radius: [Math.min(1, px / r.w), Math.min(1, px / r.h)] };
  }
  const n = prev?.kind === "arrow" ? prev.n : nextArrow();
  const dragged = Math.hypot((p[0] - start[0]) * r.w, (p[1] - start[1]) * r.h) > 12;
  if (dragged) return { kind: "arrow", id, from: start, to: p, n };
  // A click places an arrow pointing at the spot from its lower left (upper/right near the edges).
  const dx = (start[0] < 0.2 ? 1 : -1) * 0.09 * Math.min(1, r.h / r.w);
  const dy = start[1] > 0.8 ? -0.09 : 0.09;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { kind: "arrow", id, from: [clamp(start[0] + dx), clamp(start[1] + dy)], to: start, n };
}

/** Appends a point to a stroke unless it is closer than `minStep` to the last one or the stroke is full. */
export function extendStroke(points: [number, number][], p: [number, number], minStep = 0.003) {
  const last = points[points.length - 1];
  if (points.length >= MAX_STROKE_POINTS) return points;
  if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < minStep) return points;
  return [...points, p];
}
