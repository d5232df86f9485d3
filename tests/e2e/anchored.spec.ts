/**
 * Anchored drawing (issue 17): a mark the technician draws follows the object as the customer's camera
 * moves, on both screens, measured against the scene camera's ground truth (`tests/support/scene`).
 */
import { expect, test } from "@playwright/test";
import { inView, kindFrames, type MotionKind, truth } from "../support/scene/motion.ts";
import { type MarkSample, sampleMarks } from "./anchor_probe.ts";
import { PICTURE, picturePoint } from "./picture_probe.ts";
import { CODE_AT, drawDot, REST, sceneSession } from "./scene_session.ts";

/**
 * Sampling ends when the screen shows this frame of the motion (the pan's second second at full speed): a
 * loaded machine renders the scene slower, and its motion takes longer, not less far.
 */
const UNTIL = 110;

/** Distance in picture pixels (1280×720) between each sample's mark and where the object truly is. */
function errors(kind: MotionKind, samples: MarkSample[], at: [number, number]) {
  return samples.filter((s) => s.frame !== null && s.x !== null).map((s) => {
    const [tx, ty] = truth(kind, REST, at, s.frame!);
    return Math.hypot(s.x! - tx, s.y! - ty);
  });
}

/** The looks more than `limit` px off: scene frame, where it was read, error (to tell a wrong match from a late one). */
function farOff(kind: MotionKind, samples: MarkSample[], at: [number, number], limit: number) {
  return samples.filter((s) => s.frame !== null && s.x !== null).flatMap((s) => {
    const [tx, ty] = truth(kind, REST, at, s.frame!);
    const err = Math.hypot(s.x! - tx, s.y! - ty);
    return err > limit ? [`${s.frame}:${s.from}:${err.toFixed(0)}`] : [];
  }).join(" ") || "none";
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/**
 * Issue 17's targets are p95 ≤ 10 px on the phone and ≤ 14 px at the console; the benchmark reports them
 * (`deno task bench`) and each test's ANCHOR line prints what it measured, with the console's looks that
 * were farther off (the frame, whether it was read from the tracked frame painted under the marks or the
 * live video, and by how much). `p95` holds them where a run has enough looks for a 95th percentile to
 * mean something (the pan: a hundred or so at the console); where it has twenty (Freeze while drawing)
 * one look is five percent, and the test holds the median on target and nine in ten looks within twice it.
 */
function onTarget(side: string, errs: number[], target: number, p95 = false) {
  expect(quantile(errs, 0.5), `${side}: mark on the object (median, px)`).toBeLessThanOrEqual(target);
  if (p95) expect(quantile(errs, 0.95), `${side}: mark on the object (p95, px)`).toBeLessThanOrEqual(target);
  const near = errs.filter((e) => e <= 2 * target).length / errs.length;
  expect(near, `${side}: share of looks within ${2 * target} px`).toBeGreaterThanOrEqual(0.9);
}

test("anchored: a mark follows the panning camera on both screens (p95 within 10 px on the phone, 14 px at the console)", async ({ browser }) => {
  test.slow();
  const { desk, phone, play, close } = await sceneSession(browser, "pan", "Anchored pan");
  await drawDot(desk, 0.5, 0.5);
  // The phone shows the dot where it was drawn and starts following it.
  await expect.poll(async () =>
    (await phone.evaluate(sampleMarks, [PICTURE.phone.stage, 300, CODE_AT, 0] as const)).at(-1)?.pixels ?? 0
  )
    .toBeGreaterThan(0);
  await play();
  const [onPhone, onDesk] = await Promise.all([
    phone.evaluate(sampleMarks, [PICTURE.phone.stage, 60_000, CODE_AT, UNTIL] as const),
    desk.evaluate(sampleMarks, [PICTURE.desk.stage, 60_000, CODE_AT, UNTIL] as const),
  ]);
  const at: [number, number] = [640, 360];
  const phoneErrors = errors("pan", onPhone, at);
  const deskErrors = errors("pan", onDesk, at);
  const figures = (xs: number[]) => [0.5, 0.95, 1].map((q) => quantile(xs, q).toFixed(1)).join("/");
  console.log(
    `ANCHOR pan p50/p95/max px: phone ${figures(phoneErrors)} (n=${phoneErrors.length}), console ${
      figures(deskErrors)
    } (n=${deskErrors.length}); console looks beyond 14 px (frame:source:px): ${farOff("pan", onDesk, at, 14)}`,
  );
  expect(phoneErrors.length, "the phone's samples read a frame and found the mark").toBeGreaterThan(20);
  expect(deskErrors.length, "the console's samples read a frame and found the mark").toBeGreaterThan(20);
  // The camera really moved: a mark left where it was drawn would be this far off.
  const pinned = onPhone.filter((s) => s.frame !== null).map((s) =>
    Math.hypot(...truth("pan", REST, at, s.frame!).map((v, i) => v - at[i]) as [number, number])
  );
  expect(Math.max(...pinned), "the scene moved the object").toBeGreaterThan(100);
  onTarget("phone", phoneErrors, 10, true);
  onTarget("console", deskErrors, 14, true);
  expect(Math.max(...phoneErrors, ...deskErrors), "never as far off as a pinned mark").toBeLessThan(
    Math.max(...pinned) / 2,
  );
  // For people to look at: the mark on the object at three moments of the motion, on both screens.
  for (const moment of [1, 2, 3]) {
    await phone.screenshot({ path: test.info().outputPath(`anchored-pan-phone-${moment}.png`) });
    await desk.screenshot({ path: test.info().outputPath(`anchored-pan-console-${moment}.png`) });
    await phone.waitForTimeout(700);
  }
  await close();
});

/** The 240×240 region around the picture's centre, where the mark is drawn (scene pixels). */
const CENTRE = { x: 520, y: 240, width: 240, height: 240 };

test("anchored: a mark whose object leaves the picture is not drawn while it is away, is reported out of view on both screens, and comes back with it", async ({ browser }) => {
  test.slow();
  const { desk, phone, play, close } = await sceneSession(browser, "leave", "Anchored leave");
  await drawDot(desk, 0.5, 0.5);
  await expect.poll(async () =>
    (await phone.evaluate(sampleMarks, [PICTURE.phone.stage, 300, CODE_AT, 0] as const)).at(-1)?.pixels ?? 0
  ).toBeGreaterThan(0);
  // From the motion itself: when the region starts to leave, is wholly away, and is wholly back.
  const share = (f: number) => inView("leave", REST, CENTRE, f).share;
  const frames = Array.from({ length: kindFrames("leave") }, (_, f) => f);
  const leaving = frames.find((f) => share(f) < 0.5)!;
  const away = frames.filter((f) => share(f) === 0);
  const back = frames.find((f) => f > away.at(-1)! && share(f) === 1)!;
  expect(away.length, "the scene takes the region wholly out of view").toBeGreaterThan(20);
  const until = back + 60;
  await play();
  const cues = [phone, desk].map((page) =>
    expect(page.getByText("Moved out of view"), "the screen reader hears it").toBeAttached({ timeout: 90_000 })
  );
  const [onPhone, onDesk] = await Promise.all([
    phone.evaluate(sampleMarks, [PICTURE.phone.stage, 90_000, CODE_AT, until] as const),
    desk.evaluate(sampleMarks, [PICTURE.desk.stage, 90_000, CODE_AT, until] as const),
  ]);
  await Promise.all(cues);
  // A dot is some 25 pixels on the phone, where the picture under the marks has the odd few stray yellow
  // ones where red meets green; 4 at the console, whose drawing canvas holds nothing but marks.
  const sides = [["phone", onPhone, 10, 10], ["console", onDesk, 14, 1]] as const;
  for (const [side, samples, tolerance, dot] of sides) {
    // Wholly away (and the fade over): no mark anywhere on the picture.
    const whileAway = samples.filter((s) => s.frame !== null && away.includes(s.frame) && s.frame > leaving + 15);
    expect(whileAway.length, `${side}: looked while the region was away`).toBeGreaterThan(3);
    expect(whileAway.filter((s) => s.pixels >= dot).map((s) => s.frame), `${side}: a mark shown out of view`)
      .toEqual([]);
    // Back: found again and on the object.
    const returned = samples.filter((s) => s.frame !== null && s.frame >= back + 20 && s.frame <= until);
    expect(returned.length, `${side}: looked after the region came back`).toBeGreaterThan(3);
    const found = returned.filter((s) => s.pixels >= dot);
    expect(found.length / returned.length, `${side}: the mark is back`).toBeGreaterThanOrEqual(0.8);
    const errs = errors("leave", found, [640, 360]);
    console.log(
      `ANCHOR leave ${side}: back after frame ${back}, p50/max ${quantile(errs, 0.5).toFixed(1)}/${
        Math.max(...errs).toFixed(1)
      } px`,
    );
    expect(quantile(errs, 0.5), `${side}: on the object again (median, px)`).toBeLessThanOrEqual(tolerance);
  }
  await close();
});

test("anchored: a mark pinned to the screen stays where it was drawn while the camera pans (today's behaviour)", async ({ browser }) => {
  test.slow();
  const { desk, phone, play, close } = await sceneSession(browser, "pan", "Anchored pan");
  await desk.getByRole("button", { name: "Pin to screen" }).click();
  await expect(desk.getByRole("button", { name: "Pin to screen" })).toHaveAttribute("aria-pressed", "true");
  await drawDot(desk, 0.5, 0.5);
  await expect.poll(async () =>
    (await phone.evaluate(sampleMarks, [PICTURE.phone.stage, 300, CODE_AT, 0] as const)).at(-1)?.pixels ?? 0
  ).toBeGreaterThan(0);
  await play();
  const [onPhone, onDesk] = await Promise.all([
    phone.evaluate(sampleMarks, [PICTURE.phone.stage, 60_000, CODE_AT, UNTIL] as const),
    desk.evaluate(sampleMarks, [PICTURE.desk.stage, 60_000, CODE_AT, UNTIL] as const),
  ]);
  for (const [side, samples] of [["phone", onPhone], ["console", onDesk]] as const) {
    const moving = samples.filter((s) => s.frame !== null && s.frame > 60 && s.x !== null);
    expect(moving.length, `${side}: looked while the camera moved`).toBeGreaterThan(3);
    const off = moving.map((s) => Math.hypot(s.x! - 640, s.y! - 360));
    expect(Math.max(...off), `${side}: the pinned mark stayed put (px)`).toBeLessThan(3);
  }
  await close();
});

test("anchored: with Freeze while drawing the picture holds still while a tool is in hand; a mark drawn on it follows the object once live again", async ({ browser }) => {
  test.slow();
  const { desk, phone, play, close } = await sceneSession(browser, "pan", "Anchored freeze");
  const toggle = desk.getByRole("button", { name: "Freeze while drawing" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await desk.getByRole("button", { name: "Draw", exact: true }).click();
  // The still of the camera at rest is shown on both screens.
  await expect(desk.locator(`${PICTURE.desk.stage} img`)).toBeVisible({ timeout: 30_000 });
  await expect(phone.locator(`${PICTURE.phone.stage} img`)).toBeVisible();
  // The camera moves on while the technician looks at the still: 90 frames, far past what the phone's
  // tracker keeps of recent frames, the object 340 px away from where it was.
  await play();
  // deno-lint-ignore no-explicit-any
  const sceneFrame = () => phone.evaluate(() => (globalThis as any).__sightlineScene.log.at(-1)?.[0] ?? 0);
  await expect.poll(sceneFrame, { timeout: 60_000 }).toBeGreaterThan(90);
  await expect(desk.locator(`${PICTURE.desk.stage} img`), "still frozen").toBeVisible();
  // The camera stops there (the object 340 px left of the centre) while the technician draws.
  await phone.evaluate(() => {
    const scene = (globalThis as unknown as { __sightlineScene: { holdAt: number | null; frame: number } })
      .__sightlineScene;
    scene.holdAt = scene.frame;
  });
  // A dot on the still's centre, then the tool put down: live again.
  const { x, y } = await desk.evaluate(picturePoint, [PICTURE.desk.stage, 0.5, 0.5] as const);
  await desk.mouse.click(x, y);
  await desk.getByRole("button", { name: "Draw", exact: true }).click();
  await expect(desk.locator(`${PICTURE.desk.stage} img`), "live again").toHaveCount(0);
  // Found on its object in the live picture (not shown where it was clicked meanwhile), then the camera
  // moves on.
  const marked = (page: typeof phone, stage: string) => async () => {
    const last = (await page.evaluate(sampleMarks, [stage, 300, CODE_AT, 0] as const)).at(-1);
    return last?.x == null ? null : Math.round(last.x);
  };
  await expect.poll(marked(phone, PICTURE.phone.stage), { timeout: 30_000 }).toBeLessThan(400);
  await expect.poll(marked(desk, PICTURE.desk.stage), { timeout: 30_000 }).toBeLessThan(400);
  await play();
  const [onPhone, onDesk] = await Promise.all([
    phone.evaluate(sampleMarks, [PICTURE.phone.stage, 60_000, CODE_AT, 150] as const),
    desk.evaluate(sampleMarks, [PICTURE.desk.stage, 60_000, CODE_AT, 150] as const),
  ]);
  const at: [number, number] = [640, 360];
  // The object the dot was drawn on, where the still showed it (the camera's rest frame), while the camera
  // swings back (frames 100–150: the object 80–400 px left of the screen's centre).
  const live = (samples: MarkSample[]) => samples.filter((s) => s.frame !== null && s.frame > 100 && s.frame <= 150);
  const [phoneErrors, deskErrors] = [onPhone, onDesk].map((samples) => errors("pan", live(samples), at));
  const figures = (xs: number[]) => [0.5, 0.95, 1].map((q) => quantile(xs, q).toFixed(1)).join("/");
  console.log(
    `ANCHOR freeze while drawing p50/p95/max px: phone ${figures(phoneErrors)}, console ${
      figures(deskErrors)
    }; console looks beyond 14 px (frame:source:px): ${farOff("pan", live(onDesk), at, 14)}`,
  );
  expect(phoneErrors.length, "the phone showed the mark live").toBeGreaterThan(10);
  expect(deskErrors.length, "the console showed the mark live").toBeGreaterThan(10);
  const moved = live(onPhone).map((s) =>
    Math.hypot(...truth("pan", REST, at, s.frame!).map((v, i) => v - at[i]) as [number, number])
  );
  expect(Math.min(...moved), "the object is far from where the dot was clicked on the screen").toBeGreaterThan(75);
  // Some twenty looks per screen, during the fastest stretch of the pan.
  onTarget("phone", phoneErrors, 10);
  onTarget("console", deskErrors, 14);
  await close();
});
