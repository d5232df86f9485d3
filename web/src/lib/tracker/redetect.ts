/** Re-detection of a lost anchor: the reference's ORB-like features matched against the frame's, then RANSAC. */
import { type Anchor, correct, MIN_IN_VIEW, MIN_NCC, refill, unitOf } from "./anchor.ts";
import { detectCorners } from "./corners.ts";
import { inViewShare } from "./geometry.ts";
import { describe, type Features, frameFeatures, match } from "./orb.ts";
import type { FrameData } from "./pyramid.ts";
import { robustFit } from "./ransac.ts";
import { correlation } from "./verify.ts";

export type Model = Features;

/** Pattern scales for the reference: the picture 0.7–1.4× as large as when the anchor was drawn. */
const SCALES = [1 / 0.7, 1, 1 / 1.4];
/** Fewest matches that agree on a homography for the region to count as found. */
const MIN_MATCHES = 10;

export function buildModel(a: Anchor, f: FrameData): Model | null {
  const u = unitOf(f.width);
  const pts = detectCorners(f.levels[0], a.ext, { max: 100, minDist: 4 * u, minScore: 3, quality: 0.01 });
  return pts.length >= 2 * MIN_MATCHES ? describe(f, pts, SCALES) : null;
}

/** Tries to find a lost anchor in `f`; on success it tracks again from there. */
export function reacquire(a: Anchor, f: FrameData, rng: () => number): boolean {
  if (!a.model) return false;
  const pairs = match(a.model, frameFeatures(f));
  if (pairs.n < MIN_MATCHES) return false;
  const fit = robustFit(pairs, {
    threshold: 2.5 * unitOf(a.w),
    minHomography: MIN_MATCHES,
    minInliers: Infinity,
    maxIterations: 400,
    ordered: true,
    box: a.box,
    rng,
  });
  if (!fit || fit.inliers.length < MIN_MATCHES) return false;
  Object.assign(a, { hm: fit.h, hPrev: null, base: f, n: 0 });
  refill(a, f);
  if (a.n < 8) {
    Object.assign(a, { hm: null, base: null, n: 0 });
    return false;
  }
  correct(a, f, rng, 2), correct(a, f, rng, 1);
  a.ncc = correlation(a, f);
  if (!(a.ncc >= MIN_NCC)) {
    Object.assign(a, { hm: null, base: null, n: 0 });
    return false;
  }
  a.quality = Math.min(1, fit.inliers.length / pairs.n, a.ncc);
  a.visible = inViewShare(a.hm!, a.box, a.w, a.h) >= MIN_IN_VIEW;
  a.reason = a.visible ? undefined : "out-of-view";
  return true;
}
