import assert from "node:assert/strict";
import type { Pose, ToolMessage } from "../../../../shared/tools.ts";
import { decodeSignature } from "../../lib/anchored.ts";
import { createAnchoring, trackedRegion, type TrackerPort } from "./anchoring.ts";

/** A tracker that records what it is told and answers when the test says so. */
function fakeTracker() {
  const calls: string[] = [];
  let answer: (index: number, poses: readonly Pose[]) => void = () => {};
  const port: TrackerPort = {
    frame: (index, w, h, rgba) => (calls.push(`frame ${index} ${w}x${h} ${rgba.byteLength}`), true),
    add: (id, region, at) => calls.push(`add ${id} ${region.x0.toFixed(2)} ${at ?? "-"}`),
    remove: (id) => calls.push(`remove ${id}`),
    clear: () => calls.push("clear"),
    hold: (index) => calls.push(`hold ${index}`),
    onPoses: (cb) => (answer = cb),
    dispose: () => calls.push("dispose"),
  };
  return { port, calls, answer: (i: number, p: readonly Pose[]) => answer(i, p) };
}

function fakeFrames() {
  let onFrame: ((image: ImageData, picture: null, time: number) => void) | null = null;
  let time = 1000;
  return {
    source: {
      start(cb: (image: ImageData, picture: null, time: number) => void) {
        onFrame = cb;
        return () => (onFrame = null);
      },
    },
    running: () => onFrame !== null,
    show: () => {
      const data = new Uint8ClampedArray(32 * 18 * 4).fill(128);
      onFrame?.({ data, width: 32, height: 18, colorSpace: "srgb" } as ImageData, null, time += 33.3);
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const tracker = fakeTracker();
  const frames = fakeFrames();
  const sent: ToolMessage[] = [];
  let loads = 0;
  const anchoring = createAnchoring({
    frames: frames.source,
    loadTracker: () => (loads++, Promise.resolve(tracker.port)),
    send: (m) => sent.push(m),
  });
  return { tracker, frames, sent, anchoring, loads: () => loads };
}

const dot = (id: string, extra: object = {}) => ({
  kind: "stroke" as const,
  id,
  points: [[0.5, 0.5]] as [number, number][],
  ...extra,
});

Deno.test("anchoring: nothing loads until the technician draws or picks a tool", async () => {
  const { anchoring, loads, frames } = setup();
  anchoring.handle({ type: "chat", id: "c", text: "hi", at: 1 });
  anchoring.handle({ type: "shape", shape: dot("p", { pin: true }) });
  await tick();
  assert.equal(loads(), 0, "a pinned shape needs no tracking");
  assert.equal(frames.running(), false);
  anchoring.handle({ type: "tracking", on: true });
  await tick();
  assert.equal(loads(), 1);
  assert.equal(frames.running(), true);
});

Deno.test("anchoring: a shape is anchored on the frame it was drawn on; poses go out with each frame", async () => {
  const { anchoring, tracker, frames, sent } = setup();
  anchoring.handle({ type: "shape", shape: dot("s", { at: 7 }) });
  await tick();
  assert.deepEqual(tracker.calls, ["add s 0.42 7"]);
  frames.show();
  frames.show(); // the tracker has not answered frame 1: this one is skipped
  assert.deepEqual(tracker.calls.slice(1), ["frame 1 32x18 2304"]);
  const pose: Pose = { id: "s", h: [1, 0, 0.123456789, 0, 1, 0, 0, 0], v: true };
  tracker.answer(1, [pose, { id: "gone", h: null, v: false }]);
  assert.equal(anchoring.poses.value?.get("s")?.v, true);
  assert.equal(anchoring.poses.value?.has("gone"), false, "only shapes still drawn");
  const out = sent.at(-1);
  assert.equal(out?.type, "poses");
  if (out?.type === "poses") {
    assert.equal(out.f, 1);
    assert.equal(out.t, 1033.3, "the frame's time");
    assert.deepEqual(out.a, [{ ...pose, h: [1, 0, 0.12346, 0, 1, 0, 0, 0] }]);
    assert.equal(decodeSignature(out.sig)?.length, 144);
  }
  frames.show();
  assert.equal(tracker.calls.at(-1), "frame 2 32x18 2304");
});

Deno.test("anchoring: a mark never found on its object (a blank wall) stays as drawn; once found, it can be lost", async () => {
  const { anchoring, tracker, frames } = setup();
  anchoring.handle({ type: "shape", shape: dot("s") });
  await tick();
  frames.show();
  tracker.answer(1, [{ id: "s", h: null, v: false }]);
  assert.equal(anchoring.poses.value?.has("s"), false, "no pose: painted where it was drawn");
  frames.show();
  tracker.answer(2, [{ id: "s", h: [1, 0, 0, 0, 1, 0, 0, 0], v: true }]);
  frames.show();
  tracker.answer(3, [{ id: "s", h: null, v: false }]);
  assert.equal(anchoring.poses.value?.get("s")?.v, false, "lost after it was found: hidden with the cue");
});

Deno.test("anchoring: the same shape again is followed once; undo, pin and clear stop following", async () => {
  const { anchoring, tracker } = setup();
  anchoring.handle({ type: "shape", shape: dot("s") });
  anchoring.handle({ type: "shape", shape: dot("s") });
  anchoring.handle({ type: "shape", shape: dot("t") });
  await tick();
  anchoring.handle({ type: "shape", shape: dot("t", { pin: true }) });
  anchoring.handle({ type: "undo", id: "s" });
  anchoring.handle({ type: "undo", id: "never" });
  anchoring.handle({ type: "clear" });
  assert.deepEqual(tracker.calls, ["add s 0.42 -", "add t 0.42 -", "remove t", "remove s", "clear"]);
  assert.equal(anchoring.poses.value, null);
  anchoring.dispose();
  assert.equal(tracker.calls.at(-1), "dispose");
});

Deno.test("anchoring: a tracker that fails to load leaves the marks where they were drawn", async () => {
  const sent: ToolMessage[] = [];
  const anchoring = createAnchoring({
    frames: fakeFrames().source,
    loadTracker: () => Promise.reject(new Error("no workers")),
    send: (m) => sent.push(m),
  });
  const warn = console.warn;
  console.warn = () => {};
  try {
    anchoring.handle({ type: "shape", shape: dot("s") });
    await tick();
  } finally {
    console.warn = warn;
  }
  assert.equal(anchoring.poses.value, null);
  assert.deepEqual(sent, []);
});

Deno.test("trackedRegion(): the shape's box with a margin, on the picture", () => {
  assert.deepEqual(trackedRegion(dot("s")), { x0: 0.42, y0: 0.42, x1: 0.58, y1: 0.58 });
  const edge = trackedRegion({ kind: "circle", id: "c", center: [0.02, 0.98], radius: [0.01, 0.01] });
  assert.deepEqual(edge, { x0: 0, y0: 0.89, x1: 0.11, y1: 1 });
});

Deno.test("anchoring: a still waits for the first tracked frame when tracking is starting, and holds that frame", async () => {
  const { tracker, frames, anchoring } = setup();
  let waited = false;
  await anchoring.tracked().then(() => (waited = true));
  assert.equal(waited, true, "tracking not asked for: at once");
  anchoring.handle({ type: "tracking", on: true });
  let ready = false;
  const tracked = anchoring.tracked(5000).then(() => (ready = true));
  await tick();
  frames.show();
  await tick();
  assert.equal(ready, false, "the tracker has not answered yet");
  tracker.answer(1, []);
  await tracked;
  assert.equal(anchoring.shown().index, 1);
  anchoring.hold(anchoring.shown().index);
  assert.equal(tracker.calls.at(-1), "hold 1");
  anchoring.dispose();
});

Deno.test("anchoring: a mark drawn on a still of a tracked frame is out of view until the tracker finds it live", async () => {
  const { tracker, frames, anchoring } = setup();
  anchoring.handle({ type: "tracking", on: true });
  await tick();
  frames.show();
  tracker.answer(1, []);
  anchoring.hold(1);
  anchoring.handle({ type: "shape", shape: dot("s", { at: 1 }) });
  anchoring.handle({ type: "shape", shape: dot("w", { at: 7 }) });
  await tick();
  frames.show();
  tracker.answer(2, [{ id: "s", h: null, v: false }, { id: "w", h: null, v: false }]);
  const s = anchoring.poses.value?.get("s");
  assert.equal(s?.v, false, "not where it was drawn: out of view");
  assert.equal(anchoring.poses.value?.get("w"), undefined, "not drawn on the still, never found: stays as drawn");
  anchoring.dispose();
});
