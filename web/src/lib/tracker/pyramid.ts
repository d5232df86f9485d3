/** Per-frame shared work: a gain-normalised grey pyramid with Scharr gradients, built once for every anchor. */
import type { GreyFrame } from "./types.ts";

export interface Level {
  w: number;
  h: number;
  img: Float32Array;
  gx: Float32Array;
  gy: Float32Array;
}

export interface FrameData {
  index: number;
  width: number;
  height: number;
  levels: Level[];
  /** Mean of the raw bytes (0..255), before normalisation. */
  mean: number;
}

/** Pyramid levels; 3 reach ±20 px of motion per frame (beyond the constant-velocity guess) with a 11×11 window. */
export const LEVELS = 3;
/** The grey mean every frame is scaled to, so that a brightness change does not move the optical flow. */
const TARGET_MEAN = 110;

/** Arrays of a retired frame, reused for the next one (fewer allocations, less garbage collection). */
export type Pool = Float32Array[];

function take(pool: Pool | undefined, n: number): Float32Array {
  const i = pool ? pool.findIndex((a) => a.length === n) : -1;
  return i >= 0 ? pool!.splice(i, 1)[0] : new Float32Array(n);
}

/** A frame's arrays, for a pool: the frame must not be used afterwards. */
export const retire = (f: FrameData): Pool => f.levels.flatMap((L) => [L.img, L.gx, L.gy]);

function gradients(img: Float32Array, w: number, h: number, pool?: Pool): [Float32Array, Float32Array] {
  const gx = take(pool, w * h), gy = take(pool, w * h);
  for (const g of [gx, gy]) {
    g.fill(0, 0, w), g.fill(0, (h - 1) * w);
    for (let y = 1; y < h - 1; y++) (g[y * w] = 0), (g[y * w + w - 1] = 0);
  }
  for (let y = 1; y < h - 1; y++) {
    const r = y * w;
    for (let x = 1; x < w - 1; x++) {
      const i = r + x;
      const tl = img[i - w - 1], tc = img[i - w], tr = img[i - w + 1];
      const ml = img[i - 1], mr = img[i + 1];
      const bl = img[i + w - 1], bc = img[i + w], br = img[i + w + 1];
      gx[i] = (3 * (tr - tl) + 10 * (mr - ml) + 3 * (br - bl)) / 32;
      gy[i] = (3 * (bl - tl) + 10 * (bc - tc) + 3 * (br - tr)) / 32;
    }
  }
  return [gx, gy];
}

/** Halves a level with the 5-tap binomial filter (borders clamped). */
function down(src: Float32Array, w: number, h: number, pool?: Pool): { img: Float32Array; w: number; h: number } {
  const w2 = w >> 1, h2 = h >> 1;
  const tmp = take(pool, w2 * h);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w2; x++) {
      const c = r + 2 * x;
      if (x > 0 && 2 * x + 2 < w) {
        tmp[y * w2 + x] = (src[c - 2] + src[c + 2] + 4 * (src[c - 1] + src[c + 1]) + 6 * src[c]) * 0.0625;
        continue;
      }
      const at = (k: number) => src[r + Math.min(w - 1, Math.max(0, 2 * x + k))];
      tmp[y * w2 + x] = (at(-2) + at(2) + 4 * (at(-1) + at(1)) + 6 * at(0)) * 0.0625;
    }
  }
  const img = take(pool, w2 * h2);
  for (let y = 0; y < h2; y++) {
    const c = 2 * y;
    const ra = Math.max(0, c - 2) * w2, rb = Math.max(0, c - 1) * w2, rm = c * w2;
    const rd = Math.min(h - 1, c + 1) * w2, re = Math.min(h - 1, c + 2) * w2;
    for (let x = 0; x < w2; x++) {
      img[y * w2 + x] = (tmp[ra + x] + tmp[re + x] + 4 * (tmp[rb + x] + tmp[rd + x]) + 6 * tmp[rm + x]) * 0.0625;
    }
  }
  pool?.push(tmp);
  return { img, w: w2, h: h2 };
}

export function buildFrame(frame: GreyFrame, index: number, levels = LEVELS, pool?: Pool): FrameData {
  const { width: w, height: h, data } = frame;
  let sum = 0;
  for (let i = 0; i < w * h; i++) sum += data[i];
  const mean = sum / (w * h);
  const gain = TARGET_MEAN / Math.max(mean, 8);
  const img = take(pool, w * h);
  for (let i = 0; i < w * h; i++) img[i] = data[i] * gain;
  return { index, width: w, height: h, levels: buildLevels(img, w, h, levels, pool), mean };
}

/** The pyramid of a normalised float picture. */
export function buildLevels(img: Float32Array, w: number, h: number, levels = LEVELS, pool?: Pool): Level[] {
  const out: Level[] = [];
  let cur = { img, w, h };
  for (let l = 0; l < levels; l++) {
    const [gx, gy] = gradients(cur.img, cur.w, cur.h, pool);
    out.push({ ...cur, gx, gy });
    if (l + 1 < levels) cur = down(cur.img, cur.w, cur.h, pool);
  }
  return out;
}

/** Mean |gx| and mean |gy| (normalised grey levels per pixel) over a box of level `l`. */
export function gradientEnergy(
  f: FrameData,
  box: { x0: number; y0: number; x1: number; y1: number },
  l = 0,
): [number, number] {
  const L = f.levels[l], s = 1 / (1 << l);
  const x0 = Math.max(1, Math.floor(box.x0 * s)), x1 = Math.min(L.w - 1, Math.ceil(box.x1 * s));
  const y0 = Math.max(1, Math.floor(box.y0 * s)), y1 = Math.min(L.h - 1, Math.ceil(box.y1 * s));
  let sx = 0, sy = 0, n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) sx += Math.abs(L.gx[y * L.w + x]), sy += Math.abs(L.gy[y * L.w + x]), n++;
  }
  return n ? [sx / n, sy / n] : [0, 0];
}

/** Mean raw grey (0..255) over a box of level 0. */
export function rawMean(f: FrameData, box: { x0: number; y0: number; x1: number; y1: number }): number {
  const L = f.levels[0];
  const x0 = Math.max(0, Math.floor(box.x0)), x1 = Math.min(L.w, Math.ceil(box.x1));
  const y0 = Math.max(0, Math.floor(box.y0)), y1 = Math.min(L.h, Math.ceil(box.y1));
  let sum = 0, n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += L.img[y * L.w + x], n++;
  return n ? (sum / n) * (Math.max(f.mean, 8) / TARGET_MEAN) : 0;
}
