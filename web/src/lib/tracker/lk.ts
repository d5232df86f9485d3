/** Pyramidal Lucas–Kanade point tracking with a forward–backward check. */
import type { FrameData, Level } from "./pyramid.ts";

export interface LKOptions {
  /** Half window: 5 → 11×11. */
  half: number;
  iterations: number;
  /** Forward–backward disagreement (level-0 px) above which a track is dropped. */
  fbMax: number;
  /** Smallest eigenvalue of the structure tensor per window pixel below which a point is untrackable. */
  minEig: number;
}

export const LK_DEFAULTS: LKOptions = { half: 5, iterations: 12, fbMax: 0.6, minEig: 4 };

const MAX_WIN = 31 * 31;
const tI = new Float32Array(MAX_WIN), tX = new Float32Array(MAX_WIN), tY = new Float32Array(MAX_WIN);

/** Bilinear samples of `src` over the window centred at (x, y), into `out`; clamped at the borders. */
function window(src: Float32Array, L: Level, x: number, y: number, half: number, out: Float32Array) {
  const x0 = Math.floor(x), y0 = Math.floor(y), ax = x - x0, ay = y - y0;
  const w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
  const { w, h } = L;
  let k = 0;
  if (x0 - half >= 0 && y0 - half >= 0 && x0 + half + 1 < w && y0 + half + 1 < h) {
    for (let dy = -half; dy <= half; dy++) {
      let i = (y0 + dy) * w + x0 - half;
      for (let dx = -half; dx <= half; dx++, i++) {
        out[k++] = w00 * src[i] + w01 * src[i + 1] + w10 * src[i + w] + w11 * src[i + w + 1];
      }
    }
    return;
  }
  for (let dy = -half; dy <= half; dy++) {
    const ya = Math.min(h - 1, Math.max(0, y0 + dy)), yb = Math.min(h - 1, Math.max(0, y0 + dy + 1));
    for (let dx = -half; dx <= half; dx++) {
      const xa = Math.min(w - 1, Math.max(0, x0 + dx)), xb = Math.min(w - 1, Math.max(0, x0 + dx + 1));
      out[k++] = w00 * src[ya * w + xa] + w01 * src[ya * w + xb] + w10 * src[yb * w + xa] + w11 * src[yb * w + xb];
    }
  }
}

const jBuf = new Float32Array(MAX_WIN);

/**
 * Tracks one point from `a` to `b`: (x, y) in level-0 pixels of `a`, (gx, gy) the initial guess in `b`.
 * Writes the result into `out` and returns false when the point cannot be tracked.
 */
export function trackPoint(
  a: FrameData,
  b: FrameData,
  x: number,
  y: number,
  gx: number,
  gy: number,
  o: LKOptions,
  out: Float64Array,
): boolean {
  const top = Math.min(a.levels.length, b.levels.length) - 1;
  const n = (2 * o.half + 1) ** 2;
  let dx = (gx - x) / (1 << top), dy = (gy - y) / (1 << top);
  for (let l = top; l >= 0; l--) {
    const La = a.levels[l], Lb = b.levels[l], s = 1 / (1 << l);
    const px = x * s, py = y * s;
    window(La.img, La, px, py, o.half, tI);
    window(La.gx, La, px, py, o.half, tX);
    window(La.gy, La, px, py, o.half, tY);
    let gxx = 0, gxy = 0, gyy = 0;
    for (let k = 0; k < n; k++) gxx += tX[k] * tX[k], gxy += tX[k] * tY[k], gyy += tY[k] * tY[k];
    const det = gxx * gyy - gxy * gxy;
    const minEig = (gxx + gyy - Math.sqrt((gxx - gyy) ** 2 + 4 * gxy * gxy)) / 2 / n;
    if (minEig < o.minEig * (l === 0 ? 1 : 0.25) || det < 1e-9) return false;
    for (let it = 0; it < o.iterations; it++) {
      const qx = px + dx, qy = py + dy;
      if (qx < -o.half || qy < -o.half || qx > Lb.w + o.half || qy > Lb.h + o.half) return false;
      window(Lb.img, Lb, qx, qy, o.half, jBuf);
      let bx = 0, by = 0;
      for (let k = 0; k < n; k++) {
        const d = tI[k] - jBuf[k];
        bx += d * tX[k], by += d * tY[k];
      }
      const vx = (gyy * bx - gxy * by) / det, vy = (gxx * by - gxy * bx) / det;
      dx += vx, dy += vy;
      if (vx * vx + vy * vy < 1e-3) break;
    }
    if (l > 0) dx *= 2, dy *= 2;
  }
  out[0] = x + dx, out[1] = y + dy;
  return out[0] >= 0 && out[1] >= 0 && out[0] <= a.width - 1 && out[1] <= a.height - 1;
}

const fwd = new Float64Array(2), back = new Float64Array(2);

/**
 * Tracks `n` points (`pts[2i], pts[2i+1]`) from `a` to `b` with guesses `guess` (or the points themselves),
 * writing `out` and `ok[i]` (1 when tracked and the backward track returns within `fbMax`).
 */
export function trackPoints(
  a: FrameData,
  b: FrameData,
  pts: Float64Array,
  n: number,
  guess: Float64Array | null,
  out: Float64Array,
  ok: Uint8Array,
  o: LKOptions = LK_DEFAULTS,
): number {
  let good = 0;
  for (let i = 0; i < n; i++) {
    const x = pts[2 * i], y = pts[2 * i + 1];
    const gx = guess ? guess[2 * i] : x, gy = guess ? guess[2 * i + 1] : y;
    ok[i] = 0;
    if (!trackPoint(a, b, x, y, gx, gy, o, fwd)) continue;
    if (!trackPoint(b, a, fwd[0], fwd[1], x, y, o, back)) continue;
    if ((back[0] - x) ** 2 + (back[1] - y) ** 2 > o.fbMax * o.fbMax) continue;
    out[2 * i] = fwd[0], out[2 * i + 1] = fwd[1];
    ok[i] = 1;
    good++;
  }
  return good;
}
