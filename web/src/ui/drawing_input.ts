/**
 * Pointer and keyboard input of the annotation layer turned into shapes: a shape grows while the
 * pointer moves (reported at most once per animation frame) and is done on release. Keyboard drawing:
 * arrow keys move a pointer (Shift: faster), Enter or Space places an arrow or a circle there, or starts
 * and ends a freehand line that follows the pointer; Escape ends a line.
 */
import type { Shape } from "../../../shared/tools.ts";
import { type DrawTool, type Rect, shapeFor } from "../lib/annotations.ts";

export interface DrawingInputOptions {
  tool(): DrawTool | null | undefined;
  /** The picture's rectangle in the canvas's CSS pixels. */
  rect(): Rect;
  /** A pointer event's position as a picture point. */
  unitAt(e: PointerEvent): [number, number];
  onShape(shape: Shape, done: boolean): void;
  nextArrow(): number;
  /** The keyboard pointer moved or a shape changed: paint again. */
  repaint(): void;
}

const clampUnit = (v: number) => Math.min(1, Math.max(0, Math.round(v * 10_000) / 10_000));

export function drawingInput(options: DrawingInputOptions) {
  let current: { shape: Shape; start: [number, number]; frame: number } | null = null;
  /** The keyboard pointer, as a picture point. */
  let cursor: [number, number] = [0.5, 0.5];
  const make = (tool: DrawTool, id: string, start: [number, number], p: [number, number], prev?: Shape) =>
    shapeFor(tool, id, start, p, options.rect(), prev, options.nextArrow);

  /** Enter or Space: finishes a line in progress, starts one, or places an arrow or circle. */
  function place(tool: DrawTool) {
    const d = current;
    if (d) {
      current = null;
      options.onShape(d.shape, true);
    } else if (tool === "draw") {
      current = { shape: make(tool, crypto.randomUUID(), cursor, cursor), start: cursor, frame: 0 };
      options.onShape(current.shape, false);
    } else {
      options.onShape(make(tool, crypto.randomUUID(), cursor, cursor), true);
    }
  }

  return {
    cursor: () => cursor,
    onPointerDown(e: PointerEvent) {
      const tool = options.tool();
      if (!tool || e.button !== 0) return;
      e.preventDefault();
      (e.currentTarget as Element).setPointerCapture(e.pointerId);
      const start = options.unitAt(e);
      current = { shape: make(tool, crypto.randomUUID(), start, start), start, frame: 0 };
      options.onShape(current.shape, false);
    },
    onPointerMove(e: PointerEvent) {
      const d = current;
      const tool = options.tool();
      if (!d || !tool) return;
      d.shape = make(tool, d.shape.id, d.start, options.unitAt(e), d.shape);
      // At most one message per frame while the pointer moves.
      if (!d.frame) {
        d.frame = requestAnimationFrame(() => {
          d.frame = 0;
          if (current === d) options.onShape(d.shape, false);
        });
      }
    },
    onPointerUp(e: PointerEvent) {
      const d = current;
      const tool = options.tool();
      if (!d || !tool) return;
      current = null;
      cancelAnimationFrame(d.frame);
      options.onShape(make(tool, d.shape.id, d.start, options.unitAt(e), d.shape), true);
    },
    onKeyDown(e: KeyboardEvent) {
      const tool = options.tool();
      if (!tool) return;
      const step = e.shiftKey ? 0.1 : 0.02;
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [-step, 0],
        ArrowRight: [step, 0],
        ArrowUp: [0, -step],
        ArrowDown: [0, step],
      };
      const d = current;
      if (moves[e.key]) {
        const [dx, dy] = moves[e.key];
        cursor = [clampUnit(cursor[0] + dx), clampUnit(cursor[1] + dy)];
        if (d) {
          d.shape = make(tool, d.shape.id, d.start, cursor, d.shape);
          options.onShape(d.shape, false);
        }
      } else if (e.key === "Enter" || e.key === " ") {
        place(tool);
      } else if (e.key === "Escape" && d) {
        current = null;
        options.onShape(d.shape, true);
      } else {
        return;
      }
      e.preventDefault();
      options.repaint();
    },
  };
}
