/** Shi–Tomasi corners (smallest eigenvalue of the 5×5 structure tensor) in a box, spread by a minimum distance. */
import type { Level } from "./pyramid.ts";

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface DetectOptions {
  max: number;
  /** Minimum distance between corners, px. */
  minDist: number;
  /** Smallest accepted score (normalised grey² per pixel) — below it the picture is too flat there. */
  minScore: number;
  /** Relative to the strongest corner in the box. */
  quality: number;
  /** Keep only corners for which this holds (e.g. inside a projected region). */
  inside?: (x: number, y: number) => boolean;
  /** Existing points (pairs) that new corners keep `minDist` from. */
  taken?: { pts: Float64Array; n: number };
}

const R = 2; // 5×5 window

/** Box sums over (2R+1)² of gx², gx·gy, gy² for every pixel of the box (R px inside its edges), then the smaller eigenvalue. */
function scores(L: Level, x0: number, y0: number, bw: number, bh: number): Float32Array {
  const n = bw * bh, xx = new Float32Array(n), xy = new Float32Array(n), yy = new Float32Array(n);
  const d = 2 * R + 1;
  for (let y = 0; y < bh; y++) {
    const r = (y0 + y) * L.w + x0, o = y * bw;
    let a = 0, b = 0, c = 0;
    for (let x = 0; x < bw; x++) {
      const gx = L.gx[r + x], gy = L.gy[r + x];
      a += gx * gx, b += gx * gy, c += gy * gy;
      if (x >= d) {
        const hx = L.gx[r + x - d], hy = L.gy[r + x - d];
        a -= hx * hx, b -= hx * hy, c -= hy * hy;
      }
      if (x >= d - 1) xx[o + x - R] = a, xy[o + x - R] = b, yy[o + x - R] = c;
    }
  }
  const out = new Float32Array(n), norm = 1 / (d * d);
  for (let x = R; x < bw - R; x++) {
    let a = 0, b = 0, c = 0;
    for (let y = 0; y < bh; y++) {
      const i = y * bw + x;
      a += xx[i], b += xy[i], c += yy[i];
      if (y >= d) {
        const j = i - d * bw;
        a -= xx[j], b -= xy[j], c -= yy[j];
      }
      if (y >= d - 1) out[i - R * bw] = ((a + c - Math.sqrt((a - c) * (a - c) + 4 * b * b)) / 2) * norm;
    }
  }
  return out;
}

/** Corners in `box` (level pixels), strongest first, as pairs. */
export function detectCorners(L: Level, box: Box, o: DetectOptions): Float64Array {
  const m = 6; // stay clear of the border: LK windows and descriptors need room
  const x0 = Math.max(m, Math.floor(box.x0)), y0 = Math.max(m, Math.floor(box.y0));
  const x1 = Math.min(L.w - m, Math.ceil(box.x1)), y1 = Math.min(L.h - m, Math.ceil(box.y1));
  const bw = x1 - x0, bh = y1 - y0;
  if (bw <= 2 * R || bh <= 2 * R) return new Float64Array(0);
  const s = scores(L, x0, y0, bw, bh);
  // Local maxima over 3×3.
  const cand: number[] = [];
  let best = 0;
  for (let y = R + 1; y < bh - R - 1; y++) {
    for (let x = R + 1; x < bw - R - 1; x++) {
      const i = y * bw + x, v = s[i];
      if (v < o.minScore || v < s[i - 1] || v < s[i + 1] || v < s[i - bw] || v < s[i + bw]) continue;
      if (v < s[i - bw - 1] || v < s[i - bw + 1] || v < s[i + bw - 1] || v < s[i + bw + 1]) continue;
      if (o.inside && !o.inside(x0 + x, y0 + y)) continue;
      cand.push(i);
      if (v > best) best = v;
    }
  }
  cand.sort((a, b) => s[b] - s[a]);
  const cell = Math.max(1, o.minDist), gw = Math.ceil(L.w / cell) + 1, gh = Math.ceil(L.h / cell) + 1;
  const grid: number[][] = Array.from({ length: gw * gh }, () => []);
  const far = (x: number, y: number) => {
    const cx = Math.floor(x / cell), cy = Math.floor(y / cell);
    for (let gy = Math.max(0, cy - 1); gy <= Math.min(gh - 1, cy + 1); gy++) {
      for (let gx = Math.max(0, cx - 1); gx <= Math.min(gw - 1, cx + 1); gx++) {
        const list = grid[gy * gw + gx];
        for (let k = 0; k < list.length; k += 2) {
          if ((list[k] - x) ** 2 + (list[k + 1] - y) ** 2 < cell * cell) return false;
        }
      }
    }
    return true;
  };
  const put = (x: number, y: number) => {
    const c = Math.floor(y / cell) * gw + Math.floor(x / cell);
    if (c >= 0 && c < grid.length) grid[c].push(x, y);
  };
  if (o.taken) { for (let k = 0; k < o.taken.n; k++) put(o.taken.pts[2 * k], o.taken.pts[2 * k + 1]); }
  const out: number[] = [];
  for (const i of cand) {
    if (out.length >= 2 * o.max || s[i] < best * o.quality) break;
    const x = x0 + (i % bw), y = y0 + Math.floor(i / bw);
    if (!far(x, y)) continue;
    put(x, y);
    out.push(x, y);
  }
  return Float64Array.from(out);
}
