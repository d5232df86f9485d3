/** ORB-like features: corners described by oriented, scaled BRIEF (256 binary tests on a smoothed picture). */
import { detectCorners } from "./corners.ts";
import { random } from "./ransac.ts";
import type { FrameData } from "./pyramid.ts";

export const WORDS = 8; // 256 bits
/** Radius of the pattern at scale 1 for a 320-wide frame. */
const RADIUS = 11;

/** Test pairs, Gaussian around the centre, clipped to the unit disc: x1, y1, x2, y2 per test. */
const PATTERN = (() => {
  const rng = random(4242), out = new Float32Array(256 * 4);
  const gauss = () => {
    const u = Math.max(1e-9, rng()), v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * 0.4;
  };
  for (let i = 0; i < 256 * 4; i += 2) {
    let x = 0, y = 0;
    do (x = gauss()), (y = gauss()); while (x * x + y * y > 1);
    out[i] = x, out[i + 1] = y;
  }
  return out;
})();

export interface Features {
  /** Positions (pairs), level-0 px. */
  pts: Float64Array;
  /** WORDS words per feature. */
  desc: Uint32Array;
  /** Which keypoint each feature describes (several scales may describe one). */
  key: Int32Array;
  n: number;
}

function sample(img: Float32Array, w: number, h: number, x: number, y: number): number {
  if (x >= 0 && y >= 0 && x < w - 1 && y < h - 1) {
    const x0 = x | 0, y0 = y | 0, ax = x - x0, ay = y - y0, i = y0 * w + x0;
    return (img[i] * (1 - ax) + img[i + 1] * ax) * (1 - ay) + (img[i + w] * (1 - ax) + img[i + w + 1] * ax) * ay;
  }
  const cx = Math.min(w - 1.001, Math.max(0, x)), cy = Math.min(h - 1.001, Math.max(0, y));
  const x0 = Math.floor(cx), y0 = Math.floor(cy), ax = cx - x0, ay = cy - y0, i = y0 * w + x0;
  return (img[i] * (1 - ax) + img[i + 1] * ax) * (1 - ay) + (img[i + w] * (1 - ax) + img[i + w + 1] * ax) * ay;
}

/** Orientation by the intensity centroid within radius r. */
function angle(img: Float32Array, w: number, h: number, x: number, y: number, r: number): number {
  let m10 = 0, m01 = 0;
  const step = Math.max(1, r / 6);
  for (let dy = -r; dy <= r; dy += step) {
    for (let dx = -r; dx <= r; dx += step) {
      if (dx * dx + dy * dy > r * r) continue;
      const v = sample(img, w, h, x + dx, y + dy);
      m10 += dx * v, m01 += dy * v;
    }
  }
  return Math.atan2(m01, m10);
}

/** Describes keypoints `pts` of frame `f` at each pattern scale in `scales`. */
export function describe(f: FrameData, pts: Float64Array, scales: number[]): Features {
  // Tests on level 1 of the pyramid: already smoothed (5-tap binomial), in half-size pixels.
  const { w, h, img } = f.levels[1];
  const n = (pts.length / 2) * scales.length, r0 = (RADIUS * (f.width / 320)) / 2;
  const out: Features = { pts: new Float64Array(2 * n), desc: new Uint32Array(WORDS * n), key: new Int32Array(n), n };
  let j = 0;
  for (let k = 0; k < pts.length / 2; k++) {
    const x = (pts[2 * k] - 0.5) / 2, y = (pts[2 * k + 1] - 0.5) / 2;
    for (const s of scales) {
      const r = r0 * s, th = angle(img, w, h, x, y, r), c = Math.cos(th) * r, sn = Math.sin(th) * r;
      for (let b = 0; b < 256; b++) {
        const x1 = PATTERN[4 * b], y1 = PATTERN[4 * b + 1], x2 = PATTERN[4 * b + 2], y2 = PATTERN[4 * b + 3];
        const v1 = sample(img, w, h, x + c * x1 - sn * y1, y + sn * x1 + c * y1);
        const v2 = sample(img, w, h, x + c * x2 - sn * y2, y + sn * x2 + c * y2);
        if (v1 < v2) out.desc[j * WORDS + (b >> 5)] |= 1 << (b & 31);
      }
      out.pts[2 * j] = pts[2 * k], out.pts[2 * j + 1] = pts[2 * k + 1], out.key[j] = k;
      j++;
    }
  }
  return out;
}

/** Keypoints and descriptors over the whole frame at scale 1 (cached on the frame, shared by every anchor). */
export function frameFeatures(f: FrameData & { features?: Features }, max = 300): Features {
  if (f.features) return f.features;
  const u = f.width / 320;
  const pts = detectCorners(f.levels[0], { x0: 0, y0: 0, x1: f.width, y1: f.height }, {
    max,
    minDist: 4 * u,
    minScore: 3,
    quality: 0.01,
  });
  return (f.features = describe(f, pts, [1]));
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Matches each feature of `cur` to its nearest in `ref` (Hamming), kept when close enough and clearly nearer
 * than the nearest other reference keypoint. Returns pairs ref → cur, closest first.
 */
export function match(ref: Features, cur: Features, maxDist = 64, ratio = 0.8) {
  const found: [number, number, number][] = []; // distance, ref feature, cur feature
  for (let i = 0; i < cur.n; i++) {
    let best = 257, second = 257, bestJ = -1;
    for (let j = 0; j < ref.n; j++) {
      let d = 0;
      for (let k = 0; k < WORDS && d < second; k++) d += popcount(cur.desc[i * WORDS + k] ^ ref.desc[j * WORDS + k]);
      if (d < best) {
        if (bestJ < 0 || ref.key[j] !== ref.key[bestJ]) second = best;
        best = d, bestJ = j;
      } else if (d < second && ref.key[j] !== ref.key[bestJ]) second = d;
    }
    if (bestJ < 0 || best > maxDist || best > ratio * second) continue;
    found.push([best, bestJ, i]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const n = found.length, src = new Float64Array(2 * n), dst = new Float64Array(2 * n);
  found.forEach(([, j, i], k) => {
    src[2 * k] = ref.pts[2 * j], src[2 * k + 1] = ref.pts[2 * j + 1];
    dst[2 * k] = cur.pts[2 * i], dst[2 * k + 1] = cur.pts[2 * i + 1];
  });
  return { src, dst, n };
}
