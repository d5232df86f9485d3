/**
 * Issue 17, "Must show": anchored drawing measured against ground truth, per motion kind. For each kind
 * (pan, zoom, roll, tilt, blur, brightness, leave) one live session whose customer camera is the scene
 * camera (`tests/support/scene`) moving as that kind, held at rest while the technician clicks a dot
 * with Draw up and left of the picture's centre; then the motion runs once (its lead second and its motion) while
 * both screens are sampled with `sampleMarks` (`tests/e2e/anchor_probe.ts`), as `e2e/anchored.spec.ts`
 * does: customer 1280×720 at deviceScaleFactor 1, so the phone's errors are in picture pixels.
 *
 * One session per kind rather than one `tour`: every kind starts with the mark freshly anchored at
 * rest, so a kind's figures are its own (no drift or loss carried over from the kind before), and a kind
 * that fails does not take the others with it. It costs a session set-up (~15 s) per kind.
 *
 * Per kind and screen: the error of the shown mark against the truth (p50/p95/max, px at 1280×720) over
 * the samples whose region centre is in the picture; the share of out-of-view samples (region less than
 * 30 % in the picture, `inView`) in which a mark was shown; for a kind whose region leaves and returns,
 * the ms from the phone rendering the first frame with the region back (≥ 50 % in view) to the first
 * sample showing the mark within 14 px of the truth. "Shown" is a dot of annotation yellow anywhere on
 * the drawing canvas: at least 5 yellow pixels on the phone (1 at the console, which shows the picture
 * at about a third of its size) whose bounding box is at most 3× as wide as it is tall (not a line of
 * text), at full opacity: a mark whose object has left dims at once to 60 % and fades out where it was
 * last seen, which is not showing it on its object.
 *
 * Frame rate: the frames the phone's live <video> presents per second (`requestVideoFrameCallback`'s
 * `presentedFrames`), 4 s with the scene held at rest before the technician picks a tool, and 4 s with
 * the scene still held while the dot is tracked (the tracker Worker loaded and running on every frame).
 * Writes `anchored.json`; `tests/bench/anchored.ts` adds the tracker's ms per frame and the download.
 */
import { type Browser, expect, test } from "@playwright/test";
import { inView, kindFrames, type MotionKind, type Region, truth } from "../../support/scene/motion.ts";
import { type MarkSample, sampleMarks } from "../../e2e/anchor_probe.ts";
import { PICTURE } from "../../e2e/picture_probe.ts";
import { CODE_AT, drawDot, REST, sceneSession } from "../../e2e/scene_session.ts";
import { percentile, round1 } from "../stats.ts";
import { writeResult } from "./support.ts";

const KINDS = (process.env.BENCH_ANCHORED_KINDS ?? "pan,zoom,roll,tilt,blur,brightness,leave")
  .split(",") as MotionKind[];
/**
 * The dot, in picture pixels, and the region the phone tracks for it (its box with `trackedRegion`'s 8 %
 * margin): up and left of the centre, so that zoom, roll and tilt (about the centre) move it too.
 */
const DOT: [number, number] = [400, 240];
const REGION: Region = {
  x: DOT[0] - 0.08 * 1280,
  y: DOT[1] - 0.08 * 720,
  width: 0.16 * 1280,
  height: 0.16 * 720,
};
const FPS_MS = 4000;
/** A mark within this of the truth is back on its object (the console's target). */
const ON_IT_PX = 14;

/** Frames the live <video> under `stage` presented per second over `ms`, and frames the scene camera rendered. */
function frameRate([stage, ms]: readonly [string, number]) {
  const video = document.querySelector(stage)!.querySelector("video:not([hidden])") as HTMLVideoElement;
  // deno-lint-ignore no-explicit-any
  const scene = (globalThis as any).__sightlineScene as { log: [number, number][] };
  return new Promise<{ videoFps: number; sceneFps: number }>((done) => {
    const started = performance.now();
    let first: [number, number] | null = null;
    let last: [number, number] | null = null;
    const look = (now: number, meta: VideoFrameCallbackMetadata) => {
      first ??= [now, meta.presentedFrames];
      last = [now, meta.presentedFrames];
      if (performance.now() - started < ms) video.requestVideoFrameCallback(look);
      else {
        const rendered = scene.log.filter(([, at]) => at >= started).length;
        const seconds = (performance.now() - started) / 1000;
        done({
          videoFps: first && last && last[0] > first[0] ? (last[1] - first[1]) / ((last[0] - first[0]) / 1000) : 0,
          sceneFps: rendered / seconds,
        });
      }
    };
    video.requestVideoFrameCallback(look);
  });
}

/**
 * A dot of annotation yellow (not a line of text). `least`: the fewest pixels a dot has on that screen —
 * some 25 on the phone (1:1), 4 at the console, which shows the picture at about a third of its size.
 */
const isMark = (s: MarkSample, least: number) =>
  s.pixels >= least && s.box !== null && s.box[2] - s.box[0] <= 3 * Math.max(1, s.box[3] - s.box[1]);

const stats = (xs: number[]) => ({
  p50: round1(percentile(xs, 50)),
  p95: round1(percentile(xs, 95)),
  max: round1(xs.length ? Math.max(...xs) : NaN),
  n: xs.length,
});

/** The first frame after the region has left (< 30 % in view) in which it is back (≥ 50 %), if any. */
function regionBack(kind: MotionKind, until: number): number | null {
  let left = false;
  for (let f = REST; f <= until; f++) {
    const share = inView(kind, REST, REGION, f).share;
    if (share < 0.3) left = true;
    else if (left && share >= 0.5) return f;
  }
  return null;
}

/** One screen's figures for `kind` from its samples; `backAt` is when the phone rendered frame `back`. */
function screenFigures(
  kind: MotionKind,
  samples: MarkSample[],
  back: number | null,
  backAt: number | null,
  least: number,
) {
  const markShown = (s: MarkSample) => isMark(s, least);
  const read = samples.filter((s) => s.frame !== null);
  const errorOf = (s: MarkSample) => {
    const [tx, ty] = truth(kind, REST, DOT, s.frame!);
    return Math.hypot(s.x! - tx, s.y! - ty);
  };
  const errors = read.filter((s) => markShown(s) && inView(kind, REST, REGION, s.frame!).centre).map(errorOf);
  const out = read.filter((s) => inView(kind, REST, REGION, s.frame!).share < 0.3);
  const shownOut = out.filter(markShown).length;
  let reacquireMs: number | null = null;
  if (back !== null && backAt !== null) {
    const onIt = read.find((s) => s.frame! >= back && markShown(s) && errorOf(s) <= ON_IT_PX);
    reacquireMs = onIt ? Math.round(onIt.at - backAt) : null;
  }
  return {
    errorPx: stats(errors),
    samples: samples.length,
    /** Samples with yellow on the canvas that is not a mark: the "moved out of view" cue. */
    cueOnly: read.filter((s) => s.pixels > 0 && !markShown(s)).length,
    unreadable: samples.length - read.length,
    outOfViewSamples: out.length,
    shownOutOfView: shownOut,
    shownOutOfViewShare: out.length ? round1(1000 * shownOut / out.length)! / 1000 : 0,
    reacquireMs,
  };
}

async function measureKind(browser: Browser, kind: MotionKind) {
  const { desk, phone, play, close } = await sceneSession(browser, kind, `Bench ${kind}`, 60_000);
  try {
    const without = await phone.evaluate(frameRate, [PICTURE.phone.stage, FPS_MS] as const);
    await drawDot(desk, DOT[0] / 1280, DOT[1] / 720);
    await expect.poll(async () =>
      (await phone.evaluate(sampleMarks, [PICTURE.phone.stage, 300, CODE_AT, 0] as const)).at(-1)?.pixels ?? 0
    ).toBeGreaterThan(0);
    await phone.waitForTimeout(1000);
    const withTracking = await phone.evaluate(frameRate, [PICTURE.phone.stage, FPS_MS] as const);
    const until = kindFrames(kind) - 1;
    await play();
    const [onPhone, onDesk] = await Promise.all([
      phone.evaluate(sampleMarks, [PICTURE.phone.stage, 180_000, CODE_AT, until] as const),
      desk.evaluate(sampleMarks, [PICTURE.desk.stage, 180_000, CODE_AT, until] as const),
    ]);
    const back = regionBack(kind, until);
    const backAt = back === null ? null : await phone.evaluate((f) => {
      // deno-lint-ignore no-explicit-any
      const entry = ((globalThis as any).__sightlineScene.log as [number, number][]).find(([frame]) => frame === f);
      return entry ? performance.timeOrigin + entry[1] : null;
    }, back);
    const customer = screenFigures(kind, onPhone, back, backAt, 5);
    const console_ = screenFigures(kind, onDesk, back, backAt, 1);
    const fps = {
      withoutTracking: round1(without.videoFps),
      withTracking: round1(withTracking.videoFps),
      sceneWithout: round1(without.sceneFps),
      sceneWith: round1(withTracking.sceneFps),
    };
    console.log(
      `  ${kind}: phone ${customer.errorPx.p50}/${customer.errorPx.p95}/${customer.errorPx.max} px (n=${customer.errorPx.n}), ` +
        `console ${console_.errorPx.p50}/${console_.errorPx.p95}/${console_.errorPx.max} px (n=${console_.errorPx.n}; cue only ${customer.cueOnly}/${console_.cueOnly}), ` +
        `shown out of view ${customer.shownOutOfView}+${console_.shownOutOfView} of ${
          customer.outOfViewSamples + console_.outOfViewSamples
        }, re-acquire ${customer.reacquireMs ?? "–"}/${console_.reacquireMs ?? "–"} ms, ` +
        `fps ${fps.withoutTracking} → ${fps.withTracking} (scene ${fps.sceneWithout} → ${fps.sceneWith})`,
    );
    return { untilFrame: until, regionBackFrame: back, customer, console: console_, fps };
  } finally {
    await close();
  }
}

test("anchored drawing: mark error against ground truth per motion kind, both screens", async ({ browser }) => {
  test.setTimeout(40 * 60_000);
  const kinds: Record<string, unknown> = {};
  for (const kind of KINDS) {
    // A session that could not be set up (a loaded machine) is tried once more with a new one.
    for (let attempt = 1; attempt <= 2 && !kinds[kind]; attempt++) {
      try {
        kinds[kind] = await measureKind(browser, kind);
      } catch (err) {
        // deno-lint-ignore no-control-regex
        const why = String(err).replace(/\x1b\[[0-9;]*m/g, "").slice(0, 500);
        console.error(`  ${kind}: could not be measured (attempt ${attempt}): ${why}`);
        if (attempt === 2) kinds[kind] = { error: why };
      }
    }
    writeResult("anchored", { kinds });
  }
  expect(Object.values(kinds).some((k) => !(k as { error?: string }).error), "at least one kind measured").toBe(true);
});
