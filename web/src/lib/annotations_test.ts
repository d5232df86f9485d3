import assert from "node:assert/strict";
import { createDrawing, extendStroke, KEEP_MARGIN, pictureRect, shapeArea, toUnit } from "./annotations.ts";
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

Deno.test("pictureRect() with cover fills the box, centred, and moves just enough to keep an area in view", async (t) => {
  await t.step("centred: a 16:9 picture in a portrait phone and in a wide landscape one", () => {
    // 390×844: the height decides (844 / 720), the sides are cropped equally.
    const portrait = pictureRect(390, 844, 1280, 720, "cover");
    assert.equal(portrait.h, 844);
    assert.equal(portrait.w, 1280 * (844 / 720));
    assert.equal(portrait.x, (390 - portrait.w) / 2);
    assert.equal(portrait.y, 0);
    // 844×390: the width decides, top and bottom are cropped.
    const landscape = pictureRect(844, 390, 1280, 720, "cover");
    assert.deepEqual([landscape.x, landscape.w], [0, 844]);
    assert.ok(Math.abs(landscape.h - 474.75) < 1e-9);
    assert.ok(Math.abs(landscape.y - (390 - 474.75) / 2) < 1e-9);
  });
  await t.step("a point maps to the same picture point and back, whatever the crop", () => {
    for (const [bw, bh] of [[390, 844], [844, 390], [1440, 900]]) {
      const r = pictureRect(bw, bh, 1280, 720, "cover", { x0: 0.3, y0: 0.4, x1: 0.3, y1: 0.4 });
      const [x, y] = [r.x + 0.3 * r.w, r.y + 0.4 * r.h];
      assert.deepEqual(toUnit(r, x, y), [0.3, 0.4]);
      assert.ok(x >= KEEP_MARGIN && x <= bw - KEEP_MARGIN, `0.3 is in view across ${bw}`);
      assert.ok(y >= 0 && y <= bh, `0.4 is in view down ${bh}`);
    }
  });
  await t.step("an area already in the centred crop does not move the picture", () => {
    const centred = pictureRect(390, 844, 1280, 720, "cover");
    assert.deepEqual(pictureRect(390, 844, 1280, 720, "cover", { x0: 0.45, y0: 0.1, x1: 0.55, y1: 0.9 }), centred);
  });
  await t.step("an area near the left edge moves the picture right, no further than its edge", () => {
    const r = pictureRect(390, 844, 1280, 720, "cover", { x0: 0.25, y0: 0.4, x1: 0.3, y1: 0.5 });
    assert.equal(r.x, KEEP_MARGIN - 0.25 * r.w, "the area's left end sits a margin inside the box");
    assert.equal(pictureRect(390, 844, 1280, 720, "cover", { x0: 0, y0: 0, x1: 0.01, y1: 0 }).x, 0, "no gap");
    const right = pictureRect(390, 844, 1280, 720, "cover", { x0: 1, y0: 1, x1: 1, y1: 1 });
    assert.equal(right.x + right.w, 390, "no gap on the right either");
  });
  await t.step("an area wider than the box is centred", () => {
    const r = pictureRect(390, 844, 1280, 720, "cover", { x0: 0.5, y0: 0.8, x1: 0.9, y1: 0.8 });
    assert.equal(r.x + 0.7 * r.w, 195);
  });
});

Deno.test("shapeArea() spans a stroke's and an arrow's points and a circle's radii", () => {
  assert.deepEqual(shapeArea({ kind: "stroke", id: "s", points: [[0.5, 0.8], [0.9, 0.7], [0.6, 0.75]] }), {
    x0: 0.5,
    y0: 0.7,
    x1: 0.9,
    y1: 0.8,
  });
  assert.deepEqual(shapeArea({ kind: "arrow", id: "a", from: [0.25, 0.49], to: [0.3, 0.4], n: 1 }), {
    x0: 0.25,
    y0: 0.4,
    x1: 0.3,
    y1: 0.49,
  });
  const circle = shapeArea({ kind: "circle", id: "c", center: [0.5, 0.5], radius: [0.25, 0.125] });
  assert.deepEqual(circle, { x0: 0.25, y0: 0.375, x1: 0.75, y1: 0.625 });
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
