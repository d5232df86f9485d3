/** 3×3 homography maths: apply, compose, invert, least-squares fits and a sanity check of a fitted pose. */
import type { Mat3 } from "./types.ts";

export const IDENTITY: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Point correspondences: `src[2i], src[2i+1]` ↦ `dst[2i], dst[2i+1]`. */
export interface Pairs {
  src: Float64Array;
  dst: Float64Array;
  n: number;
}

export function applyX(h: Mat3, x: number, y: number): number {
  return (h[0] * x + h[1] * y + h[2]) / (h[6] * x + h[7] * y + h[8]);
}

export function applyY(h: Mat3, x: number, y: number): number {
  return (h[3] * x + h[4] * y + h[5]) / (h[6] * x + h[7] * y + h[8]);
}

export function apply(h: Mat3, x: number, y: number): [number, number] {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

export function multiply(a: Mat3, b: Mat3): number[] {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
  }
  return out;
}

export function invert(m: Mat3): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  const inv = [
    A,
    -(b * i - c * h),
    b * f - c * e,
    B,
    a * i - c * g,
    -(a * f - c * d),
    C,
    -(a * h - b * g),
    a * e - b * d,
  ];
  return inv.map((v) => v / det);
}

/** Scales a homography so that its last entry is 1. */
export function normalise(m: Mat3): number[] {
  const s = Math.abs(m[8]) > 1e-12 ? 1 / m[8] : 1;
  return m.map((v) => v * s);
}

export const scaling = (sx: number, sy: number): Mat3 => [sx, 0, 0, 0, sy, 0, 0, 0, 1];

/** Solves `a x = b` in place (n×n, row-major) by Gaussian elimination with partial pivoting; false if singular. */
export function solve(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[piv * n + col])) piv = r;
    if (Math.abs(a[piv * n + col]) < 1e-12) return false;
    if (piv !== col) {
      for (let k = 0; k < n; k++) [a[col * n + k], a[piv * n + k]] = [a[piv * n + k], a[col * n + k]];
      [b[col], b[piv]] = [b[piv], b[col]];
    }
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col] / a[col * n + col];
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[r * n + k] -= f * a[col * n + k];
      b[r] -= f * b[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r * n + k] * b[k];
    b[r] = s / a[r * n + r];
  }
  return true;
}

/** Mean and mean distance of the chosen points, for Hartley normalisation. */
function centre(p: Float64Array, idx: ArrayLike<number>): [number, number, number] {
  let mx = 0, my = 0;
  for (let k = 0; k < idx.length; k++) (mx += p[2 * idx[k]]), (my += p[2 * idx[k] + 1]);
  mx /= idx.length, my /= idx.length;
  let d = 0;
  for (let k = 0; k < idx.length; k++) d += Math.hypot(p[2 * idx[k]] - mx, p[2 * idx[k] + 1] - my);
  const s = d > 1e-9 ? (Math.SQRT2 * idx.length) / d : 1;
  return [mx, my, s];
}

const ata = new Float64Array(64), atb = new Float64Array(8);

/** Least-squares homography (h33 = 1) through the chosen pairs (≥ 4), with Hartley normalisation. */
export function fitHomography(pairs: Pairs, idx: ArrayLike<number>): number[] | null {
  if (idx.length < 4) return null;
  const [sx, sy, ss] = centre(pairs.src, idx), [dx, dy, ds] = centre(pairs.dst, idx);
  ata.fill(0), atb.fill(0);
  const row = new Float64Array(8);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const x = (pairs.src[2 * i] - sx) * ss, y = (pairs.src[2 * i + 1] - sy) * ss;
    const u = (pairs.dst[2 * i] - dx) * ds, v = (pairs.dst[2 * i + 1] - dy) * ds;
    for (let pass = 0; pass < 2; pass++) {
      const t = pass === 0 ? u : v;
      row.fill(0);
      const o = pass * 3;
      row[o] = x, row[o + 1] = y, row[o + 2] = 1, row[6] = -x * t, row[7] = -y * t;
      for (let r = 0; r < 8; r++) {
        if (row[r] === 0) continue;
        for (let c = 0; c < 8; c++) ata[r * 8 + c] += row[r] * row[c];
        atb[r] += row[r] * t;
      }
    }
  }
  if (!solve(ata, atb, 8)) return null;
  const hn = [atb[0], atb[1], atb[2], atb[3], atb[4], atb[5], atb[6], atb[7], 1];
  const tSrc = [ss, 0, -ss * sx, 0, ss, -ss * sy, 0, 0, 1];
  const tDstInv = [1 / ds, 0, dx, 0, 1 / ds, dy, 0, 0, 1];
  const h = multiply(tDstInv, multiply(hn, tSrc));
  return h.every(Number.isFinite) ? normalise(h) : null;
}

/** Least-squares similarity (scale, rotation, shift) through the chosen pairs (≥ 2). */
export function fitSimilarity(pairs: Pairs, idx: ArrayLike<number>): number[] | null {
  if (idx.length < 2) return null;
  let sx = 0, sy = 0, dx = 0, dy = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    sx += pairs.src[2 * i], sy += pairs.src[2 * i + 1], dx += pairs.dst[2 * i], dy += pairs.dst[2 * i + 1];
  }
  const n = idx.length;
  sx /= n, sy /= n, dx /= n, dy /= n;
  let num1 = 0, num2 = 0, den = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k];
    const x = pairs.src[2 * i] - sx, y = pairs.src[2 * i + 1] - sy;
    const u = pairs.dst[2 * i] - dx, v = pairs.dst[2 * i + 1] - dy;
    num1 += x * u + y * v, num2 += x * v - y * u, den += x * x + y * y;
  }
  if (den < 1e-9) return null;
  const a = num1 / den, b = num2 / den;
  return [a, -b, dx - a * sx + b * sy, b, a, dy - b * sx - a * sy, 0, 0, 1];
}

/** Scale and anisotropy of the pose's local linear part at (x, y); scale 0 when flipped or behind the camera. */
export function localShape(h: Mat3, x: number, y: number): { scale: number; anisotropy: number } {
  const w = h[6] * x + h[7] * y + h[8];
  if (w <= 1e-9) return { scale: 0, anisotropy: Infinity };
  const u = applyX(h, x, y), v = applyY(h, x, y);
  const a = (h[0] - u * h[6]) / w, b = (h[1] - u * h[7]) / w, c = (h[3] - v * h[6]) / w, d = (h[4] - v * h[7]) / w;
  const det = a * d - b * c;
  if (det <= 0) return { scale: 0, anisotropy: Infinity };
  const f = (a * a + b * b + c * c + d * d) / 2;
  const root = Math.sqrt(Math.max(0, f * f - det * det));
  const s1 = Math.sqrt(f + root), s2 = Math.sqrt(Math.max(1e-12, f - root));
  return { scale: Math.sqrt(det), anisotropy: s1 / s2 };
}

/** A pose a real camera can produce from the reference: no flip, scale 0.4–2.5, little shear, region in front. */
export function plausible(h: Mat3, box: { x0: number; y0: number; x1: number; y1: number }): boolean {
  const corners = [[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]];
  for (const [x, y] of corners) {
    if (h[6] * x + h[7] * y + h[8] <= 1e-6) return false;
    const { scale, anisotropy } = localShape(h, x, y);
    if (scale < 0.4 || scale > 2.5 || anisotropy > 2.2) return false;
  }
  return true;
}
