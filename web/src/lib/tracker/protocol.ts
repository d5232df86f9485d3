/** The tracker Worker's messages, and the handler behind `worker.ts` (kept apart so it runs in tests too). */
import { createTracker } from "./tracker.ts";
import type { AnchorPose, Region, Tracker, TrackerOptions } from "./types.ts";

export type TrackerIn =
  | {
    type: "frame";
    /** The caller's frame index (ties poses to video frames). */
    index: number;
    width: number;
    height: number;
    /** Transferred: grey bytes (`width * height`), or RGBA bytes with `rgba: true`. */
    data: ArrayBuffer;
    rgba?: boolean;
  }
  | { type: "add"; id: string; region: Region; frameIndex?: number }
  | { type: "remove"; id: string }
  | { type: "clear" }
  | { type: "hold"; frameIndex: number | null }
  /** Starts a new tracker with these options (its anchors are dropped). */
  | { type: "options"; options: TrackerOptions };

export interface TrackerOut {
  type: "poses";
  index: number;
  poses: AnchorPose[];
  /** Time the tracker took for this frame (conversion included), ms. */
  ms: number;
  /** The frame's buffer, transferred back for reuse. */
  buffer: ArrayBuffer;
}

/** Rec. 601 luma of RGBA bytes, into `out`. */
export function rgbaToGrey(rgba: Uint8Array, out: Uint8Array): Uint8Array {
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    out[i] = (77 * rgba[j] + 150 * rgba[j + 1] + 29 * rgba[j + 2]) >> 8;
  }
  return out;
}

export interface Reply {
  out: TrackerOut;
  transfer: ArrayBuffer[];
}

/** Handles one message; a frame yields the poses to post back (with its buffer to transfer). */
export function createHandler(tracker: Tracker = createTracker()): (msg: TrackerIn) => Reply | null {
  let grey = new Uint8Array(0);
  return (msg) => {
    switch (msg.type) {
      case "frame": {
        const t0 = performance.now();
        const n = msg.width * msg.height;
        let data: Uint8Array = new Uint8Array(msg.data, 0, n);
        if (msg.rgba) {
          if (grey.length !== n) grey = new Uint8Array(n);
          data = rgbaToGrey(new Uint8Array(msg.data, 0, 4 * n), grey);
        }
        const poses = tracker.update({ width: msg.width, height: msg.height, data }, msg.index);
        const out: TrackerOut = {
          type: "poses",
          index: msg.index,
          poses,
          ms: performance.now() - t0,
          buffer: msg.data,
        };
        return { out, transfer: [msg.data] };
      }
      case "add":
        tracker.add(msg.id, msg.region, msg.frameIndex);
        return null;
      case "remove":
        tracker.remove(msg.id);
        return null;
      case "clear":
        tracker.clear();
        return null;
      case "hold":
        tracker.hold(msg.frameIndex);
        return null;
      case "options":
        tracker = createTracker(msg.options);
        return null;
    }
  };
}
