/**
 * The tracker (`lib/tracker`, in a Worker of its own) as the customer's anchoring uses it. This module and
 * the Worker load when the technician first draws.
 */
import { createTrackerClient } from "../../lib/tracker/client.ts";
import type { AnchorPose } from "../../lib/tracker/types.ts";
import type { Pose } from "../../../../shared/tools.ts";
import type { TrackerPort } from "./anchoring.ts";

/** A tracker pose as it goes on the wire: the homography with its last entry scaled to 1. */
export function wirePose(p: AnchorPose): Pose {
  const h = p.h && Math.abs(p.h[8]) > 1e-12 ? p.h.slice(0, 8).map((v) => v / p.h![8]) : null;
  return { id: p.id, h, v: p.visible && h !== null };
}

export function startTracker(): TrackerPort {
  const worker = new Worker(new URL("../../lib/tracker/worker.ts", import.meta.url), { type: "module" });
  const client = createTrackerClient(worker);
  return {
    frame: (index, width, height, rgba) => client.frame(index, width, height, rgba, true),
    add: (id, region, frameIndex) => client.add(id, region, frameIndex),
    remove: (id) => client.remove(id),
    clear: () => client.clear(),
    hold: (frameIndex) => client.hold(frameIndex),
    onPoses(callback) {
      client.onPoses = (out) => callback(out.index, out.poses.map(wirePose));
    },
    dispose: () => worker.terminate(),
  };
}
