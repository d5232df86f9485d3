/**
 * The tracker: keeps recent grey frames, carries every anchor onto each new frame (one pyramid per frame for
 * all anchors), re-detects lost anchors, and reports each pose in normalised picture coordinates.
 */
import { type Anchor, createAnchor, lose, step } from "./anchor.ts";
import { normaliser, pixeliser } from "./geometry.ts";
import { multiply, normalise } from "./mat.ts";
import { buildFrame, type FrameData, LEVELS, retire } from "./pyramid.ts";
import { random } from "./ransac.ts";
import { buildModel, reacquire } from "./redetect.ts";
import type { AnchorPose, GreyFrame, Region, Tracker, TrackerOptions } from "./types.ts";

interface Pending {
  id: string;
  region: Region;
  frameIndex?: number;
}

/** Re-detection runs on every `REDETECT_EVERY`th frame while an anchor is lost. */
const REDETECT_EVERY = 2;

export function createTracker(options: TrackerOptions = {}): Tracker {
  const history = Math.max(1, options.history ?? 45);
  const rng = random(options.seed ?? 1);
  const ring: GreyFrame[] = [], indices: number[] = [];
  let latest: FrameData | null = null, before: FrameData | null = null;
  const anchors = new Map<string, Anchor>();
  const pending = new Map<string, Pending>();
  let held: { frame: GreyFrame; index: number } | null = null;
  let tick = 0;

  const carry = (a: Anchor, f: FrameData) => {
    if (a.base) step(a, f, rng);
    else if (a.model && tick % REDETECT_EVERY === 0) reacquire(a, f, rng);
  };

  /**
   * Defines the anchor on the buffered frame it was drawn on, then carries it through the frames after it;
   * on the held frame once that has left the buffer, and then found on the latest by re-detection (the
   * camera may have moved anywhere meanwhile: too far for optical flow, which would settle on a look-alike).
   */
  const define = (p: Pending) => {
    if (!latest) return;
    let at = ring.length - 1;
    if (p.frameIndex !== undefined) {
      if (p.frameIndex > latest.index) return; // not seen yet: stays pending
      at = indices.findIndex((i) => i >= p.frameIndex!);
      if (at < 0) at = ring.length - 1;
    }
    pending.delete(p.id);
    const frameAt = (k: number) => (k === ring.length - 1 ? latest! : buildFrame(ring[k], indices[k]));
    const fromHeld = held && held.index === p.frameIndex && !indices.includes(held.index);
    const base = fromHeld ? buildFrame(held!.frame, held!.index) : frameAt(at);
    const a = createAnchor(p.id, p.region, base);
    a.model = buildModel(a, base);
    if (fromHeld) lose(a, "not-found"), reacquire(a, latest, rng);
    else for (let k = at + 1; k < ring.length; k++) carry(a, frameAt(k));
    anchors.set(p.id, a);
  };

  const pose = (a: Anchor): AnchorPose => {
    if (!a.hm || !a.base) {
      return { id: a.id, h: null, visible: false, quality: 0, reason: a.reason ?? "not-found" };
    }
    const h = normalise(multiply(normaliser(a.w, a.h), multiply(a.hm, pixeliser(a.w, a.h))));
    return { id: a.id, h, visible: a.visible, quality: a.quality, ...(a.reason ? { reason: a.reason } : {}) };
  };

  return {
    add(id, region, frameIndex) {
      anchors.delete(id);
      pending.set(id, { id, region, frameIndex });
      define(pending.get(id)!);
    },
    remove(id) {
      anchors.delete(id), pending.delete(id);
    },
    clear() {
      anchors.clear(), pending.clear();
    },
    hold(frameIndex) {
      const k = frameIndex === null ? -1 : indices.indexOf(frameIndex);
      held = k < 0 ? null : { frame: ring[k], index: frameIndex! };
    },
    update(frame, frameIndex) {
      if (latest && (frame.width !== latest.width || frame.height !== latest.height)) {
        ring.length = 0, indices.length = 0, before = null;
        for (const a of anchors.values()) lose(a, "not-found"), (a.model = null);
      }
      tick++;
      // The frame before the latest is referenced by nothing now (anchors hold the latest or none): reuse it.
      const f = buildFrame(frame, frameIndex, LEVELS, before ? retire(before) : undefined);
      ring.push({ width: frame.width, height: frame.height, data: frame.data.slice() });
      indices.push(frameIndex);
      while (ring.length > history) ring.shift(), indices.shift();
      before = latest, latest = f;
      for (const a of anchors.values()) carry(a, f);
      for (const p of [...pending.values()]) define(p);
      return [
        ...[...anchors.values()].map(pose),
        ...[...pending.keys()].map((id) => ({ id, h: null, visible: false, quality: 0, reason: "pending" as const })),
      ];
    },
  };
}
