/**
 * The tracker (issue 17): marks follow the object as the phone moves. Pure TypeScript, no DOM; run it in a Worker
 * (`worker.ts`, driven by `createTrackerClient`) so that the camera's frames never wait for it.
 */
export { createTracker } from "./tracker.ts";
export { createTrackerClient, type TrackerClient } from "./client.ts";
export type { TrackerIn, TrackerOut } from "./protocol.ts";
export type { AnchorPose, GreyFrame, LostReason, Mat3, Region, Tracker, TrackerOptions } from "./types.ts";
