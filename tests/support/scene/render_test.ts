import assert from "node:assert/strict";
import {
  apply,
  HEIGHT,
  homography,
  invert,
  kindFrames,
  KINDS,
  type Mat3,
  pose,
  sceneMotion,
  WIDTH,
  WORLD,
} from "./motion.ts";
import { sceneFrameCode } from "./frame_code.ts";
import { type Piece, sceneRenderer } from "./render.ts";

const renderer = sceneRenderer(sceneMotion(), sceneFrameCode());

/** Where a piece's transform puts world point `w`, in frame pixels. */
const through = (p: Piece, [x, y]: [number, number]): [number, number] => {
  const [a, b, c, d, e, f] = p.transform;
  return [a * x + c * y + e, b * x + d * y + f];
};

/** The worst distance, over a 5 px grid of the piece, between what it shows and what H says is there. */
function worstError(p: Piece, h: Mat3) {
  const [a, b, c, d, e, f] = p.transform;
  const toWorld = invert([a, c, e, b, d, f, 0, 0, 1]);
  let worst = 0;
  for (let y = p.y; y <= p.y + p.height; y += 5) {
    for (let x = p.x; x <= p.x + p.width; x += 5) {
      const [bx, by] = apply(h, apply(toWorld, [x, y]));
      worst = Math.max(worst, Math.hypot(bx - x, by - y));
    }
  }
  return worst;
}

Deno.test("an affine frame is one piece, exactly H", () => {
  for (const kind of ["still", "pan", "zoom", "roll", "blur", "brightness", "leave"] as const) {
    for (const f of [0, 50, 120, 200]) {
      const h = homography(kind, f);
      const pieces = renderer.pieces(h);
      assert.equal(pieces.length, 1);
      for (const w of [[100, 200], [1600, 900], [3000, 1700]] as [number, number][]) {
        const [x, y] = through(pieces[0], w);
        const [tx, ty] = apply(h, w);
        assert.ok(Math.hypot(x - tx, y - ty) < 1e-6);
      }
    }
  }
});

Deno.test("a perspective frame is tiled without gaps or overlaps, every tile within 0.3 px of H and reading inside the world", () => {
  let worst = 0;
  let most = 0;
  for (let f = 0; f < kindFrames("tilt"); f += 3) {
    const h = homography("tilt", f);
    const pieces = renderer.pieces(h);
    if (pieces.length === 1) continue;
    most = Math.max(most, pieces.length);
    const covered = new Uint8Array(WIDTH * HEIGHT / 100);
    for (const p of pieces) {
      worst = Math.max(worst, worstError(p, h));
      assert.ok(
        p.src && p.src[0] >= 0 && p.src[1] >= 0 && p.src[0] + p.src[2] <= WORLD.width &&
          p.src[1] + p.src[3] <= WORLD.height,
      );
      for (let y = p.y; y < p.y + p.height; y += 10) {
        for (let x = p.x; x < p.x + p.width; x += 10) covered[(y / 10) * (WIDTH / 10) + x / 10]++;
      }
    }
    assert.ok(covered.every((n) => n === 1), `frame ${f}`);
  }
  assert.ok(worst < 0.3, `worst ${worst} px`);
  assert.ok(most <= 1000, `${most} tiles`);
});

Deno.test("blur: instants centred on the frame; a pan's blur is made of shifts; other kinds are sharp", () => {
  for (const kind of KINDS) {
    for (let f = 0; f < kindFrames(kind); f += 11) {
      const times = renderer.instants(pose(kind, f), f, 8);
      if (pose(kind, f).exposure === 0) {
        assert.deepEqual(times, [f]);
        continue;
      }
      assert.equal(times.length, 8);
      assert.ok(Math.abs(times.reduce((s, t) => s + t, 0) / 8 - f) < 1e-9);
      const moves = renderer.shifts(kind, f, times);
      assert.ok(moves, `${kind} ${f}`);
      // At most a frame's motion: 25 % of the width per second is under 11 px a frame.
      assert.ok(Math.max(...moves.flat().map(Math.abs)) <= 11);
    }
  }
});
