/**
 * A pose's check against the reference picture: normalised cross-correlation of the reference region (half
 * resolution) with where the pose puts it in the frame. Wrong poses — a jump LK followed wrongly, a re-detection
 * of a look-alike — correlate poorly and are not shown. Insensitive to brightness (normalised).
 */
import type { Anchor } from "./anchor.ts";
import type { FrameData } from "./pyramid.ts";

const GRID = 20;

function bilinear(img: Float32Array, w: number, h: number, x: number, y: number): number {
  if (!(x >= 0 && y >= 0 && x < w - 1 && y < h - 1)) return NaN;
  const x0 = x | 0, y0 = y | 0, ax = x - x0, ay = y - y0, i = y0 * w + x0;
  return (img[i] * (1 - ax) + img[i + 1] * ax) * (1 - ay) + (img[i + w] * (1 - ax) + img[i + w + 1] * ax) * ay;
}

/** NCC (−1..1) of the reference region with the frame under the anchor's pose; NaN when too little is in view. */
export function correlation(a: Anchor, f: FrameData): number {
  const h = a.hm, ref = a.refHalf, L = f.levels[1];
  if (!h || !ref || !L) return NaN;
  const rw = a.w >> 1, rh = a.h >> 1, b = a.box;
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const x = b.x0 + ((i + 0.5) / GRID) * (b.x1 - b.x0), y = b.y0 + ((j + 0.5) / GRID) * (b.y1 - b.y0);
      const d = h[6] * x + h[7] * y + h[8];
      const u = (h[0] * x + h[1] * y + h[2]) / d, v = (h[3] * x + h[4] * y + h[5]) / d;
      // Level 1 pixel centres sit at (p - 0.5) / 2 of level 0's.
      const p = bilinear(ref, rw, rh, (x - 0.5) / 2, (y - 0.5) / 2),
        q = bilinear(L.img, L.w, L.h, (u - 0.5) / 2, (v - 0.5) / 2);
      if (Number.isNaN(p) || Number.isNaN(q)) continue;
      n++, sa += p, sb += q, saa += p * p, sbb += q * q, sab += p * q;
    }
  }
  if (n < GRID * GRID * 0.25) return NaN;
  const va = saa - (sa * sa) / n, vb = sbb - (sb * sb) / n;
  return va > 1e-6 && vb > 1e-6 ? (sab - (sa * sb) / n) / Math.sqrt(va * vb) : 0;
}
