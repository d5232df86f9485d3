/** Runs the tracker over a synthetic motion and scores every pose against the truth (tests and bench only). */
import { applyX, applyY } from "./mat.ts";
import { KINDS, motion, type MotionKind } from "./motions.ts";
import { cameraMatrix, render, type Shot, truth } from "./synth.ts";
import { createTracker } from "./tracker.ts";
import type { GreyFrame, Mat3, Region, Tracker } from "./types.ts";

export { KINDS, type MotionKind };

export const CENTRE: Region = { x0: 0.4, y0: 0.38, x1: 0.6, y1: 0.62 };

export interface AnchorSpec {
  id: string;
  region: Region;
  /** Frame at which add is called (default 0). */
  addAt?: number;
  /** frameIndex passed to add: the frame it was drawn on (default: addAt). */
  drawnOn?: number;
}

export interface Record {
  frame: number;
  id: string;
  /** Error of the mark (max over the region's corners and centre), px at 1280×720; null when no pose. */
  err: number | null;
  /** Share of the region truly in the picture. */
  inView: number;
  visible: boolean;
  reason?: string;
}

/** Mark error between a pose and the truth: max over the region's corners and centre, in px at 1280×720. */
export function markError(h: Mat3, t: Mat3, r: Region): number {
  const pts = [[r.x0, r.y0], [r.x1, r.y0], [r.x1, r.y1], [r.x0, r.y1], [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2]];
  let worst = 0;
  for (const [x, y] of pts) {
    const dx = (applyX(h, x, y) - applyX(t, x, y)) * 1280, dy = (applyY(h, x, y) - applyY(t, x, y)) * 720;
    worst = Math.max(worst, Math.hypot(dx, dy));
  }
  return worst;
}

export function trueInView(t: Mat3, r: Region): number {
  let n = 0;
  for (let j = 0; j < 6; j++) {
    for (let i = 0; i < 6; i++) {
      const x = r.x0 + ((i + 0.5) / 6) * (r.x1 - r.x0), y = r.y0 + ((j + 0.5) / 6) * (r.y1 - r.y0);
      const u = applyX(t, x, y), v = applyY(t, x, y);
      if (u >= 0 && v >= 0 && u <= 1 && v <= 1) n++;
    }
  }
  return n / 36;
}

export interface RunOptions {
  w?: number;
  h?: number;
  anchors?: AnchorSpec[];
  tracker?: Tracker;
  /** 2×2 supersampled frames (the bench), rather than one sample per pixel (the tests). */
  fine?: boolean;
  /** Replaces shots (e.g. a dark stretch). */
  edit?: (shots: Shot[]) => Shot[];
}

const frameCache = new Map<string, { shots: Shot[]; frames: GreyFrame[] }>();

/** The rendered frames of a motion, cached per kind and size; an edit re-renders only the shots it replaced. */
export function framesOf(kind: MotionKind, w: number, h: number, o: RunOptions = {}): GreyFrame[] {
  const key = `${kind} ${w}x${h} ${o.fine ? "fine" : "fast"}`;
  if (!frameCache.has(key)) {
    const shots = motion(kind);
    frameCache.set(key, { shots, frames: shots.map((s, i) => render(s, w, h, i + 1, o.fine)) });
  }
  const base = frameCache.get(key)!;
  if (!o.edit) return base.frames;
  return o.edit(base.shots).map((s, i) => (s === base.shots[i] ? base.frames[i] : render(s, w, h, i + 1, o.fine)));
}

export function runMotion(kind: MotionKind, o: RunOptions = {}) {
  const w = o.w ?? 320, h = o.h ?? 180;
  const frames = framesOf(kind, w, h, o);
  const cams = motion(kind).map((s) => cameraMatrix(s.camera, w, h));
  const tracker = o.tracker ?? createTracker();
  const specs = o.anchors ?? [{ id: "a", region: CENTRE }];
  const records: Record[] = [], ms: number[] = [];
  for (let i = 0; i < frames.length; i++) {
    const t0 = performance.now();
    const poses = tracker.update(frames[i], i);
    for (const s of specs) if ((s.addAt ?? 0) === i) tracker.add(s.id, s.region, s.drawnOn ?? i);
    ms.push(performance.now() - t0);
    for (const s of specs) {
      const p = poses.find((q) => q.id === s.id);
      if (!p) continue;
      const t = truth(cams[s.drawnOn ?? s.addAt ?? 0], cams[i]);
      const err = p.h ? markError(p.h, t, s.region) : null;
      records.push({ frame: i, id: s.id, err, inView: trueInView(t, s.region), visible: p.visible, reason: p.reason });
    }
  }
  return { records, ms };
}

export const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};

/** The figures per run: mark error of shown marks, lost while in view, shown while out, frames to re-acquire. */
export function summarise(records: Record[]) {
  const shown = records.filter((r) => r.visible && r.err !== null).map((r) => r.err!);
  const inView = records.filter((r) => r.inView >= 0.9), out = records.filter((r) => r.inView < 0.3);
  const reacquire: number[] = [];
  const byId = Map.groupBy(records, (r) => r.id);
  for (const rs of byId.values()) {
    for (let i = 1; i < rs.length; i++) {
      if (!(rs[i - 1].inView < 0.5 && rs[i].inView >= 0.5)) continue;
      const back = rs.findIndex((r, k) => k >= i && r.visible);
      reacquire.push(back < 0 ? Infinity : back - i);
    }
  }
  return {
    p50: quantile(shown, 0.5),
    p95: quantile(shown, 0.95),
    max: shown.length ? Math.max(...shown) : NaN,
    shown: shown.length,
    lostInView: inView.length ? inView.filter((r) => !r.visible).length / inView.length : 0,
    shownOutOfView: out.length ? out.filter((r) => r.visible).length / out.length : 0,
    reacquireFrames: reacquire,
  };
}
