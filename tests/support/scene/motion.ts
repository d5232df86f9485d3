/**
 * The synthetic scene's known motion (issue 17 §4): for each motion kind, where the camera is at every
 * frame index (nominal 30 fps), as a pose and as the 3×3 homography H(frame) that maps world (texture)
 * coordinates to frame pixels at 1280×720. Because it is known, so is the true position of any marked
 * point in any later frame: `truth(kind, k, p, f) = H(f)·H(k)⁻¹·p`.
 *
 * Coordinates are continuous pixels: pixel (i, j) covers [i, i+1) × [j, j+1), its centre is (i+0.5, j+0.5);
 * a normalised picture point (u, v) is (u·1280, v·720). Matrices are row-major `number[9]`.
 *
 * Every kind starts with `LEAD_FRAMES` (1 s) of stillness, so a mark can be drawn before anything moves,
 * then runs its motion and ends at rest where it began; after its last frame it LOOPS (frame numbers
 * keep counting, the motion repeats with period `kindFrames(kind)`), seamlessly since it ends where it
 * starts. `tour` is every kind's motion in turn, each a labelled segment (`segmentAt`).
 *
 * Everything is built by one self-contained factory, `sceneMotion()`, whose source the camera's init
 * script inlines (`camera.ts`); it must reference nothing outside itself.
 */

export type MotionKind = "still" | "pan" | "zoom" | "roll" | "tilt" | "blur" | "brightness" | "leave" | "tour";
export type Mat3 = number[];
export type Point = [number, number];
/** A region in frame pixels: its top-left corner and size. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the camera is: world point at the frame centre, scale, roll and tilt (degrees), exposure and light. */
export interface Pose {
  /** The world point shown at the frame centre (before tilt, which keeps the centre). */
  cx: number;
  cy: number;
  /** Frame pixels per world pixel (1 = the texture at its own size). */
  scale: number;
  /** Rotation in the picture plane, degrees, clockwise on screen. */
  roll: number;
  /** Perspective tilt of the scene plane about the frame's horizontal axis, degrees. */
  tiltX: number;
  /** Perspective tilt about the frame's vertical axis, degrees. */
  tiltY: number;
  /** How long the shutter is open, in frames (0: sharp; the render averages poses over it, centred on the frame). */
  exposure: number;
  /** Light, 1 = full; the rendered texture is multiplied by it. */
  brightness: number;
}

export function sceneMotion() {
  const WIDTH = 1280;
  const HEIGHT = 720;
  const FPS = 30;
  /** The texture: wide enough that no motion below shows anything beyond it. */
  const WORLD = { width: 3200, height: 1800 };
  /** Focal length in pixels of the camera the tilt is seen through (about 65° across 1280 px, a phone's). */
  const FOCAL = 1000;
  const LEAD_FRAMES = 30;
  const REST: Pose = {
    cx: WORLD.width / 2,
    cy: WORLD.height / 2,
    scale: 1,
    roll: 0,
    tiltX: 0,
    tiltY: 0,
    exposure: 0,
    brightness: 1,
  };
  const TAU = 2 * Math.PI;
  /** A sine cubed: back and forth, starting and stopping without a jolt (speed and acceleration 0 at each end). */
  const wave = (t: number, period: number) => Math.sin((TAU * t) / period) ** 3;
  /** 0 → 1 with zero speed at both ends (half a cosine). */
  const ease = (u: number) => (1 - Math.cos(Math.PI * Math.min(1, Math.max(0, u)))) / 2;

  /** One kind's motion after its lead: `frames` long, `at(t)` the pose change t seconds in. */
  interface Segment {
    label: Exclude<MotionKind, "tour">;
    frames: number;
    at(t: number): Partial<Pose>;
  }
  const S = (frames: number) => frames / FPS;
  const SEGMENTS: Segment[] = [
    { label: "still", frames: 60, at: () => ({}) },
    // Back and forth, with a smaller up and down: at most ~311 px/s (24 % of the width per second).
    {
      label: "pan",
      frames: 300,
      at: (t) => ({ cx: REST.cx + 400 * wave(t, S(300)), cy: REST.cy + 90 * wave(t, S(150)) }),
    },
    // In to 1.4×, out to 0.7×, back (in log scale, so in and out feel alike).
    {
      label: "zoom",
      frames: 240,
      at: (t) => {
        const w = wave(t, S(240));
        return { scale: Math.exp(w * (w > 0 ? Math.log(1.4) : -Math.log(0.7))) };
      },
    },
    { label: "roll", frames: 240, at: (t) => ({ roll: 20 * wave(t, S(240)) }) },
    // About the horizontal axis once and the vertical axis twice: both alone and both at once.
    { label: "tilt", frames: 360, at: (t) => ({ tiltX: 15 * wave(t, S(360)), tiltY: 15 * wave(t, S(180)) }) },
    // A faster pan (at most ~312 px/s) with the shutter open the whole frame.
    { label: "blur", frames: 300, at: (t) => ({ cx: REST.cx + 430 * wave(t, S(300)), exposure: 1 }) },
    // A slow pan while the light goes down to 35 % and back.
    {
      label: "brightness",
      frames: 360,
      at: (t) => ({
        cx: REST.cx + 150 * wave(t, S(360)),
        brightness: 1 - 0.65 * (1 - Math.cos((TAU * t) / S(360))) / 2,
      }),
    },
    // Out to the right by 830 px (the centre 240×240 leaves the frame for ~1.6 s), back, then still.
    {
      label: "leave",
      frames: 282,
      at: (t) => ({ cx: REST.cx + 830 * (t < S(126) ? ease(t / S(126)) : ease(2 - t / S(126))) }),
    },
  ];
  const KINDS: MotionKind[] = ["still", "pan", "zoom", "roll", "tilt", "blur", "brightness", "leave", "tour"];

  function segmentsOf(kind: MotionKind): Segment[] {
    if (kind === "tour") return SEGMENTS;
    const found = SEGMENTS.find((s) => s.label === kind);
    if (!found) throw new Error(`Unknown motion kind ${kind}`);
    // Still alone: 10 s in all, like the others.
    return kind === "still" ? [{ ...found, frames: 270 }] : [found];
  }

  /** How many frames one run of `kind` lasts (lead included); frames after it loop. */
  function kindFrames(kind: MotionKind) {
    return LEAD_FRAMES + segmentsOf(kind).reduce((n, s) => n + s.frames, 0);
  }

  /** Which part of the run `frame` is in: the lead or a kind's segment, with its first frame and length. */
  function segmentAt(kind: MotionKind, frame: number) {
    const total = kindFrames(kind);
    const f = ((frame % total) + total) % total;
    if (f < LEAD_FRAMES) return { label: "lead", start: 0, frames: LEAD_FRAMES, segment: null as Segment | null };
    let start = LEAD_FRAMES;
    for (const s of segmentsOf(kind)) {
      if (f < start + s.frames) {
        return { label: s.label as string, start, frames: s.frames, segment: s as Segment | null };
      }
      start += s.frames;
    }
    throw new Error("unreachable");
  }

  /** The camera's pose at `frame` (fractional frames are between two). */
  function pose(kind: MotionKind, frame: number): Pose {
    const total = kindFrames(kind);
    const f = ((frame % total) + total) % total;
    const { start, segment } = segmentAt(kind, f);
    return { ...REST, ...segment?.at((f - start) / FPS) };
  }

  function multiply(a: Mat3, b: Mat3): Mat3 {
    const m: Mat3 = [];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m.push(a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c]);
    }
    return m;
  }

  function invert(m: Mat3): Mat3 {
    const [a, b, c, d, e, f, g, h, i] = m;
    const A = e * i - f * h, B = f * g - d * i, C = d * h - e * g;
    const det = a * A + b * B + c * C;
    if (Math.abs(det) < 1e-12) throw new Error("singular matrix");
    const k = 1 / det;
    return [
      A * k,
      (c * h - b * i) * k,
      (b * f - c * e) * k,
      B * k,
      (a * i - c * g) * k,
      (c * d - a * f) * k,
      C * k,
      (b * g - a * h) * k,
      (a * e - b * d) * k,
    ]; // deno-fmt-ignore
  }

  function apply(m: Mat3, [x, y]: Point): Point {
    const w = m[6] * x + m[7] * y + m[8];
    return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
  }

  /** World → frame pixels for a pose: move the world point to the centre, scale, roll, tilt, centre in the frame. */
  function poseHomography(p: Pose): Mat3 {
    const rad = Math.PI / 180;
    const [cr, sr] = [Math.cos(p.roll * rad), Math.sin(p.roll * rad)];
    const similarity = [p.scale * cr, -p.scale * sr, 0, p.scale * sr, p.scale * cr, 0, 0, 0, 1];
    const toCentre = [1, 0, -p.cx, 0, 1, -p.cy, 0, 0, 1];
    // The scene plane turned by Rx(tiltX)·Ry(tiltY) about the frame centre, at distance FOCAL from a pinhole
    // camera of focal length FOCAL: (u, v) → FOCAL·(R·(u, v, 0) + (0, 0, FOCAL)) / Z, a true homography.
    const [ca, sa] = [Math.cos(p.tiltX * rad), Math.sin(p.tiltX * rad)];
    const [cb, sb] = [Math.cos(p.tiltY * rad), Math.sin(p.tiltY * rad)];
    // Rx·Ry = [[cb, 0, sb], [sa·sb, ca, −sa·cb], [−ca·sb, sa, ca·cb]]; only its first two columns act on the plane.
    const tilt = [cb, 0, 0, sa * sb, ca, 0, (-ca * sb) / FOCAL, sa / FOCAL, 1];
    const fromCentre = [1, 0, WIDTH / 2, 0, 1, HEIGHT / 2, 0, 0, 1];
    return multiply(fromCentre, multiply(tilt, multiply(similarity, toCentre)));
  }

  /** H(frame): world (texture) coordinates → frame pixels at 1280×720. */
  const homography = (kind: MotionKind, frame: number) => poseHomography(pose(kind, frame));

  /** Where the point at pixel `point` of frame `anchorFrame` is in frame `frame`. */
  function truth(kind: MotionKind, anchorFrame: number, point: Point, frame: number): Point {
    return apply(multiply(homography(kind, frame), invert(homography(kind, anchorFrame))), point);
  }

  /** Area of a polygon (shoelace, absolute). */
  function area(poly: Point[]) {
    let s = 0;
    for (let i = 0; i < poly.length; i++) {
      const [a, b] = [poly[i], poly[(i + 1) % poly.length]];
      s += a[0] * b[1] - b[0] * a[1];
    }
    return Math.abs(s) / 2;
  }

  /** The part of a convex polygon inside the frame (Sutherland–Hodgman against its four edges). */
  function clipToFrame(poly: Point[]): Point[] {
    const edges: [number, number, number][] = [[0, 1, 0], [0, -1, -WIDTH], [1, 1, 0], [1, -1, -HEIGHT]];
    let out = poly;
    for (const [axis, sign, bound] of edges) {
      const inside = (p: Point) => sign * p[axis] >= bound;
      const input = out;
      out = [];
      for (let i = 0; i < input.length; i++) {
        const [a, b] = [input[i], input[(i + 1) % input.length]];
        if (inside(a)) out.push(a);
        if (inside(a) !== inside(b)) {
          const t = (bound / sign - a[axis]) / (b[axis] - a[axis]);
          out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
        }
      }
    }
    return out;
  }

  /**
   * Where the region marked in `anchorFrame` is in `frame`: whether its centre is inside the frame, and
   * what share of it (of its area as it appears in `frame`) is inside; `corners` are its corners there.
   */
  function inView(kind: MotionKind, anchorFrame: number, region: Region, frame: number) {
    const { x, y, width, height } = region;
    const at = (p: Point) => truth(kind, anchorFrame, p, frame);
    const corners = [at([x, y]), at([x + width, y]), at([x + width, y + height]), at([x, y + height])];
    const [cx, cy] = at([x + width / 2, y + height / 2]);
    const whole = area(corners);
    return {
      centre: cx >= 0 && cx < WIDTH && cy >= 0 && cy < HEIGHT,
      share: whole > 0 ? Math.min(1, area(clipToFrame(corners)) / whole) : 0,
      corners,
    };
  }

  /** The segment `frame` is in, without its motion function. */
  const segmentInfo = (kind: MotionKind, frame: number) => {
    const { label, start, frames } = segmentAt(kind, frame);
    return { label, start, frames };
  };
  const constants = { WIDTH, HEIGHT, FPS, WORLD, FOCAL, LEAD_FRAMES, KINDS, REST };
  const geometry = { pose, poseHomography, homography, truth, inView, multiply, invert, apply };
  return { ...constants, ...geometry, kindFrames, segmentAt: segmentInfo };
}

export type SceneMotion = ReturnType<typeof sceneMotion>;

const motion = sceneMotion();
export const { WIDTH, HEIGHT, FPS, WORLD, FOCAL, LEAD_FRAMES, KINDS, kindFrames, segmentAt } = motion;
export const { pose, poseHomography, homography, truth, inView, multiply, invert, apply } = motion;
