/** The motion kinds of issue 17 as camera paths at 30 fps, for the tracker's tests and bench. */
import { type Camera, type Shot, VIEW } from "./synth.ts";

export const KINDS = ["pan", "zoom", "roll", "tilt", "blur", "brightness", "leave"] as const;
export type MotionKind = typeof KINDS[number];

const FPS = 30, DEG = Math.PI / 180;
const still: Camera = { cx: 512, cy: 512, zoom: 1, roll: 0, tiltX: 0, tiltY: 0 };
/** Pan amplitude whose top speed over a 4 s sine is 25 % of the view's width per second. */
const PAN = (0.25 * VIEW * 4) / (2 * Math.PI);

const wave = (t: number, period: number, phase = 0) => Math.sin((2 * Math.PI * t) / period + phase);

function cameraAt(kind: MotionKind, t: number): Camera {
  switch (kind) {
    case "pan":
    case "blur":
      return {
        ...still,
        cx: still.cx + PAN * wave(t, 4),
        cy: still.cy + (PAN / 4) * wave(t, 2),
        roll: kind === "blur" ? 3 * DEG * wave(t, 0.5) : 0,
      };
    case "zoom":
      return { ...still, cx: still.cx + 20 * wave(t, 3), zoom: 1.4 ** wave(t, 4) };
    case "roll":
      return { ...still, cy: still.cy + 15 * wave(t, 3), roll: 20 * DEG * wave(t, 4) };
    case "tilt":
      return {
        ...still,
        cx: still.cx + 30 * wave(t, 3),
        tiltY: 15 * DEG * wave(t, 4),
        tiltX: 15 * DEG * wave(t, 4, Math.PI / 2),
      };
    case "brightness":
      return { ...still, cx: still.cx + 40 * wave(t, 4), cy: still.cy + 20 * wave(t, 3) };
    case "leave": {
      // Out to the side (region fully out of view for ~1.7 s) and back, rolled and closer on return.
      const k = (1 - Math.cos((2 * Math.PI * Math.min(t, 6)) / 6)) / 2;
      return { ...still, cx: still.cx + 0.75 * VIEW * k, roll: 12 * DEG * k, zoom: 1.2 ** k };
    }
  }
}

function brightnessAt(kind: MotionKind, t: number): number {
  if (kind !== "brightness") return 1;
  const ramp = (a: number, b: number) => Math.min(1, Math.max(0, (t - a) / (b - a)));
  return 1 - 0.65 * (ramp(0.5, 1.5) - ramp(2.5, 3.5));
}

/** Frames of a motion kind: 4 s (the leave kind 6.5 s) at 30 fps. */
export function motion(kind: MotionKind): Shot[] {
  const frames = kind === "leave" ? 195 : 120;
  return Array.from({ length: frames }, (_, i) => {
    const t = i / FPS;
    const camera = cameraAt(kind, t);
    // Motion blur: the exposure spans two frame intervals, centred on the frame's time.
    const smear = kind === "blur"
      ? Array.from({ length: 4 }, (_, k) => cameraAt(kind, t + (k / 3 - 0.5) * (2 / FPS)))
      : undefined;
    return { camera, smear, brightness: brightnessAt(kind, t) };
  });
}
