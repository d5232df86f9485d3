/**
 * Which of the customer's frames the console is showing, and where the anchored marks are on it. The
 * customer's phone numbers the frames it tracks and sends each one's poses with a signature (a 16×9 grey
 * thumbnail, `lib/anchored.ts`); the video arrives later than those messages and through an encoder, so
 * for each frame the console shows it computes the same signature and takes the most alike of the
 * recent frames. Frames that look alike (a still scene) have alike poses, so a near miss costs nothing.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { Pose, ToolMessage } from "../../../../shared/tools.ts";
import { applyH, decodeSignature, invertH, type PoseMap, poseMap, signatureDistance } from "../../lib/anchored.ts";

type PosesMessage = Extract<ToolMessage, { type: "poses" }>;

interface Entry {
  f: number;
  /** When it was taken (the camera's clock, `FrameTime`). */
  t: number;
  sig: Uint8Array;
  poses: PoseMap;
}

/** How many recent matches the video's delay is learnt from. */
const DELAY_WINDOW = 45;

/** About four seconds of frames at 30 per second: more than video ever lags behind data. */
const KEEP = 120;

/**
 * The entry most like `sig`. Video does not go backwards: frames before `after` count only when they
 * are far more alike than any later one (the phone started again, or a wrong match before).
 */
function closest(entries: readonly Entry[], sig: Uint8Array, after: number): Entry | null {
  let best: Entry | null = null;
  let bestDistance = Infinity;
  let forward: Entry | null = null;
  let forwardDistance = Infinity;
  for (const entry of entries) {
    const d = signatureDistance(sig, entry.sig);
    // Ties go to the newer frame (a still scene: the newest poses are the best guess).
    if (d <= bestDistance) [best, bestDistance] = [entry, d];
    if (entry.f >= after && d <= forwardDistance) [forward, forwardDistance] = [entry, d];
  }
  return forward && forwardDistance <= 2 * bestDistance + 1 ? forward : best;
}

/** Matches within this many ms of one another count as agreeing on the clocks' distance. */
const AGREE_MS = 12;

/**
 * The distance most recent matches agree on: the densest cluster (the mean of the values within
 * `AGREE_MS` of the value with the most such neighbours; later ones win ties). Right matches agree
 * closely and wrong ones scatter, so even a minority of right ones carries it, where a median would not.
 */
function agreed(xs: readonly number[]): number {
  let best: number[] = [];
  for (const x of xs) {
    const near = xs.filter((y) => Math.abs(y - x) <= AGREE_MS);
    if (near.length >= best.length) best = near;
  }
  return best.reduce((a, b) => a + b, 0) / best.length;
}

export function createPoseSync() {
  const entries: Entry[] = [];
  /** Recent (time here − time on the phone) of frames matched by signature alone. */
  const delays: number[] = [];
  const shown = signal<Entry | null>(null);
  const poses = signal<PoseMap | null>(null);

  return {
    /** The anchored marks' poses on the frame shown (null before the customer tracks). */
    poses: poses as ReadonlySignal<PoseMap | null>,
    /** The customer's number of the frame shown, for a shape drawn on it now. */
    frame: () => shown.value?.f,
    /** Whether the customer sends poses (the console then watches the frames it shows). */
    active: () => entries.length > 0,
    receive(message: PosesMessage) {
      const sig = decodeSignature(message.sig);
      if (!sig) return;
      const last = entries.at(-1);
      // A phone that started again (a reload) counts from 1 again: forget the old frames.
      if (last && message.f <= last.f) {
        entries.length = 0;
        delays.length = 0;
      }
      entries.push({ f: message.f, t: message.t, sig, poses: poseMap(message.a) });
      if (entries.length > KEEP) entries.shift();
    },
    /**
     * The console shows a new frame with this signature and frame time (`FrameTime`: its RTP timestamp,
     * which counts as the phone's clock does, shifted): find it among the customer's.
     */
    showing(sig: Uint8Array, now: number) {
      const best = closest(entries, sig, shown.value?.f ?? 0);
      if (!best) return;
      // One frame's signature can be mistaken for its neighbour's, but the two clocks are a fixed
      // distance apart (changing only when the media server switches layers): the frame shown is the
      // one the distance learnt from recent matches points at.
      delays.push(now - best.t);
      if (delays.length > DELAY_WINDOW) delays.shift();
      const expected = now - agreed(delays);
      const choice = entries.reduce((a, b) => (Math.abs(b.t - expected) < Math.abs(a.t - expected) ? b : a));
      if (choice !== shown.value) {
        shown.value = choice;
        poses.value = choice.poses;
      }
    },
    /**
     * A point the technician points at now on shape `id`, in the coordinates of the frame the shape
     * was drawn on (where its other points are), when its pose on the frame shown is known.
     */
    toDrawn(id: string, p: [number, number]): [number, number] {
      const pose: Pose | undefined = poses.value?.get(id);
      const inverse = pose?.v && pose.h ? invertH(pose.h) : null;
      if (!inverse) return p;
      const [x, y] = applyH(inverse, p);
      const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 10_000) / 10_000));
      return [clamp(x), clamp(y)];
    },
    reset() {
      entries.length = 0;
      delays.length = 0;
      shown.value = null;
      poses.value = null;
    },
  };
}
export type PoseSync = ReturnType<typeof createPoseSync>;
