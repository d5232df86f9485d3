/**
 * The tracker's main-thread surface (issue 17): the Worker client and the types. The tracker itself runs in the
 * Worker (`worker.ts`, loaded by URL), so importing this module does not pull it into the main thread's chunk;
 * `createTracker` (from `tracker.ts`) is for tests and for running it without a Worker.
 */
export { createTrackerClient, type TrackerClient, type WorkerLike } from "./client.ts";
export type { TrackerIn, TrackerOut } from "./protocol.ts";
export type { AnchorPose, GreyFrame, LostReason, Mat3, Region, Tracker, TrackerOptions } from "./types.ts";
