/**
 * Synthetic camera for the tracker's tests and bench (never imported by the tracker): a seamless procedural
 * scene (multi-scale value noise + random rectangles) seen by a camera whose pose per frame is known, so the
 * true reference→current homography of every anchor is known too.
 */
import { invert, multiply } from "./mat.ts";
import { random } from "./ransac.ts";
import type { GreyFrame, Mat3 } from "./types.ts";

export const SCENE = 1024;
/** Width of the view in scene pixels at zoom 1, whatever the working size. */
export const VIEW = 512;

let cached: Float32Array | null = null;

/** A tileable texture, SCENE × SCENE, values 0..255. */
export function scene(): Float32Array {
  if (cached) return cached;
  const n = SCENE, out = new Float32Array(n * n), rng = random(7);
  for (const period of [256, 128, 64, 32, 16, 8, 4]) {
    const cells = n / period, amp = (period / 256) ** 0.3;
    const lattice = Float32Array.from({ length: cells * cells }, () => rng());
    for (let y = 0; y < n; y++) {
      const fy = y / period, iy = Math.floor(fy), ty = fy - iy, sy = ty * ty * (3 - 2 * ty);
      const r0 = (iy % cells) * cells, r1 = ((iy + 1) % cells) * cells;
      for (let x = 0; x < n; x++) {
        const fx = x / period, ix = Math.floor(fx), tx = fx - ix, sx = tx * tx * (3 - 2 * tx);
        const c0 = ix % cells, c1 = (ix + 1) % cells;
        const top = lattice[r0 + c0] + (lattice[r0 + c1] - lattice[r0 + c0]) * sx;
        const bot = lattice[r1 + c0] + (lattice[r1 + c1] - lattice[r1 + c0]) * sx;
        out[y * n + x] += amp * (top + (bot - top) * sy);
      }
    }
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of out) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  for (let i = 0; i < out.length; i++) out[i] = 30 + (170 * (out[i] - lo)) / (hi - lo);
  for (let r = 0; r < 300; r++) {
    const w = 4 + rng() * 70, h = 4 + rng() * 70, x0 = Math.floor(rng() * n), y0 = Math.floor(rng() * n);
    const grey = rng() * 255;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = ((y0 + y) % n) * n + ((x0 + x) % n);
        out[i] = 0.3 * out[i] + 0.7 * grey;
      }
    }
  }
  return (cached = out);
}

export interface Camera {
  /** Centre of view, scene pixels. */
  cx: number;
  cy: number;
  zoom: number;
  /** Radians. */
  roll: number;
  tiltX: number;
  tiltY: number;
}

/** Maps normalised frame coordinates → scene pixels, for a working frame of `w × h`. */
export function cameraMatrix(c: Camera, w: number, h: number): number[] {
  const f = VIEW; // focal length ≈ 53° horizontal view, in view units (the view is VIEW wide)
  const [cx, sx, cy, sy] = [Math.cos(c.tiltX), Math.sin(c.tiltX), Math.cos(c.tiltY), Math.sin(c.tiltY)];
  const rot = multiply([cy, 0, sy, 0, 1, 0, -sy, 0, cy], [1, 0, 0, 0, cx, -sx, 0, sx, cx]);
  let p = multiply([f, 0, 0, 0, f, 0, 0, 0, 1], multiply(rot, [1 / f, 0, 0, 0, 1 / f, 0, 0, 0, 1]));
  p = multiply([1, 0, -p[2] / p[8], 0, 1, -p[5] / p[8], 0, 0, 1], p); // keep the centre fixed
  const s = 1 / c.zoom, cr = Math.cos(c.roll), sr = Math.sin(c.roll);
  const sim = [s * cr, -s * sr, c.cx, s * sr, s * cr, c.cy, 0, 0, 1];
  const vh = (VIEW * h) / w;
  return multiply(sim, multiply(p, [VIEW, 0, -VIEW / 2, 0, vh, -vh / 2, 0, 0, 1]));
}

/** True normalised reference→current homography between two camera poses. */
export function truth(ref: Mat3, cur: Mat3): number[] {
  return multiply(invert(cur)!, ref);
}

export interface Shot {
  camera: Camera;
  /** The camera over the exposure, averaged for motion blur (empty: sharp). */
  smear?: Camera[];
  /** Gain on the scene's grey, 1 = as is. */
  brightness?: number;
  /** Replace the picture by a flat grey. */
  flat?: boolean;
  /** Sensor noise: the spread (grey levels, uniform) added to each pixel; 4 unless given. */
  noise?: number;
}

/**
 * Renders one working-size frame: bilinear samples of the scene (2×2 per pixel when `fine`, as a camera's
 * downscaled picture; one at the pixel's centre for fast tests), gain, noise (±2 grey levels unless the shot says).
 */
export function render(shot: Shot, w: number, h: number, seed = 1, fine = false): GreyFrame {
  const tex = scene(), acc = new Float32Array(w * h), m = SCENE - 1;
  const cams = shot.smear?.length ? shot.smear : [shot.camera];
  const sample = (g: number[], u: number, t: number) => {
    const d = g[6] * u + g[7] * t + g[8];
    const sx = (g[0] * u + g[1] * t + g[2]) / d, sy = (g[3] * u + g[4] * t + g[5]) / d;
    const ix = Math.floor(sx), iy = Math.floor(sy), ax = sx - ix, ay = sy - iy;
    const i0 = (iy & m) * SCENE, i1 = ((iy + 1) & m) * SCENE, x0 = ix & m, x1 = (ix + 1) & m;
    return (tex[i0 + x0] * (1 - ax) + tex[i0 + x1] * ax) * (1 - ay) +
      (tex[i1 + x0] * (1 - ax) + tex[i1 + x1] * ax) * ay;
  };
  for (const cam of cams) {
    const g = cameraMatrix(cam, w, h), qx = 0.25 / w, qy = 0.25 / h;
    for (let y = 0; y < h; y++) {
      const t = (y + 0.5) / h;
      for (let x = 0; x < w; x++) {
        const u = (x + 0.5) / w;
        if (!fine) {
          acc[y * w + x] += sample(g, u, t);
          continue;
        }
        acc[y * w + x] += (sample(g, u - qx, t - qy) + sample(g, u + qx, t - qy) + sample(g, u - qx, t + qy) +
          sample(g, u + qx, t + qy)) / 4;
      }
    }
  }
  const rng = random(seed), gain = (shot.brightness ?? 1) / cams.length, data = new Uint8Array(w * h);
  const spread = shot.noise ?? 4;
  for (let i = 0; i < w * h; i++) {
    const v = shot.flat ? 120 : acc[i] * gain;
    data[i] = Math.max(0, Math.min(255, Math.round(v + (rng() - 0.5) * spread)));
  }
  return { width: w, height: h, data };
}
