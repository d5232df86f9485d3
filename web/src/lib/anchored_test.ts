import assert from "node:assert/strict";
import type { Shape } from "../../../shared/tools.ts";
import {
  applyH,
  decodeSignature,
  encodeSignature,
  type H8,
  IDENTITY,
  invertH,
  placeShape,
  placeShapes,
  poseMap,
  signature,
  signatureDistance,
} from "./anchored.ts";

const near = (a: readonly number[], b: readonly number[], eps = 1e-9) =>
  assert.ok(a.every((v, i) => Math.abs(v - b[i]) < eps), `${a} ≉ ${b}`);

/** Shift by (0.1, -0.05), scale 1.2 about the origin, with a little perspective. */
const H: H8 = [1.2, 0.05, 0.1, -0.02, 1.2, -0.05, 0.1, -0.05];

Deno.test("applyH() and invertH(): a point goes there and back; identity keeps it", () => {
  near(applyH(IDENTITY, [0.3, 0.7]), [0.3, 0.7]);
  near(applyH([1, 0, 0.1, 0, 1, -0.05, 0, 0], [0.3, 0.7]), [0.4, 0.65]);
  const inv = invertH(H)!;
  for (const p of [[0, 0], [0.5, 0.5], [1, 0.2]] as [number, number][]) near(applyH(inv, applyH(H, p)), p);
  assert.equal(invertH([0, 0, 0, 0, 0, 0, 0, 0]), null, "a singular pose has no inverse");
});

Deno.test("placeShape(): strokes and arrows move their points; a circle becomes its outline", () => {
  const shift: H8 = [1, 0, 0.1, 0, 1, 0.2, 0, 0];
  const arrow: Shape = { kind: "arrow", id: "a", from: [0.1, 0.1], to: [0.2, 0.3], n: 2 };
  const placed = placeShape(arrow, shift);
  assert.equal(placed.kind, "arrow");
  if (placed.kind === "arrow") {
    near(placed.from, [0.2, 0.3]);
    near(placed.to, [0.3, 0.5]);
    assert.equal(placed.n, 2);
  }
  const circle = placeShape({ kind: "circle", id: "c", center: [0.5, 0.5], radius: [0.1, 0.2] }, shift);
  assert.equal(circle.kind, "stroke");
  if (circle.kind === "stroke") {
    near(circle.points[0], [0.7, 0.7]);
    near(circle.points.at(-1)!, circle.points[0], 1e-9);
    const xs = circle.points.map((p) => p[0]);
    near([Math.min(...xs), Math.max(...xs)], [0.5, 0.7], 1e-3);
  }
});

Deno.test("placeShapes(): pinned stay, anchored move by their pose, lost ones are listed apart", () => {
  const dot = (id: string, pin?: boolean): Shape => ({ kind: "stroke", id, points: [[0.5, 0.5]], pin });
  const shapes = [dot("pinned", true), dot("moving"), dot("lost"), dot("new")];
  const poses = poseMap([
    { id: "pinned", h: [1, 0, 0.3, 0, 1, 0, 0, 0], v: true },
    { id: "moving", h: [1, 0, 0.1, 0, 1, 0, 0, 0], v: true },
    { id: "lost", h: null, v: false },
  ]);
  const { shown, lost } = placeShapes(shapes, poses);
  assert.deepEqual(shown.map((s) => s.id), ["pinned", "moving", "new"]);
  assert.deepEqual(lost.map((s) => s.id), ["lost"]);
  const point = (s: Shape) => (s.kind === "stroke" ? s.points[0] : [NaN, NaN]);
  near(point(shown[0]), [0.5, 0.5]);
  near(point(shown[1]), [0.6, 0.5]);
  near(point(shown[2]), [0.5, 0.5]);
  assert.deepEqual(placeShapes(shapes, null).shown.length, 4, "no poses yet: as drawn");
});

/** An RGBA test picture: a gradient with a bright square at (`x`, `y`). */
function picture(width: number, height: number, x: number, y: number, gain = 1) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const side = width / 8;
      const inSquare = i >= x && i < x + side && j >= y && j < y + side;
      const v = (inSquare ? 230 : (i * 100) / width + 20) * gain;
      rgba.set([v, v, v, 255], (j * width + i) * 4);
    }
  }
  return rgba;
}

Deno.test("signature(): survives a round trip and brightness; tells moved pictures apart", () => {
  const a = signature(picture(320, 180, 100, 60), 320, 180);
  assert.equal(a.length, 144);
  assert.deepEqual(decodeSignature(encodeSignature(a)), a);
  assert.equal(decodeSignature("not base64!"), null);
  assert.equal(decodeSignature(btoa("short")), null);
  const same = signature(picture(160, 90, 50, 30), 160, 90);
  const moved = signature(picture(320, 180, 140, 60), 320, 180);
  assert.ok(signatureDistance(a, same) < 20, `a smaller copy: ${signatureDistance(a, same)}`);
  assert.ok(signatureDistance(a, moved) > 10 * Math.max(1, signatureDistance(a, same)), "a moved picture differs");
  assert.equal(signatureDistance(a, a), 0);
});
