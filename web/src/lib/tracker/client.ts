/** The main thread's side of the tracker Worker: send frames and anchors, get poses back. */
import type { TrackerIn, TrackerOut } from "./protocol.ts";
import type { Region, TrackerOptions } from "./types.ts";

/** What the client needs of a Worker (a real one, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: "message", listener: (e: { data: TrackerOut }) => void): void;
}

export interface TrackerClient {
  /**
   * Sends a frame (its buffer is transferred: do not touch it afterwards). Returns false, sending nothing, while
   * `maxInFlight` frames are still being tracked: drop that frame rather than queue it.
   */
  frame(index: number, width: number, height: number, data: ArrayBuffer, rgba?: boolean): boolean;
  add(id: string, region: Region, frameIndex?: number): void;
  remove(id: string): void;
  clear(): void;
  hold(frameIndex: number | null): void;
  options(options: TrackerOptions): void;
  /** Called with every frame's poses. */
  onPoses: ((out: TrackerOut) => void) | null;
  /** A returned frame buffer of exactly `bytes` bytes, for the next frame; null when none is spare. */
  buffer(bytes: number): ArrayBuffer | null;
  /** Frames sent and not yet answered. */
  readonly inFlight: number;
}

export function createTrackerClient(worker: WorkerLike, maxInFlight = 1): TrackerClient {
  let inFlight = 0;
  const spare: ArrayBuffer[] = [];
  const post = (msg: TrackerIn, transfer: ArrayBuffer[] = []) => worker.postMessage(msg, transfer);
  const client: TrackerClient = {
    frame(index, width, height, data, rgba) {
      if (inFlight >= maxInFlight) return false;
      inFlight++;
      post({ type: "frame", index, width, height, data, ...(rgba ? { rgba } : {}) }, [data]);
      return true;
    },
    add: (id, region, frameIndex) =>
      post({ type: "add", id, region, ...(frameIndex === undefined ? {} : { frameIndex }) }),
    remove: (id) => post({ type: "remove", id }),
    clear: () => post({ type: "clear" }),
    hold: (frameIndex) => post({ type: "hold", frameIndex }),
    options: (options) => post({ type: "options", options }),
    onPoses: null,
    buffer(bytes) {
      const i = spare.findIndex((b) => b.byteLength === bytes);
      return i < 0 ? null : spare.splice(i, 1)[0];
    },
    get inFlight() {
      return inFlight;
    },
  };
  worker.addEventListener("message", (e) => {
    if (e.data?.type !== "poses") return;
    inFlight = Math.max(0, inFlight - 1);
    if (e.data.buffer?.byteLength && spare.length < 3) spare.push(e.data.buffer);
    client.onPoses?.(e.data);
  });
  return client;
}
