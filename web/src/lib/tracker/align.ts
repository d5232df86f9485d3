/**
 * Drift correction: the reference picture warped by the current pose onto the current frame, and each point
 * tracked from that warp to the frame. What remains is the pose's error, so the points' current positions are
 * corrected against the reference itself rather than the chain of frames. Works on a crop around the region.
 */
import type { Anchor } from "./anchor.ts";
import { boundsOf, quad } from "./geometry.ts";
import { type LKOptions, trackPoints } from "./lk.ts";
import { invert } from "./mat.ts";
import { buildLevels, type FrameData } from "./pyramid.ts";

const ALIGN_LK: LKOptions = { half: 5, iterations: 12, fbMax: 0.5, minEig: 4 };
const PAD = 12;

function crop(img: Float32Array, w: number, x0: number, y0: number, cw: number, ch: number): Float32Array {
  const out = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++) out.set(img.subarray((y0 + y) * w + x0, (y0 + y) * w + x0 + cw), y * cw);
  return out;
}

const out = new Float64Array(256), ok = new Uint8Array(128), pts = new Float64Array(256);

/**
 * Moves the anchor's current points to where the reference says they are; the reference coordinates of each
 * point become the pose's inverse of its (old) current position. `levels` 1 for small residuals (tracking), 2
 * after re-detection. Returns how many points were corrected (0: nothing changed).
 */
export function align(a: Anchor, f: FrameData, levels = 1): number {
  const inv = a.hm && invert(a.hm);
  if (!inv || !a.refImg || a.n === 0 || a.n > 128) return 0;
  const { w, h } = f.levels[0], ref = a.refImg;
  const b = boundsOf(quad(a.hm!, a.ext));
  const x0 = Math.max(0, Math.floor(b.x0) - PAD), x1 = Math.min(w - 1, Math.ceil(b.x1) + PAD);
  const y0 = Math.max(0, Math.floor(b.y0) - PAD), y1 = Math.min(h - 1, Math.ceil(b.y1) + PAD);
  const cw = x1 - x0 + 1, ch = y1 - y0 + 1;
  if (cw < 24 || ch < 24) return 0;
  const cur = crop(f.levels[0].img, w, x0, y0, cw, ch), warp = cur.slice();
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const X = x + x0, Y = y + y0, d = inv[6] * X + inv[7] * Y + inv[8];
      const rx = (inv[0] * X + inv[1] * Y + inv[2]) / d, ry = (inv[3] * X + inv[4] * Y + inv[5]) / d;
      if (!(rx >= 0 && ry >= 0 && rx < a.w - 1 && ry < a.h - 1)) continue;
      const ix = Math.floor(rx), iy = Math.floor(ry), ax = rx - ix, ay = ry - iy, i = iy * a.w + ix;
      warp[y * cw + x] = (ref[i] * (1 - ax) + ref[i + 1] * ax) * (1 - ay) +
        (ref[i + a.w] * (1 - ax) + ref[i + a.w + 1] * ax) * ay;
    }
  }
  const frame = (img: Float32Array): FrameData => ({
    index: f.index,
    width: cw,
    height: ch,
    levels: buildLevels(img, cw, ch, levels),
    mean: f.mean,
  });
  for (let i = 0; i < a.n; i++) pts[2 * i] = a.cur[2 * i] - x0, pts[2 * i + 1] = a.cur[2 * i + 1] - y0;
  const good = trackPoints(frame(warp), frame(cur), pts, a.n, null, out, ok, ALIGN_LK);
  if (good < Math.max(6, a.n / 3)) return 0;
  let k = 0;
  for (let i = 0; i < a.n; i++) {
    if (!ok[i]) continue;
    const x = a.cur[2 * i], y = a.cur[2 * i + 1], d = inv[6] * x + inv[7] * y + inv[8];
    a.ref[2 * k] = (inv[0] * x + inv[1] * y + inv[2]) / d, a.ref[2 * k + 1] = (inv[3] * x + inv[4] * y + inv[5]) / d;
    a.cur[2 * k] = out[2 * i] + x0, a.cur[2 * k + 1] = out[2 * i + 1] + y0;
    k++;
  }
  a.n = k;
  return good;
}
