import assert from "node:assert/strict";
import {
  apply,
  FOCAL,
  FPS,
  HEIGHT,
  homography,
  invert,
  inView,
  kindFrames,
  KINDS,
  LEAD_FRAMES,
  type Mat3,
  type MotionKind,
  multiply,
  type Point,
  pose,
  sceneMotion,
  segmentAt,
  truth,
  WIDTH,
  WORLD,
} from "./motion.ts";

const CENTRE: Point = [WIDTH / 2, HEIGHT / 2];
const frames = (kind: MotionKind) => Array.from({ length: kindFrames(kind) }, (_, i) => i);
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const near = (a: Mat3, b: Mat3, eps = 1e-9) => a.every((v, i) => Math.abs(v / a[8] - b[i] / b[8]) < eps);
const SINGLE = KINDS.filter((k) => k !== "tour");

/** The linear part of H at the frame centre: scale and roll as seen in the picture. */
function localSimilarity(kind: MotionKind, frame: number) {
  const h = homography(kind, frame);
  const w = apply(invert(h), CENTRE);
  const [a, b] = [apply(h, [w[0] + 1, w[1]]), apply(h, [w[0], w[1] + 1])];
  const [ux, uy, vx, vy] = [a[0] - CENTRE[0], a[1] - CENTRE[1], b[0] - CENTRE[0], b[1] - CENTRE[1]];
  return { scale: Math.sqrt(Math.abs(ux * vy - uy * vx)), roll: (Math.atan2(uy, ux) * 180) / Math.PI };
}

Deno.test("matrix helpers: inverse, product and apply agree", () => {
  for (const kind of KINDS) {
    for (const f of [0, 45, 100, 200, 333]) {
      const h = homography(kind, f);
      assert(near(multiply(h, invert(h)), [1, 0, 0, 0, 1, 0, 0, 0, 1]));
      const p: Point = [123.4, 567.8];
      const back = apply(invert(h), apply(h, p));
      assert.ok(dist(back, p) < 1e-6);
    }
  }
});

Deno.test("truth: identity at the anchor frame, and composes through any frame between", () => {
  for (const kind of KINDS) {
    const p: Point = [700, 300];
    assert.deepEqual(truth(kind, 40, p, 40).map((v) => Math.round(v * 1e6) / 1e6), p);
    const via = truth(kind, 120, truth(kind, 40, p, 120), 250);
    assert(dist(via, truth(kind, 40, p, 250)) < 1e-6);
  }
});

Deno.test("the factory references nothing outside itself: its source, evaluated alone, gives the same motion", () => {
  const fresh = new Function(`return (${sceneMotion.toString()})()`)() as ReturnType<typeof sceneMotion>;
  for (const kind of KINDS) {
    for (const f of [0, 77, 311, 1500, kindFrames(kind) - 1]) {
      assert.deepEqual(fresh.homography(kind, f), homography(kind, f));
      assert.deepEqual(
        fresh.inView(kind, 10, { x: 500, y: 260, width: 280, height: 200 }, f).share,
        inView(kind, 10, { x: 500, y: 260, width: 280, height: 200 }, f).share,
      );
    }
  }
});

Deno.test("every kind starts with a second of stillness and ends where it began, so it loops seamlessly", () => {
  for (const kind of KINDS) {
    const rest = homography(kind, 0);
    for (let f = 0; f < LEAD_FRAMES; f++) assert(near(homography(kind, f), rest), `${kind} ${f}`);
    assert.deepEqual(segmentAt(kind, 10).label, "lead");
    assert(near(homography(kind, kindFrames(kind)), rest));
    // The step from the last frame to the first is as small as any other.
    assert(dist(truth(kind, kindFrames(kind) - 1, CENTRE, kindFrames(kind)), CENTRE) < 1);
  }
});

Deno.test("pan speed: the picture's centre never moves faster than 25 % of the width per second", () => {
  for (const kind of KINDS) {
    let fastest = 0;
    for (const f of frames(kind)) fastest = Math.max(fastest, dist(truth(kind, f, CENTRE, f + 1), CENTRE) * FPS);
    assert(fastest <= 0.25 * WIDTH, `${kind}: ${fastest} px/s`);
    if (["pan", "blur", "leave"].includes(kind)) assert(fastest > 0.2 * WIDTH, `${kind} pans: ${fastest} px/s`);
  }
});

Deno.test("zoom stays within 0.7–1.4× and reaches both; roll within ±20° and reaches both", () => {
  for (const kind of KINDS) {
    const seen = frames(kind).map((f) => localSimilarity(kind, f));
    const scales = seen.map((s) => s.scale);
    const rolls = seen.map((s) => s.roll);
    assert(Math.min(...scales) >= 0.7 - 1e-9 && Math.max(...scales) <= 1.4 + 1e-9, kind);
    assert(Math.max(...rolls.map(Math.abs)) <= 20 + 1e-9, kind);
    if (kind === "zoom") assert(Math.min(...scales) < 0.701 && Math.max(...scales) > 1.399);
    if (kind === "roll") assert(Math.min(...rolls) < -19.99 && Math.max(...rolls) > 19.99);
  }
});

Deno.test("tilt is a true perspective view of the scene plane turned up to ±15° about each axis", () => {
  const rad = Math.PI / 180;
  let [maxX, maxY] = [0, 0];
  for (const f of frames("tilt")) {
    const p = pose("tilt", f);
    assert(Math.abs(p.tiltX) <= 15 + 1e-9 && Math.abs(p.tiltY) <= 15 + 1e-9);
    [maxX, maxY] = [Math.max(maxX, Math.abs(p.tiltX)), Math.max(maxY, Math.abs(p.tiltY))];
    // Project the turned plane with a pinhole camera, independently of the matrix code.
    const [a, b] = [p.tiltX * rad, p.tiltY * rad];
    for (const w of [[p.cx - 900, p.cy - 500], [p.cx + 700, p.cy + 300], [p.cx + 20, p.cy - 450]] as Point[]) {
      const [u, v] = [(w[0] - p.cx) * p.scale, (w[1] - p.cy) * p.scale];
      // Ry(b) then Rx(a) applied to (u, v, 0), pushed FOCAL away.
      const [x1, z1] = [u * Math.cos(b), -u * Math.sin(b)];
      const [y2, z2] = [v * Math.cos(a) - z1 * Math.sin(a), v * Math.sin(a) + z1 * Math.cos(a) + FOCAL];
      const expected: Point = [WIDTH / 2 + (FOCAL * x1) / z2, HEIGHT / 2 + (FOCAL * y2) / z2];
      assert(dist(apply(homography("tilt", f), w), expected) < 1e-6, `frame ${f}`);
    }
  }
  assert(maxX > 14.99 && maxY > 14.99);
  // Perspective, not affine: the bottom row of H is not (0, 0, 1) while tilted.
  const h = homography("tilt", LEAD_FRAMES + 45);
  assert(Math.abs(h[6] / h[8]) + Math.abs(h[7] / h[8]) > 1e-5);
});

Deno.test("brightness goes down to 35 % and back; only blur opens the shutter", () => {
  for (const kind of KINDS) {
    const light = frames(kind).map((f) => pose(kind, f).brightness);
    assert(Math.min(...light) >= 0.35 - 1e-9);
    if (kind === "brightness" || kind === "tour") assert(Math.min(...light) < 0.351);
    else assert.deepEqual(Math.min(...light), 1);
    for (const f of frames(kind)) {
      assert.deepEqual(pose(kind, f).exposure, segmentAt(kind, f).label === "blur" ? 1 : 0);
    }
  }
});

Deno.test("leave takes the centre region fully out of the frame for about 1.5 s and brings it back; no other kind does", () => {
  const region = { x: WIDTH / 2 - 120, y: HEIGHT / 2 - 120, width: 240, height: 240 };
  for (const kind of SINGLE) {
    const shares = frames(kind).map((f) => inView(kind, 15, region, f).share);
    if (kind !== "leave") {
      assert(Math.min(...shares) > 0.99, kind);
      continue;
    }
    const out = shares.map((s) => s === 0);
    const first = out.indexOf(true);
    const last = out.lastIndexOf(true);
    // One passage, all of it out.
    assert(out.slice(first, last + 1).every(Boolean));
    const seconds = (last - first + 1) / FPS;
    assert(seconds >= 1.3 && seconds <= 2, `out for ${seconds} s`);
    assert(!inView(kind, 15, region, first).centre);
    assert.deepEqual(shares[0], 1);
    assert.deepEqual(shares.at(-1), 1);
    // And the region comes back where it was.
    assert(dist(truth(kind, 15, CENTRE, kindFrames(kind) - 1), CENTRE) < 1e-6);
  }
});

Deno.test("the frame never shows anything beyond the world texture, blur's sub-frames included", () => {
  for (const kind of KINDS) {
    for (const f of frames(kind)) {
      for (const t of [f - 0.5, f + 0.5]) {
        const back = invert(homography(kind, t));
        for (const c of [[0, 0], [WIDTH, 0], [0, HEIGHT], [WIDTH, HEIGHT]] as Point[]) {
          const [x, y] = apply(back, c);
          assert(x > 0 && y > 0 && x < WORLD.width && y < WORLD.height, `${kind} ${t}: ${x}, ${y}`);
        }
      }
    }
  }
});

Deno.test("tour is every kind's motion in turn, labelled", () => {
  let start = LEAD_FRAMES;
  for (const kind of SINGLE) {
    const own = segmentAt(kind, LEAD_FRAMES);
    const seg = segmentAt("tour", start);
    assert.deepEqual(seg.label, kind);
    assert.deepEqual(seg.start, start);
    if (kind !== "still") {
      assert.deepEqual(seg.frames, own.frames);
      for (let i = 0; i < seg.frames; i += 7) assert.deepEqual(pose("tour", start + i), pose(kind, LEAD_FRAMES + i));
    }
    start += seg.frames;
  }
  assert.deepEqual(start, kindFrames("tour"));
});
