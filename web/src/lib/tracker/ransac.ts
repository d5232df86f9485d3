/** Robust pose fits: RANSAC over point pairs, a homography when enough agree, a similarity as the fallback. */
import { fitHomography, fitSimilarity, type Pairs, plausible } from "./mat.ts";
import type { Mat3 } from "./types.ts";

/** A small seeded generator (mulberry32), so runs repeat. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Fit {
  h: number[];
  /** Indices of the pairs within the threshold. */
  inliers: number[];
  kind: "homography" | "similarity";
}

export interface RansacOptions {
  /** Reprojection threshold in pixels. */
  threshold: number;
  /** Fewest inliers for a homography; below it a similarity is tried. */
  minHomography: number;
  /** Fewest inliers for any fit. */
  minInliers: number;
  maxIterations: number;
  /** The reference region (pixels): the fit must keep it plausible. */
  box: { x0: number; y0: number; x1: number; y1: number };
  rng: () => number;
  /** Pairs come best first (e.g. by descriptor distance): samples favour them, as PROSAC does. */
  ordered?: boolean;
}

function inliersOf(h: Mat3, pairs: Pairs, t2: number): number[] {
  const out: number[] = [];
  const { src, dst } = pairs;
  for (let i = 0; i < pairs.n; i++) {
    const x = src[2 * i], y = src[2 * i + 1];
    const w = h[6] * x + h[7] * y + h[8];
    if (w <= 0) continue;
    const ex = (h[0] * x + h[1] * y + h[2]) / w - dst[2 * i];
    const ey = (h[3] * x + h[4] * y + h[5]) / w - dst[2 * i + 1];
    if (ex * ex + ey * ey < t2) out.push(i);
  }
  return out;
}

function sample(n: number, k: number, rng: () => number, ordered: boolean): number[] {
  const out: number[] = [];
  while (out.length < k) {
    const r = rng(), i = Math.floor((ordered ? r * r : r) * n);
    if (!out.includes(i)) out.push(i);
  }
  return out;
}

type Fitter = (pairs: Pairs, idx: ArrayLike<number>) => number[] | null;

function search(pairs: Pairs, k: number, fit: Fitter, o: RansacOptions): number[] | null {
  const t2 = o.threshold * o.threshold;
  let best: number[] = [];
  let needed = o.maxIterations;
  for (let it = 0; it < needed && it < o.maxIterations; it++) {
    const h = fit(pairs, sample(pairs.n, k, o.rng, !!o.ordered && it % 2 === 0));
    if (!h) continue;
    const inl = inliersOf(h, pairs, t2);
    if (inl.length > best.length) {
      best = inl;
      const w = inl.length / pairs.n;
      needed = Math.min(o.maxIterations, Math.ceil(Math.log(0.005) / Math.log(Math.max(1e-9, 1 - w ** k))));
    }
  }
  if (best.length < k) return null;
  // Refine: least squares on the inliers, then once more on the inliers of that.
  for (let pass = 0; pass < 2; pass++) {
    const h = fit(pairs, best);
    if (!h) return null;
    const inl = inliersOf(h, pairs, t2);
    if (inl.length < best.length * 0.9) break;
    best = inl;
  }
  return best;
}

function finish(pairs: Pairs, inliers: number[] | null, fit: Fitter, o: RansacOptions, min: number) {
  if (!inliers || inliers.length < min) return null;
  const h = fit(pairs, inliers);
  return h && plausible(h, o.box) ? h : null;
}

/** The best plausible pose through the pairs, or null when too few agree. */
export function robustFit(pairs: Pairs, o: RansacOptions): Fit | null {
  if (pairs.n >= o.minHomography) {
    const inl = search(pairs, 4, fitHomography, o);
    const h = finish(pairs, inl, fitHomography, o, o.minHomography);
    if (h && inl) return { h, inliers: inl, kind: "homography" };
  }
  if (pairs.n < o.minInliers) return null;
  const inl = search(pairs, 2, fitSimilarity, o);
  const h = finish(pairs, inl, fitSimilarity, o, o.minInliers);
  return h && inl ? { h, inliers: inl, kind: "similarity" } : null;
}
