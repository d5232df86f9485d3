import assert from "node:assert/strict";
import { createDrawing, extendStroke, pictureRect, toUnit } from "./annotations.ts";
import { MAX_SHAPES, MAX_STROKE_POINTS } from "../../../shared/tool_limits.ts";

Deno.test("pictureRect() letterboxes with contain and centres with none; toUnit() inverts it", () => {
  // 16:9 picture in a portrait box: full width, bars above and below.
  assert.deepEqual(pictureRect(360, 640, 1280, 720, "contain"), { x: 0, y: 218.75, w: 360, h: 202.5 });
  // Same picture in a wide box: full height, bars left and right.
  assert.deepEqual(pictureRect(1000, 360, 1280, 720, "contain"), { x: 180, y: 0, w: 640, h: 360 });
  assert.deepEqual(pictureRect(800, 600, 1280, 720, "none"), { x: -240, y: -60, w: 1280, h: 720 });
  const rect = pictureRect(1000, 360, 1280, 720, "contain");
  assert.deepEqual(toUnit(rect, 180 + 0.3 * 640, 0.4 * 360), [0.3, 0.4]);
  assert.deepEqual(toUnit(rect, 0, 9999), [0, 1], "clamped to the picture");
});

Deno.test("createDrawing() adds, replaces, undoes, clears and numbers arrows", () => {
  const d = createDrawing();
  const arrow = (id: string, n: number) => ({ kind: "arrow" as const, id, from: [0, 0], to: [1, 1], n }) as never;
  d.apply({ type: "shape", shape: arrow("a", 1) });
  d.apply({ type: "shape", shape: arrow("b", 2) });
  d.apply({ type: "shape", shape: { kind: "stroke", id: "s", points: [[0.1, 0.1]] } });
  d.apply({ type: "shape", shape: { kind: "stroke", id: "s", points: [[0.1, 0.1], [0.2, 0.2]] } });
  assert.equal(d.shapes.value.length, 3, "same id replaces");
  assert.equal(d.nextArrowNumber(), 3);
  d.apply({ type: "undo", id: "b" });
  assert.deepEqual(d.shapes.value.map((s) => s.id), ["a", "s"]);
  assert.equal(d.nextArrowNumber(), 2);
  assert.equal(d.apply({ type: "hold", on: true }), false, "not a drawing message");
  d.apply({ type: "clear" });
  assert.equal(d.shapes.value.length, 0);
  for (let i = 0; i < MAX_SHAPES + 5; i++) d.apply({ type: "shape", shape: arrow(`x${i}`, 1) });
  assert.equal(d.shapes.value.length, MAX_SHAPES, "bounded");
});

Deno.test("extendStroke() skips tiny steps and stops at the point limit", () => {
  let points: [number, number][] = [[0, 0]];
  points = extendStroke(points, [0.001, 0]);
  assert.equal(points.length, 1);
  for (let i = 1; i < MAX_STROKE_POINTS + 10; i++) points = extendStroke(points, [0, i / 100]);
  assert.equal(points.length, MAX_STROKE_POINTS);
});
