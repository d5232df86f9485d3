/** Re-detection after a cut (the region's frame lost, then seen again from a new pose): found, and found right. */
import assert from "node:assert/strict";
import { CENTRE, markError } from "./evaluate.ts";
import { type Camera, cameraMatrix, render, truth } from "./synth.ts";
import { createTracker } from "./tracker.ts";

const DEG = Math.PI / 180, W = 320, H = 180;
const start: Camera = { cx: 512, cy: 512, zoom: 1, roll: 0, tiltX: 0, tiltY: 0 };

/** Frames until the anchor shows again after a dark cut to `cam` (-1: not within 6 frames), and its error. */
function afterCut(cam: Camera): { frames: number; err: number; wrong: number } {
  const t = createTracker();
  t.update(render({ camera: start }, W, H, 1), 0);
  t.add("a", CENTRE, 0);
  for (let i = 1; i < 3; i++) t.update(render({ camera: start, brightness: 0.02 }, W, H, i), i);
  const frame = render({ camera: cam }, W, H, 9), truthH = truth(cameraMatrix(start, W, H), cameraMatrix(cam, W, H));
  const out = { frames: -1, err: NaN, wrong: 0 };
  for (let i = 3; i < 9; i++) {
    const p = t.update(frame, i)[0];
    if (!p.visible || !p.h) continue;
    const err = markError(p.h, truthH, CENTRE);
    if (err > 10) out.wrong++;
    if (out.frames < 0) Object.assign(out, { frames: i - 3, err });
  }
  return out;
}

Deno.test("a lost region is found again across zoom 0.7–1.4, roll ±20° and tilt ±15°, within 10 px", () => {
  const poses: Camera[] = [];
  for (const zoom of [0.7, 1.4]) {
    for (const roll of [-20, 20]) {
      for (const tilt of [-15, 15]) {
        poses.push({ ...start, cx: 560, cy: 490, zoom, roll: roll * DEG, tiltY: tilt * DEG });
      }
    }
  }
  poses.push({ ...start, cx: 430, cy: 540, tiltX: 15 * DEG });
  const results = poses.map(afterCut);
  console.log(results.map((r) => `${r.frames} frames, ${r.err.toFixed(1)} px`).join("\n"));
  assert.equal(results.reduce((n, r) => n + r.wrong, 0), 0, "never shown off the object");
  const found = results.filter((r) => r.frames >= 0 && r.frames <= 3);
  assert.ok(found.length >= poses.length - 1, `found ${found.length} of ${poses.length}`);
});

Deno.test("a region that is not in the picture is not 'found' elsewhere", () => {
  const elsewhere = afterCut({ ...start, cx: 512 + 420, cy: 512 + 300 });
  assert.equal(elsewhere.frames, -1);
});
