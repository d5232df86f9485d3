/** Region geometry in working pixels: boxes, projected quads, how much of a region is in the picture. */
import { applyX, applyY } from "./mat.ts";
import type { Box } from "./corners.ts";
import type { Mat3, Region } from "./types.ts";

/** Normalised → working pixels (pixel centres at integers), and back. */
export const toPx = (u: number, size: number) => u * size - 0.5;

/** The px → normalised matrix for a `w × h` frame. */
export const normaliser = (w: number, h: number): Mat3 => [1 / w, 0, 0.5 / w, 0, 1 / h, 0.5 / h, 0, 0, 1];
/** The normalised → px matrix for a `w × h` frame. */
export const pixeliser = (w: number, h: number): Mat3 => [w, 0, -0.5, 0, h, -0.5, 0, 0, 1];

export function regionBox(r: Region, w: number, h: number): Box {
  return { x0: toPx(r.x0, w), y0: toPx(r.y0, h), x1: toPx(r.x1, w), y1: toPx(r.y1, h) };
}

/** The box grown by `margin` times its size on each side, clipped to the frame. */
export function grow(b: Box, margin: number, w: number, h: number): Box {
  const mx = (b.x1 - b.x0) * margin, my = (b.y1 - b.y0) * margin;
  return {
    x0: Math.max(0, b.x0 - mx),
    y0: Math.max(0, b.y0 - my),
    x1: Math.min(w - 1, b.x1 + mx),
    y1: Math.min(h - 1, b.y1 + my),
  };
}

export function quad(h: Mat3, b: Box): number[] {
  const c = [b.x0, b.y0, b.x1, b.y0, b.x1, b.y1, b.x0, b.y1];
  const out: number[] = [];
  for (let k = 0; k < 8; k += 2) out.push(applyX(h, c[k], c[k + 1]), applyY(h, c[k], c[k + 1]));
  return out;
}

export function boundsOf(q: number[]): Box {
  const xs = [q[0], q[2], q[4], q[6]], ys = [q[1], q[3], q[5], q[7]];
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Whether (x, y) lies inside the convex quad `q` (either winding). */
export function inQuad(q: number[], x: number, y: number): boolean {
  let sign = 0;
  for (let k = 0; k < 4; k++) {
    const ax = q[2 * k], ay = q[2 * k + 1], bx = q[(2 * k + 2) % 8], by = q[(2 * k + 3) % 8];
    const c = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (c === 0) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

/** Share of the region (sampled on a 6×6 grid) that `h` maps inside a `w × h` frame. */
export function inViewShare(hm: Mat3, b: Box, w: number, h: number): number {
  let inside = 0;
  for (let j = 0; j < 6; j++) {
    for (let i = 0; i < 6; i++) {
      const x = b.x0 + ((i + 0.5) / 6) * (b.x1 - b.x0), y = b.y0 + ((j + 0.5) / 6) * (b.y1 - b.y0);
      const u = applyX(hm, x, y), v = applyY(hm, x, y);
      if (u >= -0.5 && v >= -0.5 && u <= w - 0.5 && v <= h - 0.5) inside++;
    }
  }
  return inside / 36;
}
