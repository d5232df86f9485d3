import assert from "node:assert/strict";
import type { Shape, ToolMessage } from "../../../../shared/tools.ts";
import { encodeSignature } from "../../lib/anchored.ts";
import type { KeptPicture } from "../../lib/video_frames.ts";
import { createConsoleTools } from "./picture_tools.ts";
import { createPoseSync, withUnplaced } from "./pose_sync.ts";

/** A 1×1 PNG (a still's picture). */
const ONE_PIXEL_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

/** A signature that differs per frame (a bright block that moves with `n`). */
const sig = (n: number) => Uint8Array.from({ length: 144 }, (_, i) => (i === n % 144 ? 250 : 40 + (i % 7)));
const shift = (dx: number) => [1, 0, dx, 0, 1, 0, 0, 0];
type PosesMessage = Extract<ToolMessage, { type: "poses" }>;
const posesMessage = (f: number, dx: number): PosesMessage => ({
  type: "poses",
  f,
  t: f * 33,
  sig: encodeSignature(sig(f)),
  a: [{ id: "s", h: shift(dx), v: true }],
});

Deno.test("pose sync: the frame shown is found by its signature, not by arrival", () => {
  const sync = createPoseSync();
  assert.equal(sync.active(), false);
  for (let f = 1; f <= 10; f++) sync.receive(posesMessage(f, f / 100));
  assert.equal(sync.active(), true);
  const noisy = sig(4).map((v) => Math.min(255, v + 3 + (v % 2)));
  sync.showing(noisy, 4 * 33 + 120);
  assert.equal(sync.frame(), 4, "the video lags: frame 4 is on screen though 10 has arrived");
  assert.deepEqual(sync.poses.value?.get("s")?.h, shift(0.04));
  sync.showing(sig(9), 9 * 33 + 120);
  assert.equal(sync.frame(), 9);
});

Deno.test("pose sync: a phone counting from 1 again replaces the old frames; bad signatures are dropped", () => {
  const sync = createPoseSync();
  sync.receive(posesMessage(50, 0.5));
  sync.receive(posesMessage(1, 0.01));
  sync.receive({ ...posesMessage(2, 0.02), sig: "bad" });
  sync.showing(sig(50), 50 * 33 + 120);
  assert.equal(sync.frame(), 1, "frame 50 is gone");
  sync.reset();
  assert.equal(sync.frame(), undefined);
  assert.equal(sync.poses.value, null);
});

Deno.test("pose sync: a point pointed at now goes back to the frame the shape was drawn on", () => {
  const sync = createPoseSync();
  assert.deepEqual(sync.toDrawn("s", [0.5, 0.5]), [0.5, 0.5], "no pose yet: as it is");
  sync.receive(posesMessage(3, 0.1));
  sync.showing(sig(3), 3 * 33 + 120);
  assert.deepEqual(sync.toDrawn("s", [0.5, 0.5]), [0.4, 0.5]);
  assert.deepEqual(sync.toDrawn("other", [0.5, 0.5]), [0.5, 0.5]);
});

Deno.test("console tools: a new mark carries the frame it was drawn on, or pin; a growing stroke keeps its frame", () => {
  const sent: ToolMessage[] = [];
  const tools = createConsoleTools((m) => (sent.push(m), Promise.resolve()), () => Promise.resolve());
  tools.chooseTool("draw");
  assert.deepEqual(sent.at(-1), { type: "tracking", on: true });
  tools.handle(posesMessage(3, 0));
  tools.handle({ ...posesMessage(4, 0.1), a: [] });
  const stroke = (points: [number, number][]): Shape => ({ kind: "stroke", id: "s", points });
  tools.draw(stroke([[0.5, 0.5]]));
  // Without a watched video no frame is matched yet: the shape has no frame and is drawn as seen.
  assert.deepEqual(tools.drawing.shapes.value[0], stroke([[0.5, 0.5]]));
  tools.togglePin();
  tools.draw({ kind: "circle", id: "c", center: [0.2, 0.2], radius: [0.1, 0.1] });
  assert.equal(tools.drawing.shapes.value[1].pin, true);
  tools.chooseTool("draw");
  tools.chooseTool("arrow");
  assert.notDeepEqual(sent.at(-1), { type: "tracking", on: true }, "pinned marks need no tracking");
  tools.dispose();
});

/** A pose sync on a clock the test moves, fed `shown` frames one every 33 ms, each `delay` after the phone's. */
function clocked() {
  let now = 0;
  const sync = createPoseSync(() => now);
  return {
    sync,
    /** The console shows the phone's frame `f` (whose signature reads as `looksLike`'s) now. */
    show(f: number, looksLike = f, delay = 150, picture: KeptPicture | null = null) {
      now = Math.max(now, f * 33 + delay);
      sync.showing(sig(looksLike), f * 33 + delay, picture);
    },
    tick: (ms: number) => (now += ms),
  };
}

/** A kept picture that says whether it was closed. */
function keptPicture() {
  const picture = { closed: false, close: () => (picture.closed = true) };
  return picture as typeof picture & KeptPicture;
}

Deno.test("pose sync: a signature that looks like its neighbour's is overruled by the video's learnt delay", () => {
  const { sync, show } = clocked();
  for (let f = 1; f <= 80; f++) sync.receive(posesMessage(f, f / 100));
  // Frames 10–60 on screen, each 150 ms after the phone showed it; every third signature reads as the
  // next frame's (a codec's noise on a moving picture). Matches are learnt from half a second on.
  const chosen: number[] = [];
  for (let f = 10; f <= 60; f++) {
    show(f, f % 3 === 0 ? f + 1 : f);
    chosen.push(sync.frame()! - f);
  }
  assert.deepEqual(chosen.slice(20), chosen.slice(20).map(() => 0), `off by: ${chosen}`);
});

Deno.test("pose sync: the clocks' distance holds when most single matches are wrong", () => {
  const { sync, show } = clocked();
  for (let f = 1; f <= 100; f++) sync.receive(posesMessage(f, f / 100));
  const chosen: number[] = [];
  for (let f = 10; f <= 80; f++) {
    // Only every third frame's signature is its own; the others read as later frames, one to five on.
    show(f, f % 3 === 0 ? f : f + 1 + (f % 5));
    chosen.push(sync.frame()! - f);
  }
  assert.deepEqual(chosen.slice(30), chosen.slice(30).map(() => 0), `off by: ${chosen}`);
});

Deno.test("pose sync: before the clocks' distance is learnt, a frame ahead of its poses waits for them rather than taking its neighbour's", () => {
  const { sync, show, tick } = clocked();
  for (let f = 1; f <= 5; f++) sync.receive(posesMessage(f, f / 100));
  show(4);
  assert.equal(sync.frame(), 4, "a clear match with newer frames after it is the frame itself");
  // Frame 6 on screen before its poses: of the frames there are, it looks most like 5, the newest.
  const early = keptPicture();
  const sixLike = sig(6).map((v, i) => (i === 5 ? 150 : v));
  sync.showing(sixLike, 6 * 33 + 150, early);
  assert.equal(sync.frame(), 4, "frame 6 waits");
  tick(20);
  sync.receive(posesMessage(6, 0.06));
  sync.receive(posesMessage(7, 0.07));
  assert.equal(sync.frame(), 6);
  assert.equal(sync.picture.value, early, "with its own picture");
  assert.deepEqual(sync.poses.value?.get("s")?.h, shift(0.06));
});

Deno.test("pose sync: the clocks' distance is learnt within a few frames of motion, so skipped frames are soon interpolated", () => {
  const { sync, show } = clocked();
  // The camera starts moving; a busy phone tracks every other frame, and the video shows each frame once
  // the poses of the frame two on have come.
  const off: number[] = [];
  for (let f = 1; f <= 30; f++) {
    if (f % 2 === 0) sync.receive(posesMessage(f, f / 100));
    if (f < 4) continue;
    show(f - 2);
    off.push(Math.round(((sync.poses.value?.get("s")?.h?.[2] ?? 0) - (f - 2) / 100) * 1000) || 0);
  }
  assert.deepEqual(off.slice(6), off.slice(6).map(() => 0), `off by (thousandths): ${off}`);
});

Deno.test("pose sync: a frame the phone did not track gets the poses between its neighbours", () => {
  const { sync, show } = clocked();
  // The phone tracked every other frame.
  for (let f = 2; f <= 80; f += 2) sync.receive(posesMessage(f, f / 100));
  for (let f = 10; f <= 40; f += 2) show(f);
  show(41, 41);
  assert.equal(sync.frame(), 42, "the nearest tracked frame (ties: the later)");
  const h = sync.poses.value?.get("s")?.h;
  assert.ok(h && Math.abs(h[2] - 0.41) < 1e-9, `halfway between 0.40 and 0.42: ${h}`);
});

Deno.test("pose sync: a frame whose poses are on their way waits with its picture; both show together", () => {
  const { sync, show, tick } = clocked();
  for (let f = 1; f <= 30; f++) {
    // Each frame's poses come just before its video.
    sync.receive(posesMessage(f, f / 100));
    show(f);
  }
  assert.equal(sync.frame(), 30);
  // The video now runs ahead of the poses: frame 31 is on screen, its poses not yet here.
  const early = keptPicture();
  show(31, 31, 150, early);
  assert.equal(sync.frame(), 30, "still the frame before, whose poses are known");
  tick(20);
  sync.receive(posesMessage(31, 0.31));
  assert.equal(sync.frame(), 31);
  assert.equal(sync.picture.value, early, "frame 31's own picture under its marks");
  assert.deepEqual(sync.poses.value?.get("s")?.h, shift(0.31));
  const next = keptPicture();
  show(32, 32, 150, next);
  sync.receive(posesMessage(32, 0.32));
  assert.equal(early.closed, true, "a replaced picture is closed");
  // Poses stop coming (the phone stopped tracking): after a moment the live video shows again.
  const stale = keptPicture();
  show(33, 33, 150, stale);
  tick(1100);
  show(34, 34, 150, keptPicture());
  assert.equal(sync.picture.value, null, "the live video");
  assert.equal(stale.closed, true);
  sync.reset();
  assert.equal(next.closed, true);
});

Deno.test("console tools: Freeze while drawing freezes with a tool in hand and unfreezes when it is put down; marks drawn on the still are anchored on its frame", async () => {
  const sent: ToolMessage[] = [];
  const tools = createConsoleTools((m) => (sent.push(m), Promise.resolve()), () => Promise.resolve());
  tools.toggleFreezeToDraw();
  assert.equal(tools.freezeToDraw.value, true);
  assert.equal(tools.still.value, null, "no tool in hand yet: live");
  tools.chooseTool("arrow");
  const asked = sent.find((m) => m.type === "still");
  assert.ok(asked?.type === "still" && asked.mode === "freeze", "picking a tool froze the picture");
  const id = asked.id;
  // The customer's still is of its tracked frame 42.
  tools.handle({ type: "still-poses", id, f: 42, a: [{ id: "old", h: shift(0.1), v: true }] });
  await tools.stillArrived(id, new Blob([ONE_PIXEL_PNG], { type: "image/png" }));
  const still = () => tools.still.value;
  assert.equal(still()?.f, 42);
  assert.ok(still()?.url, "the still is shown");
  tools.draw({ kind: "arrow", id: "a", from: [0.2, 0.2], to: [0.3, 0.3], n: 1 });
  const [arrow] = tools.drawing.shapes.value;
  assert.equal(arrow.at, 42, "anchored on the still's frame");
  assert.deepEqual(arrow.kind === "arrow" && arrow.to, [0.3, 0.3], "where it was drawn on the still");
  tools.chooseTool("arrow");
  assert.equal(still(), null, "the tool put down: live again");
  assert.deepEqual(sent.at(-1), { type: "unfreeze" });
  // A Freeze the technician took stays when a tool is put down.
  tools.requestStill("freeze");
  tools.chooseTool("draw");
  tools.chooseTool("draw");
  assert.notEqual(still(), null);
  tools.dispose();
});

Deno.test("withUnplaced(): a shape drawn well before the frame shown with no pose on it is lost, not where it was drawn", () => {
  const shapes: Shape[] = [
    { kind: "stroke", id: "still", points: [[0.5, 0.5]], at: 10 },
    { kind: "stroke", id: "new", points: [[0.5, 0.5]], at: 95 },
    { kind: "stroke", id: "pinned", points: [[0.5, 0.5]], pin: true },
  ];
  const poses = new Map([["other", { id: "other", h: shift(0), v: true }]]);
  const out = withUnplaced(poses, shapes, 100);
  assert.deepEqual(out?.get("still"), { id: "still", h: null, v: false });
  assert.equal(out?.has("new"), false, "drawn just now: shown where drawn until its pose comes");
  assert.equal(out?.has("pinned"), false);
  assert.equal(withUnplaced(null, shapes, 100), null, "no tracking: as drawn");
});
