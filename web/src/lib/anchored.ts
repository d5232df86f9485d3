/**
 * Anchored drawing, the part both sides share: a shape drawn on one camera frame placed on another by
 * its pose (a homography between the frames' normalised coordinates, as the customer's tracker sends it
 * in `poses` messages), and frame signatures — a 16×9 grey thumbnail by which the console tells which of
 * the customer's frames it is showing, whatever the codec did to it.
 */
import type { Pose, Shape } from "../../../shared/tools.ts";

/** A homography as sent: row-major, the last entry (1) left out. */
export type H8 = readonly number[];

export const IDENTITY: H8 = [1, 0, 0, 0, 1, 0, 0, 0];

/** Where `h` takes point `p`. */
export function applyH(h: H8, [x, y]: readonly [number, number]): [number, number] {
  const w = h[6] * x + h[7] * y + 1;
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

/** The inverse of `h` (normalised so its last entry is 1), or null when it has none. */
export function invertH(h: H8): H8 | null {
  const [a, b, c, d, e, f, g, k] = h;
  const m = [
    e - f * k,
    c * k - b,
    b * f - c * e,
    f * g - d,
    a - c * g,
    c * d - a * f,
    d * k - e * g,
    b * g - a * k,
    a * e - b * d,
  ];
  const det = a * m[0] + b * m[3] + c * m[6];
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12 || Math.abs(m[8]) < 1e-12) return null;
  return m.slice(0, 8).map((v) => v / m[8]);
}

/** Points around an ellipse, so a circle stays on its object under perspective. */
const ELLIPSE_POINTS = 36;

/**
 * `shape` as it lies in a frame reached by `h`: points moved; a circle becomes the closed outline of its
 * image (perspective turns circles into other ellipses). The result is for painting only.
 */
export function placeShape(shape: Shape, h: H8): Shape {
  const at = (p: readonly [number, number]) => applyH(h, p);
  if (shape.kind === "stroke") return { ...shape, points: shape.points.map(at) };
  if (shape.kind === "arrow") return { ...shape, from: at(shape.from), to: at(shape.to) };
  const [cx, cy] = shape.center;
  const [rx, ry] = shape.radius;
  const points = Array.from({ length: ELLIPSE_POINTS + 1 }, (_, i) => {
    const a = (i / ELLIPSE_POINTS) * Math.PI * 2;
    return at([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  });
  return { kind: "stroke", id: shape.id, points };
}

/** A shape the customer's tracker follows (anything not pinned to the screen). */
export const isAnchored = (shape: Shape) => !shape.pin;

/** What is known of each anchored shape's place in the frame shown. */
export type PoseMap = ReadonlyMap<string, Pose>;

export const poseMap = (poses: readonly Pose[]): PoseMap => new Map(poses.map((p) => [p.id, p]));

/**
 * The shapes to paint on the frame whose poses are `poses`: pinned shapes as drawn, anchored ones placed
 * by their pose, hidden while lost (`lost` lists them, for the "moved out of view" cue). A shape without
 * a pose yet (just drawn) stays where it was drawn.
 */
export function placeShapes(shapes: readonly Shape[], poses: PoseMap | null): { shown: Shape[]; lost: Shape[] } {
  const shown: Shape[] = [];
  const lost: Shape[] = [];
  for (const shape of shapes) {
    const pose = isAnchored(shape) ? poses?.get(shape.id) : undefined;
    if (!pose) shown.push(shape);
    else if (pose.v && pose.h) shown.push(placeShape(shape, pose.h));
    else lost.push(shape);
  }
  return { shown, lost };
}

export const SIGNATURE_W = 16;
export const SIGNATURE_H = 9;

/** The frame's signature: mean luma of 16×9 blocks of an RGBA image (any size ≥ 16×9). */
export function signature(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const sums = new Float64Array(SIGNATURE_W * SIGNATURE_H);
  const counts = new Uint32Array(SIGNATURE_W * SIGNATURE_H);
  for (let y = 0; y < height; y++) {
    const row = Math.min(SIGNATURE_H - 1, Math.floor((y * SIGNATURE_H) / height)) * SIGNATURE_W;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const cell = row + Math.min(SIGNATURE_W - 1, Math.floor((x * SIGNATURE_W) / width));
      sums[cell] += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
      counts[cell]++;
    }
  }
  return Uint8Array.from(sums, (s, i) => Math.round(s / Math.max(1, counts[i])));
}

export const encodeSignature = (sig: Uint8Array) => btoa(String.fromCharCode(...sig));

export function decodeSignature(text: string): Uint8Array | null {
  try {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return bytes.length === SIGNATURE_W * SIGNATURE_H ? bytes : null;
  } catch {
    return null;
  }
}

/**
 * How unlike two signatures are: the mean squared difference after taking out each one's mean
 * brightness (an encoder shifts levels a little), 0 for the same picture.
 */
export function signatureDistance(a: Uint8Array, b: Uint8Array): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= a.length;
  mb /= b.length;
  let d = 0;
  for (let i = 0; i < a.length; i++) d += (a[i] - ma - (b[i] - mb)) ** 2;
  return d / a.length;
}
