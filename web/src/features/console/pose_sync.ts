/**
 * Which of the customer's frames the console is showing, and where the anchored marks are on it. The
 * customer's phone numbers the frames it tracks and sends each one's poses with its capture time and a
 * signature (a 16×9 grey thumbnail, `lib/anchored.ts`). The console learns the distance between the
 * phone's clock and the video's RTP timestamps from frames matched by signature once their poses have
 * surely arrived, and then knows each frame it shows by time: the customer's own frame, or between two
 * it tracked (a busy phone skips frames). A frame whose poses are still on their way waits for them (its
 * picture kept, the live video under it), so a mark and the picture under it always belong together.
 */
import { batch, type ReadonlySignal, signal } from "@preact/signals";
import type { Pose, Shape, ToolMessage } from "../../../../shared/tools.ts";
import { applyH, decodeSignature, invertH, type PoseMap, poseMap, signatureDistance } from "../../lib/anchored.ts";
import type { FrameTime, KeptPicture } from "../../lib/video_frames.ts";

type PosesMessage = Extract<ToolMessage, { type: "poses" }>;

interface Entry {
  f: number;
  /** When it was taken (the camera's clock, `FrameTime`). */
  t: number;
  sig: Uint8Array;
  poses: PoseMap;
}

/** A frame the console showed (its picture kept while it waits for its poses). */
interface Shown {
  sig: Uint8Array;
  time: FrameTime;
  /** When it was shown here (`clock`). */
  at: number;
  picture: KeptPicture | null;
}

/** About four seconds of frames at 30 per second: more than video ever lags behind data. */
const KEEP = 120;
/** How many matches the clocks' distance is learnt from. */
const DELAY_WINDOW = 45;
/** A frame shown is matched by signature (to learn the clocks' distance) this long after at the latest, when its poses are here. */
const LEARN_AFTER_MS = 500;
/** Matches within this many ms of one another count as agreeing on the clocks' distance. */
const AGREE_MS = 12;
/** Two frame times this close are the same frame. */
const SAME_MS = 4;
/** A frame waits at most this long for its poses; longer, and it shows with the nearest ones. */
const WAIT_MS = 1000;
/** At most this many frames wait (each holds a decoded picture). */
const MAX_WAITING = 12;

/** The entry most like `sig` (ties: the newer) and its distance, and the next smallest distance. */
function ranked(entries: readonly Entry[], sig: Uint8Array) {
  let best: Entry | null = null;
  let [first, second] = [Infinity, Infinity];
  for (const entry of entries) {
    const d = signatureDistance(sig, entry.sig);
    if (d <= first) [best, first, second] = [entry, d, best ? first : second];
    else if (d < second) second = d;
  }
  return { best, first, second };
}

/**
 * The entry most like `sig`, when it is clearly the most alike (a still scene, or a frame the phone did
 * not track, matches several about as well and teaches nothing).
 */
function distinct(entries: readonly Entry[], sig: Uint8Array): Entry | null {
  const { best, first, second } = ranked(entries, sig);
  return first < 0.9 * second || entries.length === 1 ? best : null;
}

/**
 * The distance most matches agree on: the densest cluster (the mean of the values within `AGREE_MS` of
 * the value with the most such neighbours; later ones win ties). Right matches agree closely and wrong
 * ones scatter, so even a minority of right ones carries it, where a median would not.
 */
function agreed(xs: readonly number[]): number {
  let best: number[] = [];
  for (const x of xs) {
    const near = xs.filter((y) => Math.abs(y - x) <= AGREE_MS);
    if (near.length >= best.length) best = near;
  }
  return best.reduce((a, b) => a + b, 0) / best.length;
}

/** Poses a share `w` of the way from `a` to `b` (frames either side of one the phone skipped). */
export function between(a: PoseMap, b: PoseMap, w: number): PoseMap {
  const out = new Map<string, Pose>();
  for (const [id, pb] of b) {
    const pa = a.get(id);
    if (pa?.v && pb.v && pa.h && pb.h) {
      const [ha, hb] = [pa.h, pb.h];
      out.set(id, { ...pb, h: ha.map((v, i) => v + (hb[i] - v) * w) });
    } else out.set(id, w < 0.5 && pa ? pa : pb);
  }
  return out;
}

/**
 * The poses at phone time `at` from the entries (in time order): "later" when they have not come yet.
 * The entry is the nearest tracked frame (a new shape is anchored on it).
 */
function posesAt(entries: readonly Entry[], at: number): { entry: Entry; poses: PoseMap } | "later" | null {
  const newest = entries.at(-1);
  if (!newest) return null;
  if (at > newest.t + SAME_MS) return "later";
  const i = entries.findIndex((e) => e.t >= at - SAME_MS);
  const next = entries[i];
  if (i === 0 || Math.abs(next.t - at) <= SAME_MS) return { entry: next, poses: next.poses };
  const prev = entries[i - 1];
  const w = (at - prev.t) / (next.t - prev.t);
  return { entry: w < 0.5 ? prev : next, poses: between(prev.poses, next.poses, w) };
}

/**
 * The distance between the video's clock and the phone's, learnt from frames shown matched by signature
 * once their poses have surely come.
 */
function clockDistance(clock: () => number) {
  /** Recent (time here − time on the phone) of frames matched by signature. */
  const delays: number[] = [];
  /** Frames shown, not yet matched. */
  const toLearn: { sig: Uint8Array; time: FrameTime; at: number }[] = [];
  return {
    shown(frame: Shown) {
      toLearn.push({ sig: frame.sig, time: frame.time, at: frame.at });
      if (toLearn.length > KEEP) toLearn.shift();
    },
    /** The distance, or null before one is learnt. */
    learnt(entries: readonly Entry[]): number | null {
      while (toLearn[0]) {
        // A clear match with newer frames after it is the frame itself (poses come in order), unless the
        // phone skipped it; half a second on, whatever was coming has come.
        const match = distinct(entries, toLearn[0].sig);
        const settled = match && match !== entries.at(-1);
        if (!settled && clock() - toLearn[0].at < LEARN_AFTER_MS) break;
        const frame = toLearn.shift()!;
        if (!match) continue;
        delays.push(frame.time - match.t);
        if (delays.length > DELAY_WINDOW) delays.shift();
      }
      return delays.length ? agreed(delays) : null;
    },
    reset() {
      delays.length = 0;
      toLearn.length = 0;
    },
  };
}

type Found = { entry: Entry; poses: PoseMap } | "later" | null;

/**
 * Before the clocks' distance is learnt: the poses of the frame with this signature. A clear match that is
 * the newest frame may be the one before the frame shown, whose own poses are still on their way ("later");
 * one with newer frames after it is the frame itself. Where several frames match about as well (a still
 * scene) their poses are about the same, and the newest is taken at once.
 */
function bySignature(entries: readonly Entry[], sig: Uint8Array): Found {
  const { best, first, second } = ranked(entries, sig);
  if (!best) return null;
  const clear = first < 0.9 * second;
  return clear && best === entries.at(-1) && entries.length > 1 ? "later" : { entry: best, poses: best.poses };
}

/** The waiting frame to show now (its index) and with which poses; null: all wait on. */
function ready(
  waiting: readonly Shown[],
  entries: readonly Entry[],
  /** The poses of a waiting frame: by time once the clocks' distance is known, else by signature. */
  find: (frame: Shown) => Found,
  /** Whether poses still come (else waiting is useless). */
  patient: boolean,
  now: number,
): { i: number; entry: Entry; poses: PoseMap; live: boolean } | null {
  const newest = entries.at(-1)!;
  let pick: { i: number; entry: Entry; poses: PoseMap; live: boolean } | null = null;
  for (const [i, frame] of waiting.entries()) {
    const at = find(frame);
    if (at && at !== "later") pick = { i, ...at, live: false };
    else if (!patient || now - frame.at >= WAIT_MS || waiting.length - i > MAX_WAITING) {
      // Waited long enough: the live video, with the newest poses there are.
      pick = { i, entry: newest, poses: newest.poses, live: true };
    }
  }
  return pick;
}

/** A shape drawn this many frames before the one shown, with no pose on it, is not where it was drawn. */
const UNPLACED_FRAMES = 15;

/**
 * `poses` with the anchored shapes drawn well before frame `frame` that have no pose on it as lost: drawn on
 * a still, their object is elsewhere by now until the customer's tracker finds it.
 */
export function withUnplaced(poses: PoseMap | null, shapes: readonly Shape[], frame: number | undefined) {
  if (!poses || frame === undefined) return poses;
  const unplaced = shapes.filter((s) =>
    !s.pin && s.at !== undefined && frame - s.at > UNPLACED_FRAMES && !poses.has(s.id)
  );
  if (!unplaced.length) return poses;
  const out = new Map(poses);
  for (const s of unplaced) out.set(s.id, { id: s.id, h: null, v: false });
  return out as PoseMap;
}

export function createPoseSync(clock: () => number = () => performance.now()) {
  const entries: Entry[] = [];
  const distance = clockDistance(clock);
  /** Frames shown whose poses are on their way (oldest first). */
  const waiting: Shown[] = [];
  let lastArrival = -Infinity;
  const shown = signal<Entry | null>(null);
  const poses = signal<PoseMap | null>(null);
  const picture = signal<KeptPicture | null>(null);

  function show(entry: Entry, at: PoseMap, kept: KeptPicture | null) {
    const old = picture.value;
    batch(() => {
      shown.value = entry;
      poses.value = at;
      picture.value = kept;
    });
    if (old !== kept) old?.close();
  }

  /** Shows the newest waiting frame whose poses are known (older ones are passed over). */
  function settle() {
    if (!entries.length) return;
    const offset = distance.learnt(entries);
    const find = offset === null
      ? (frame: Shown) => bySignature(entries, frame.sig)
      : (frame: Shown) => posesAt(entries, frame.time - offset);
    const pick = ready(waiting, entries, find, clock() - lastArrival < WAIT_MS, clock());
    if (!pick) return;
    const done = waiting.splice(0, pick.i + 1);
    const frame = done.pop()!;
    done.forEach((w) => w.picture?.close());
    if (pick.live) frame.picture?.close();
    show(pick.entry, pick.poses, pick.live ? null : frame.picture);
  }

  return {
    /** The anchored marks' poses on the frame shown (null before the customer tracks). */
    poses: poses as ReadonlySignal<PoseMap | null>,
    /** The frame those poses belong to, to show instead of the live video (null: the live video). */
    picture: picture as ReadonlySignal<KeptPicture | null>,
    /** The customer's number of the frame shown (or the nearest it tracked), for a shape drawn on it now. */
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
        distance.reset();
      }
      entries.push({ f: message.f, t: message.t, sig, poses: poseMap(message.a) });
      if (entries.length > KEEP) entries.shift();
      lastArrival = clock();
      settle();
    },
    /**
     * The console shows a new frame with this signature and frame time (`FrameTime`: its RTP timestamp,
     * which counts as the phone's clock does, shifted), its picture kept where the browser can.
     */
    showing(sig: Uint8Array, time: FrameTime, kept: KeptPicture | null = null) {
      const frame = { sig, time, at: clock(), picture: kept };
      distance.shown(frame);
      waiting.push(frame);
      settle();
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
      distance.reset();
      waiting.splice(0).forEach((w) => w.picture?.close());
      picture.value?.close();
      batch(() => {
        shown.value = null;
        poses.value = null;
        picture.value = null;
      });
    },
  };
}
export type PoseSync = ReturnType<typeof createPoseSync>;
