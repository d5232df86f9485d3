/**
 * Marks that stay on the object, the customer's side: once the technician is about to draw (or the first
 * anchored shape arrives) this page numbers the camera frames it shows, hands a small copy of each to the
 * tracker (a Worker, loaded then), and shows each anchored shape by the pose the tracker finds for it;
 * every frame's poses and signature go to the console (`poses`, lossy) so it draws the same marks on the
 * frame it shows. Pinned shapes are not tracked.
 */
import { batch, type ReadonlySignal, signal } from "@preact/signals";
import type { Pose, Shape, ToolMessage } from "../../../../shared/tools.ts";
import { encodeSignature, isAnchored, type PoseMap, poseMap, signature } from "../../lib/anchored.ts";
import { type Area, shapeArea } from "../../lib/annotations.ts";
import type { FrameTime, KeptPicture } from "../../lib/video_frames.ts";

/** What this page needs of the tracker (`lib/tracker`, in its Worker). */
export interface TrackerPort {
  /**
   * A frame (RGBA at the working size; its buffer is handed over) with this page's number for it; false
   * when the tracker is busy and took nothing.
   */
  frame(index: number, width: number, height: number, rgba: ArrayBuffer): boolean;
  add(id: string, region: Area, frameIndex?: number): void;
  remove(id: string): void;
  clear(): void;
  /** Keeps frame `index` for shapes drawn on it later (a still); null lets it go. */
  hold(index: number | null): void;
  onPoses(callback: (index: number, poses: readonly Pose[]) => void): void;
  dispose(): void;
}

/**
 * Camera frames as they are shown: each one once, scaled down to the tracker's working size, with the
 * frame itself kept where the browser can (this page then shows each frame with its marks, together).
 */
export interface FrameSource {
  /** Calls `onFrame` for each new frame shown until the returned function is called. */
  start(onFrame: (rgba: ImageData, picture: KeptPicture | null, time: FrameTime) => void): () => void;
}

/** A kept frame whose poses take longer than this is not worth waiting for: the live video shows again. */
const STALE_MS = 1000;

/** The tracker looks this far around a shape for texture to follow (normalised picture units). */
const MARGIN = 0.08;

/** The part of the picture the tracker follows for `shape`: its box with a margin, on the picture. */
export function trackedRegion(shape: Shape): Area {
  const a = shapeArea(shape);
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { x0: clamp(a.x0 - MARGIN), y0: clamp(a.y0 - MARGIN), x1: clamp(a.x1 + MARGIN), y1: clamp(a.y1 + MARGIN) };
}

/** Poses rounded for the wire (1/100,000 of the picture is far below a pixel). */
const rounded = (poses: readonly Pose[]): Pose[] =>
  poses.map((p) => ({ ...p, h: p.h && p.h.map((v) => Math.round(v * 1e5) / 1e5) }));

/**
 * The tracked frame to show under the marks (null: the live video shows; a replaced one is closed) and
 * its number.
 */
function shownPicture() {
  const picture = signal<KeptPicture | null>(null);
  let index: number | null = null;
  let first = () => {};
  const firstShown = new Promise<void>((resolve) => (first = resolve));
  return {
    picture,
    index: () => index,
    /** Resolves when the first tracked frame shows. */
    firstShown,
    show(next: KeptPicture | null, at?: number) {
      const old = picture.value;
      picture.value = next;
      old?.close();
      if (at !== undefined) [index, first] = [at, (first(), () => {})];
    },
  };
}

/** The anchored shapes the tracker follows, and which of them it has found on their object at least once. */
function followedShapes() {
  const followed = new Set<string>();
  const onObject = new Set<string>();
  return {
    has: (id: string) => followed.has(id),
    /** Follows `id`; `onIt`: it was drawn where its object is known to be (a still of a tracked frame). */
    add: (id: string, onIt = false) => (onIt && onObject.add(id), followed.add(id)),
    delete: (id: string) => (onObject.delete(id), followed.delete(id)),
    clear() {
      followed.clear();
      onObject.clear();
    },
    /**
     * The poses to show. A mark whose region was never found (a blank wall, a dark corner) gets none and
     * stays where it was drawn, as a pinned one does; only a mark that was on its object fades when the
     * object is lost.
     */
    shown(found: readonly Pose[]): Pose[] {
      found.forEach((p) => p.v && onObject.add(p.id));
      return found.filter((p) => followed.has(p.id) && onObject.has(p.id));
    },
  };
}

/** What a drawing message means for the shapes followed. */
function onDrawingMessage(
  message: ToolMessage,
  to: { run(): void; follow(shape: Shape): void; unfollow(id: string): void; clear(): void },
) {
  if (message.type === "tracking" && message.on) to.run();
  else if (message.type === "shape") {
    if (isAnchored(message.shape)) to.follow(message.shape);
    else to.unfollow(message.shape.id);
  } else if (message.type === "undo") to.unfollow(message.id);
  else if (message.type === "clear") to.clear();
  else if (message.type === "drawing") {
    to.clear();
    message.shapes.filter(isAnchored).forEach((s) => to.follow({ ...s, at: undefined }));
  }
}

export function createAnchoring(opts: {
  frames: FrameSource;
  loadTracker(): Promise<TrackerPort>;
  /** Sends a tools message that may be lost (a newer one follows). */
  send(message: ToolMessage): void;
}) {
  const poses = signal<PoseMap | null>(null);
  const { picture, show, index: shownIndex, firstShown } = shownPicture();
  let tracker: TrackerPort | null = null;
  let loading: Promise<TrackerPort | null> | null = null;
  let stop: (() => void) | null = null;
  const followed = followedShapes();
  let index = 0;
  /** The frame the tracker has and has not answered for yet (one at a time: a slow phone skips frames). */
  let pending: { index: number; sig: string; picture: KeptPicture | null; at: number; time: FrameTime } | null = null;
  let latest: readonly Pose[] = [];
  /** The frame a still is of, kept in the tracker for shapes drawn on the still. */
  let heldIndex: number | null = null;
  let disposed = false;

  function answer(at: number, found: readonly Pose[]) {
    if (pending?.index !== at) return;
    const { sig, picture: tracked, time } = pending;
    pending = null;
    latest = followed.shown(found);
    // The frame and its marks change together (one paint).
    batch(() => {
      show(tracked, at);
      poses.value = poseMap(latest);
    });
    opts.send({ type: "poses", f: at, t: Math.round(time * 10) / 10, sig, a: rounded(latest) });
  }

  function ensureTracker(): Promise<TrackerPort | null> {
    loading ??= opts.loadTracker().then((t) => {
      if (disposed) return void t.dispose(), null;
      t.onPoses(answer);
      return tracker = t;
    }).catch((err) => (console.warn("Tracking is not available", err), loading = null));
    return loading;
  }

  async function run() {
    const t = await ensureTracker();
    if (!t || stop || disposed) return;
    stop = opts.frames.start((image, kept, time) => {
      if (pending) {
        kept?.close();
        if (performance.now() - pending.at > STALE_MS) show(null);
        return;
      }
      index++;
      const sig = encodeSignature(signature(image.data, image.width, image.height));
      pending = { index, sig, picture: kept, at: performance.now(), time };
      if (!t.frame(index, image.width, image.height, image.data.buffer as ArrayBuffer)) {
        kept?.close();
        pending = null;
      }
    });
  }

  async function follow(shape: Shape) {
    if (followed.has(shape.id)) return;
    // Drawn on a still: on its object there, so until the tracker finds it in the live picture it is out of
    // view (not where it was drawn: the camera has moved on since).
    const onStill = shape.at !== undefined && shape.at === heldIndex;
    followed.add(shape.id, onStill);
    if (onStill) poses.value = poseMap(latest = [...latest, { id: shape.id, h: null, v: false }]);
    const t = await ensureTracker();
    if (followed.has(shape.id)) t?.add(shape.id, trackedRegion(shape), shape.at);
    void run();
  }

  function unfollow(id: string) {
    if (followed.delete(id)) tracker?.remove(id);
  }

  function clearAll() {
    followed.clear();
    tracker?.clear();
    poses.value = null;
  }

  return {
    /** Each anchored shape's place in the frame shown (null until tracking runs). */
    poses: poses as ReadonlySignal<PoseMap | null>,
    /** The frame those poses belong to, to show instead of the live video (null: show the video). */
    picture: picture as ReadonlySignal<KeptPicture | null>,
    /** The poses on the picture shown now, for a still taken from it. */
    current: (): readonly Pose[] => latest,
    /** The number of the tracked frame shown now (null before tracking), and that frame where it is kept. */
    shown: () => ({ index: shownIndex(), picture: picture.value }),
    /**
     * Resolves when a tracked frame is shown, if tracking is starting (at most `ms` later); at once when it
     * runs already or was not asked for.
     */
    tracked: (ms = 3000): Promise<void> =>
      !loading || shownIndex() !== null
        ? Promise.resolve()
        : Promise.race([firstShown, new Promise<void>((resolve) => setTimeout(resolve, ms))]),
    /** Keeps the frame shown now for shapes the technician draws on a still of it; null lets it go. */
    hold(index: number | null) {
      heldIndex = tracker ? index : null;
      tracker?.hold(index);
    },
    /** Follows the drawing's messages; returns nothing (the drawing itself applies them). */
    handle: (message: ToolMessage) =>
      onDrawingMessage(message, { run: () => void run(), follow: (s) => void follow(s), unfollow, clear: clearAll }),
    dispose() {
      disposed = true;
      stop?.();
      tracker?.dispose();
      pending?.picture?.close();
      show(null);
    },
  };
}
export type Anchoring = ReturnType<typeof createAnchoring>;
