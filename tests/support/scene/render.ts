/**
 * How the scene camera draws frame `frame` of a motion kind with Canvas 2D (issue 17 §4). Canvas 2D
 * has only affine transforms, so a frame whose homography has perspective (tilt) is drawn as tiles, from
 * 160 px down to 20 px as the perspective needs, each with the affine that best fits H⁻¹ at its corners
 * (least squares), clipped to the tile (pixel-aligned, so no seams) and reading only the part of the
 * world it shows: at most 0.25 px from the true homography at the tile's corners, edge midpoints and
 * centre (`render_test.ts` checks a dense grid). An affine frame is one `drawImage`. Motion blur averages
 * the poses of `subframes` instants spread over the exposure, centred on the frame; brightness is the
 * world drawn at that opacity over black; the frame code goes on last, never dimmed or blurred.
 *
 * Measured on this machine (2 shared cores, load ~12, medians): one affine frame 7–10 ms, a tilt frame
 * in 40 px tiles 23 ms (35 ms without restricting each tile's source), a pan blur of 8 instants 16 ms
 * as shifted copies of one render (55 ms rendering each). WebGL (SwiftShader) was measured and rejected:
 * ~60 ms for a plain textured 1280×720 pass, ~200 ms for the homography shader.
 *
 * `sceneRenderer(motion, code)` is self-contained apart from its arguments (the init script inlines it).
 */
import type { Mat3, MotionKind, Pose, SceneMotion } from "./motion.ts";
import type { CodePlacement, SceneFrameCode } from "./frame_code.ts";

/** A part of the frame and the world → frame transform it is drawn with, in `setTransform` order (a, b, c, d, e, f). */
export interface Piece {
  x: number;
  y: number;
  width: number;
  height: number;
  transform: [number, number, number, number, number, number];
  /** The world rectangle it reads (x, y, width, height), for tiles; and its worst error (frame px). */
  src?: [number, number, number, number];
  error?: number;
}

export function sceneRenderer(motion: SceneMotion, code: SceneFrameCode) {
  const { WIDTH, HEIGHT, WORLD } = motion;
  /** Largest and smallest tile, and the error (frame px) at which a tile is split in four. */
  const [BIG, SMALL, TOLERANCE] = [160, 20, 0.25];

  /** The least-squares affine frame → world over a rectangle's corners, and its worst error in frame px. */
  function fitTile(h: Mat3, g: Mat3, x: number, y: number, width: number, height: number) {
    const [rx, ry, cx, cy] = [width / 2, height / 2, x + width / 2, y + height / 2];
    // f = [a, b, c, d, e, f]: world = (a·u + b·v + c, d·u + e·v + f) with (u, v) from the centre.
    const f = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 4; i++) {
      const [u, v] = [i & 1 ? rx : -rx, i & 2 ? ry : -ry];
      const [px, py] = [cx + u, cy + v];
      const w = g[6] * px + g[7] * py + g[8];
      const wx = (g[0] * px + g[1] * py + g[2]) / w;
      const wy = (g[3] * px + g[4] * py + g[5]) / w;
      f[0] += (u * wx) / (4 * rx * rx);
      f[1] += (v * wx) / (4 * ry * ry);
      f[2] += wx / 4;
      f[3] += (u * wy) / (4 * rx * rx);
      f[4] += (v * wy) / (4 * ry * ry);
      f[5] += wy / 4;
    }
    let error = 0;
    for (let i = 0; i < 9; i++) {
      const [u, v] = [((i % 3) - 1) * rx, (Math.floor(i / 3) - 1) * ry];
      const [wx, wy] = [f[0] * u + f[1] * v + f[2], f[3] * u + f[4] * v + f[5]];
      const w = h[6] * wx + h[7] * wy + h[8];
      const bx = (h[0] * wx + h[1] * wy + h[2]) / w - cx - u;
      const by = (h[3] * wx + h[4] * wy + h[5]) / w - cy - v;
      error = Math.max(error, Math.hypot(bx, by));
    }
    const toWorld = [f[0], f[1], f[2] - f[0] * cx - f[1] * cy, f[3], f[4], f[5] - f[3] * cx - f[4] * cy, 0, 0, 1];
    return { toWorld, error };
  }

  /** The world rectangle a piece reads (its corners through `toWorld`, 2 px more, within the world). */
  function source(toWorld: Mat3, x: number, y: number, width: number, height: number) {
    const corners = [[x, y], [x + width, y], [x, y + height], [x + width, y + height]]
      .map(([px, py]) => motion.apply(toWorld, [px, py]));
    const [x0, y0] = [0, 1].map((k) => Math.max(0, Math.floor(Math.min(...corners.map((c) => c[k]))) - 2));
    const [x1, y1] = [0, 1].map((k) =>
      Math.min(k ? WORLD.height : WORLD.width, Math.ceil(Math.max(...corners.map((c) => c[k]))) + 2)
    );
    return [x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0)] as [number, number, number, number];
  }

  /**
   * How H is drawn: one piece when it is affine; otherwise tiles from 160 px down to 20 px, each split
   * while its best affine is more than 0.25 px off H, each reading only the part of the world it shows.
   */
  function pieces(h: Mat3): Piece[] {
    const n = h.map((v) => v / h[8]);
    if (Math.abs(n[6]) < 1e-12 && Math.abs(n[7]) < 1e-12) {
      return [{ x: 0, y: 0, width: WIDTH, height: HEIGHT, transform: [n[0], n[3], n[1], n[4], n[2], n[5]] }];
    }
    const g = motion.invert(h);
    const out: Piece[] = [];
    const tile = (x: number, y: number, width: number, height: number) => {
      const { toWorld, error } = fitTile(h, g, x, y, width, height);
      if (error > TOLERANCE && Math.max(width, height) > SMALL) {
        const [w1, h1] = [Math.ceil(width / 2), Math.ceil(height / 2)];
        for (const [dx, w] of [[0, w1], [w1, width - w1]]) {
          for (const [dy, hh] of [[0, h1], [h1, height - h1]]) if (w > 0 && hh > 0) tile(x + dx, y + dy, w, hh);
        }
        return;
      }
      const m = motion.invert(toWorld);
      out.push({
        x,
        y,
        width,
        height,
        transform: [m[0], m[3], m[1], m[4], m[2], m[5]],
        src: source(toWorld, x, y, width, height),
        error,
      });
    };
    for (let y = 0; y < HEIGHT; y += BIG) {
      for (let x = 0; x < WIDTH; x += BIG) tile(x, y, Math.min(BIG, WIDTH - x), Math.min(BIG, HEIGHT - y));
    }
    return out;
  }

  /** Draws the world under H onto `ctx`, moved by (dx, dy). */
  function paint(
    ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
    world: CanvasImageSource,
    h: Mat3,
    dx = 0,
    dy = 0,
  ) {
    const all = pieces(h);
    for (const p of all) {
      ctx.save();
      ctx.translate(dx, dy);
      if (p.src) {
        ctx.beginPath();
        ctx.rect(p.x, p.y, p.width, p.height);
        ctx.clip();
      }
      ctx.transform(...p.transform);
      if (p.src) ctx.drawImage(world, ...p.src, ...p.src);
      else ctx.drawImage(world, 0, 0);
      ctx.restore();
    }
  }

  /** The instants averaged for frame `frame`: the frame itself, or `n` spread over the exposure. */
  function instants(pose: Pose, frame: number, n: number) {
    if (pose.exposure <= 0 || n < 2) return [frame];
    return Array.from({ length: n }, (_, i) => frame + (i / (n - 1) - 0.5) * pose.exposure);
  }

  /** For a blur whose instants differ from the frame only by a shift: the shifts (frame px), else null. */
  function shifts(kind: MotionKind, frame: number, times: number[]) {
    const back = motion.invert(motion.homography(kind, frame));
    const out: [number, number][] = [];
    for (const t of times) {
      const m = motion.multiply(motion.homography(kind, t), back).map((v, _, all) => v / all[8]);
      const linear = [m[0] - 1, m[1], m[3], m[4] - 1, m[6], m[7]];
      if (linear.some((v) => Math.abs(v) > 1e-9)) return null;
      out.push([m[2], m[5]]);
    }
    return out;
  }

  let scratch: HTMLCanvasElement | null = null;

  /**
   * Motion blur: the running mean of the instants. A shifting blur (a pan) renders the frame once with a
   * margin and averages copies moved by the whole-pixel part of each shift (rounded symmetrically, so the
   * mean stays on the frame's pose); any other blur renders every instant.
   */
  function blur(
    ctx: CanvasRenderingContext2D,
    world: CanvasImageSource,
    kind: MotionKind,
    frame: number,
    times: number[],
  ) {
    const moves = shifts(kind, frame, times);
    if (!moves) {
      times.forEach((t, k) => {
        ctx.globalAlpha = 1 / (k + 1);
        paint(ctx, world, motion.homography(kind, t));
      });
    } else {
      const round = (v: number) => Math.sign(v) * Math.round(Math.abs(v));
      const margin = Math.ceil(Math.max(...moves.flat().map(Math.abs))) + 1;
      if (!scratch || scratch.width !== WIDTH + 2 * margin) {
        scratch = document.createElement("canvas");
        [scratch.width, scratch.height] = [WIDTH + 2 * margin, HEIGHT + 2 * margin];
      }
      const s = scratch.getContext("2d", { alpha: false })!;
      paint(s, world, motion.homography(kind, frame), margin, margin);
      moves.forEach(([mx, my], k) => {
        ctx.globalAlpha = 1 / (k + 1);
        ctx.drawImage(scratch!, round(mx) - margin, round(my) - margin);
      });
    }
    ctx.globalAlpha = 1;
  }

  /** Draws frame `frame` of `kind` from the world canvas onto `ctx` (1280×720, opaque); returns its pose. */
  function draw(
    ctx: CanvasRenderingContext2D,
    world: CanvasImageSource,
    kind: MotionKind,
    frame: number,
    opts: { codeAt?: CodePlacement; subframes?: number } = {},
  ): Pose {
    const pose = motion.pose(kind, frame);
    const times = instants(pose, frame, opts.subframes ?? 8);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (times.length > 1) {
      blur(ctx, world, kind, frame, times);
      if (pose.brightness < 1) {
        ctx.fillStyle = `rgba(0, 0, 0, ${1 - pose.brightness})`;
        ctx.fillRect(0, 0, WIDTH, HEIGHT);
      }
    } else {
      // Dimmed: the world at `brightness` over black, in one pass.
      if (pose.brightness < 1) {
        ctx.fillStyle = "#000";
        ctx.fillRect(0, 0, WIDTH, HEIGHT);
        ctx.globalAlpha = pose.brightness;
      }
      paint(ctx, world, motion.homography(kind, frame));
      ctx.globalAlpha = 1;
    }
    const box = code.layout(opts.codeAt);
    ctx.fillStyle = "#fff";
    ctx.fillRect(box.x, box.y, box.width, box.height);
    ctx.fillStyle = "#000";
    code.blocks(frame).forEach((white, k) => {
      const [bx, by] = [
        box.x + box.margin + (k % box.cols) * box.block,
        box.y + box.margin + Math.floor(k / box.cols) * box.block,
      ];
      if (!white) ctx.fillRect(bx, by, box.block, box.block);
    });
    return pose;
  }

  return { pieces, instants, shifts, draw };
}

export type SceneRenderer = ReturnType<typeof sceneRenderer>;
