/** One anchor: points with reference coordinates, tracked frame to frame, posed directly reference → current. */
import { type Box, detectCorners } from "./corners.ts";
import { boundsOf, grow, inQuad, inViewShare, quad, regionBox } from "./geometry.ts";
import { align } from "./align.ts";
import { correlation } from "./verify.ts";
import { trackPoints } from "./lk.ts";
import { apply, IDENTITY, invert, multiply } from "./mat.ts";
import { type FrameData, gradientEnergy, rawMean } from "./pyramid.ts";
import { robustFit } from "./ransac.ts";
import type { Model } from "./redetect.ts";
import type { LostReason, Mat3, Region } from "./types.ts";

/** Points kept per anchor, and the count below which new corners are added. */
export const TARGET = 64, REFILL_BELOW = 40;
/** Raw grey mean below which the region is too dark, normalised gradient energy below which it is flat. */
const DARK = 14, FLAT = 1.2;
/**
 * Sharpness (the weaker axis's share of the reference's gradient energy, corrected for scale) below which the
 * picture is too blurred to track; below SOFT, a failed track is put down to blur.
 */
const BLURRED = 0.3, SOFT = 0.6;
/** Frames between drift corrections against the reference. */
const ALIGN_EVERY = 8;
/** Correlation with the reference below which a pose is wrong (a real scene's is lower than a synthetic one's). */
export const MIN_NCC = 0.5;
/** Share of the region that must be in the picture for the mark to show. */
export const MIN_IN_VIEW = 0.5;

export interface Anchor {
  id: string;
  region: Region;
  /** The region, and the region grown by the margin, in reference pixels. */
  box: Box;
  ext: Box;
  /** Working frame size, px. */
  w: number;
  h: number;
  ref: Float64Array;
  cur: Float64Array;
  n: number;
  /** The frame on which `cur` holds, or null while lost (re-detection). */
  base: FrameData | null;
  /** Reference px → `base` px. */
  hm: number[] | null;
  /** The pose one frame before, for a constant-velocity guess. */
  hPrev: number[] | null;
  quality: number;
  visible: boolean;
  reason?: LostReason;
  /** Normalised gradient energy (mean |gx|, mean |gy|) of the region in the reference frame. */
  refEnergy: [number, number];
  /** The reference frame's normalised level 0, for drift correction, and level 1, for checking poses. */
  refImg: Float32Array | null;
  refHalf: Float32Array | null;
  /** Correlation of the reference with the frame under the pose, last checked. */
  ncc: number;
  /** Frames since the last drift correction. */
  sinceAlign: number;
  /** Reference features for re-detection. */
  model?: Model | null;
}

/** Pixel unit: thresholds are set for a 320-wide working frame. */
export const unitOf = (w: number) => w / 320;

export function cornerOptions(w: number, max: number) {
  return { max, minDist: 5 * unitOf(w), minScore: 3, quality: 0.02 };
}

export function createAnchor(id: string, region: Region, f: FrameData): Anchor {
  const box = regionBox(region, f.width, f.height), ext = grow(box, 0.5, f.width, f.height);
  const pts = detectCorners(f.levels[0], ext, cornerOptions(f.width, TARGET));
  const a: Anchor = {
    id,
    region,
    box,
    ext,
    w: f.width,
    h: f.height,
    ref: new Float64Array(2 * TARGET),
    cur: new Float64Array(2 * TARGET),
    n: pts.length / 2,
    base: f,
    hm: [...IDENTITY],
    hPrev: null,
    quality: 1,
    visible: true,
    refEnergy: gradientEnergy(f, box),
    refImg: f.levels[0].img.slice(), // copies: frames' arrays are reused
    refHalf: f.levels[1].img.slice(),
    ncc: 1,
    // Anchors made together correct on different frames, so that their costs do not add up on one.
    sinceAlign: [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % ALIGN_EVERY,
  };
  a.ref.set(pts), a.cur.set(pts);
  if (a.n < 6) lose(a, a.refEnergy[0] + a.refEnergy[1] < FLAT ? "flat" : "not-found");
  return a;
}

export function lose(a: Anchor, reason: LostReason) {
  Object.assign(a, { base: null, hm: null, hPrev: null, n: 0, visible: false, quality: 0, reason });
}

/** Sharpness of the region against the reference: the weaker axis's gradient energy share (motion blur is directional). */
function sharpness(a: Anchor, energy: [number, number], scale: number): number {
  const s = Math.min(scale, 1.5);
  return Math.min((energy[0] * s) / a.refEnergy[0], (energy[1] * s) / a.refEnergy[1]);
}

/** Why the picture cannot be tracked around the predicted region, if it cannot; and its sharpness. */
function unfit(a: Anchor, f: FrameData, predicted: Mat3): { reason: LostReason | null; sharp: number } {
  const b = boundsOf(quad(predicted, a.box));
  const clip = {
    x0: Math.max(0, b.x0),
    y0: Math.max(0, b.y0),
    x1: Math.min(f.width, b.x1),
    y1: Math.min(f.height, b.y1),
  };
  const seen = clip.x1 - clip.x0 > 4 && clip.y1 - clip.y0 > 4;
  const area = seen ? clip : { x0: 0, y0: 0, x1: f.width, y1: f.height };
  if (rawMean(f, area) < DARK) return { reason: "dark", sharp: 0 };
  const energy = gradientEnergy(f, area);
  if (energy[0] + energy[1] < FLAT) return { reason: "flat", sharp: 0 };
  const scale = Math.sqrt(Math.abs((b.x1 - b.x0) * (b.y1 - b.y0)) / ((a.box.x1 - a.box.x0) * (a.box.y1 - a.box.y0)));
  const sharp = seen ? sharpness(a, energy, scale) : 1;
  return { reason: sharp < BLURRED ? "blurred" : null, sharp };
}

const scratch = { out: new Float64Array(2 * TARGET), guess: new Float64Array(2 * TARGET), ok: new Uint8Array(TARGET) };

/**
 * Carries a tracking anchor onto frame `f`. A frame that cannot be tracked (dark, flat, blurred) loses the anchor:
 * what the camera did meanwhile is unknown, so it is found again by re-detection rather than by optical flow.
 */
export function step(a: Anchor, f: FrameData, rng: () => number) {
  if (!a.base || !a.hm) return;
  const hv = a.hPrev ? invert(a.hPrev) : null;
  const predicted = hv ? multiply(a.hm, multiply(hv, a.hm)) : a.hm;
  const { reason, sharp } = unfit(a, f, predicted);
  if (reason) return lose(a, reason);
  const failed = sharp < SOFT ? "blurred" : "not-found";
  const { out, guess, ok } = scratch;
  for (let i = 0; i < a.n; i++) {
    const [px, py] = apply(predicted, a.ref[2 * i], a.ref[2 * i + 1]);
    const [cx, cy] = apply(a.hm, a.ref[2 * i], a.ref[2 * i + 1]);
    guess[2 * i] = a.cur[2 * i] + px - cx, guess[2 * i + 1] = a.cur[2 * i + 1] + py - cy;
  }
  const before = a.n;
  const tracked = trackPoints(a.base, f, a.cur, a.n, guess, out, ok);
  let k = 0;
  for (let i = 0; i < a.n; i++) {
    if (!ok[i]) continue;
    a.ref[2 * k] = a.ref[2 * i], a.ref[2 * k + 1] = a.ref[2 * i + 1];
    a.cur[2 * k] = out[2 * i], a.cur[2 * k + 1] = out[2 * i + 1];
    k++;
  }
  a.n = k;
  const fit = tracked >= 5 ? fitPose(a, rng) : null;
  if (!fit) return lose(a, failed);
  a.hPrev = a.hm;
  a.hm = fit.h, a.base = f;
  if (++a.sinceAlign >= ALIGN_EVERY) correct(a, f, rng);
  a.ncc = correlation(a, f);
  if (a.ncc < MIN_NCC) return lose(a, failed);
  const support = (fit.inliers.length / Math.max(1, before)) * Math.min(1, fit.inliers.length / 16);
  a.quality = Math.max(0, Math.min(1, support, Number.isNaN(a.ncc) ? 1 : a.ncc));
  a.visible = inViewShare(a.hm, a.box, a.w, a.h) >= MIN_IN_VIEW;
  a.reason = a.visible ? undefined : "out-of-view";
  if (a.n < REFILL_BELOW && fit.inliers.length >= 0.6 * before) refill(a, f);
}

/** Drift correction against the reference, then a fresh fit; returns whether the pose was corrected. */
export function correct(a: Anchor, f: FrameData, rng: () => number, levels = 1): boolean {
  a.sinceAlign = 0;
  if (!align(a, f, levels)) return false;
  const fit = fitPose(a, rng);
  if (fit) a.hm = fit.h;
  return !!fit;
}

/** RANSAC over the tracked points; keeps only the inliers. */
export function fitPose(a: Anchor, rng: () => number) {
  const pairs = { src: a.ref.subarray(0, 2 * a.n), dst: a.cur.subarray(0, 2 * a.n), n: a.n };
  const u = unitOf(a.w);
  const fit = robustFit(pairs, {
    threshold: 1.5 * u,
    minHomography: 10,
    minInliers: 5,
    maxIterations: 80,
    box: a.box,
    rng,
  });
  if (!fit) return null;
  let k = 0;
  for (const i of fit.inliers) {
    a.ref[2 * k] = a.ref[2 * i], a.ref[2 * k + 1] = a.ref[2 * i + 1];
    a.cur[2 * k] = a.cur[2 * i], a.cur[2 * k + 1] = a.cur[2 * i + 1];
    k++;
  }
  a.n = k;
  return fit;
}

/** New corners inside the projected (grown) region, their reference coordinates through the inverse pose. */
export function refill(a: Anchor, f: FrameData) {
  const hm = a.hm!, inv = invert(hm);
  if (!inv) return;
  const q = quad(hm, a.ext), bb = boundsOf(q);
  const pts = detectCorners(f.levels[0], bb, {
    ...cornerOptions(a.w, TARGET - a.n),
    inside: (x, y) => inQuad(q, x, y),
    taken: { pts: a.cur, n: a.n },
  });
  for (let k = 0; k < pts.length && a.n < TARGET; k += 2) {
    const [rx, ry] = apply(inv, pts[k], pts[k + 1]);
    a.ref[2 * a.n] = rx, a.ref[2 * a.n + 1] = ry;
    a.cur[2 * a.n] = pts[k], a.cur[2 * a.n + 1] = pts[k + 1];
    a.n++;
  }
}
