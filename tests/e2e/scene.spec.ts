/**
 * Issue 17 §4, the synthetic test camera (`tests/support/scene/`): an init script in place of the
 * camera, on a plain page of the edge (a secure context, no app). Frames arrive from `getUserMedia` at
 * camera speed with their frame number readable from the picture, and the picture is the world where the
 * known homography puts it; the code survives VP8. Prints `SCENE …` figures; leaves six frames of each motion kind (with the
 * true position of a mark drawn at frame 15) in the test's output folder.
 */
import { type Browser, expect, test } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { sceneCameraScript, type SceneOptions } from "../support/scene/camera.ts";
import { KINDS, LEAD_FRAMES } from "../support/scene/motion.ts";
import { baseURL } from "./support.ts";
import {
  loopbackCodes,
  measureFidelity,
  openSceneCamera,
  type ScenePage,
  sceneSheet,
  watchFrames,
} from "./scene_probe.ts";

/** A page of the edge (secure context) with the scene camera; the caller closes its context. */
async function scenePage(browser: Browser, options: SceneOptions) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } });
  await context.addInitScript(sceneCameraScript(options));
  const page = await context.newPage();
  await page.goto("/api/health");
  return page;
}

test("scene camera: getUserMedia gives the scene at 1280×720 with the fake microphone; frames arrive at camera speed numbered in the picture", async ({ browser }) => {
  const page = await scenePage(browser, { kind: "pan" });
  const opened = await page.evaluate(openSceneCamera);
  expect(opened.settings).toMatchObject({ width: 1280, height: 720, frameRate: 30, facingMode: "environment" });
  expect(opened.caps).toMatchObject({ width: { max: 1280 }, height: { max: 720 } });
  expect(opened.label).toBe("Sightline scene camera");
  expect(opened.audio).toBe(1);
  expect(opened.cameras).toEqual([[opened.settings.deviceId, "Sightline scene camera"]]);
  expect(await page.evaluate(() => (globalThis as unknown as ScenePage).__sightlineScene.constraints))
    .toEqual({ advanced: [{ zoom: 2 }] });

  const seen = await page.evaluate(watchFrames, 4000);
  console.log(`SCENE fps presented=${seen.fps.toFixed(1)} rendered=${seen.sceneFps}`);
  expect(seen.fps).toBeGreaterThanOrEqual(20);
  const codes = seen.codes.filter((c) => c !== null);
  // Nearly every frame reads, at full size and at 640×360, and the numbers only go up.
  expect(codes.length).toBeGreaterThanOrEqual(seen.codes.length - 1);
  expect(seen.small.filter((c) => c !== null).length).toBeGreaterThanOrEqual(seen.small.length - 1);
  expect(codes.every((c, i) => i === 0 || c > codes[i - 1])).toBe(true);
  expect(codes.at(-1)! - codes[0]).toBeGreaterThan(40);
  await page.context().close();
});

test("scene camera: the frame code reads through VP8 at 300 kbit/s in 640×360 and at 1.5 Mbit/s in 1280×720, never as a wrong number", async ({ browser }) => {
  const page = await scenePage(browser, { kind: "pan", startFrame: LEAD_FRAMES });
  await page.evaluate(openSceneCamera);
  for (const [kbps, scale] of [[300, 2], [1500, 1]]) {
    const seen = (await page.evaluate(loopbackCodes, ["VP8", kbps, scale, 6000] as [string, number, number, number]))!;
    console.log(
      `SCENE vp8 ${kbps}kbit/s ${seen.width}×${seen.height} read=${seen.read}/${seen.frames} wrong=${seen.wrong} qp=${
        seen.qp?.toFixed(1)
      } sent=${seen.kbps?.toFixed(0)}kbit/s`,
    );
    expect(`${seen.width}×${seen.height}`).toBe(scale === 2 ? "640×360" : "1280×720");
    // Keeping the resolution, a starved or busy encoder drops frames instead (5–10 a second here).
    expect(seen.frames).toBeGreaterThanOrEqual(20);
    expect(seen.read / seen.frames).toBeGreaterThanOrEqual(0.95);
    expect(seen.wrong).toBe(0);
  }
  await page.context().close();
});

for (const [kind, start] of [["tilt", LEAD_FRAMES + 60], ["zoom", LEAD_FRAMES + 40]] as const) {
  test(`scene camera: ${kind} frames show the world where the homography puts it, within 1.5 px`, async ({ browser }) => {
    const page = await scenePage(browser, { kind, startFrame: start });
    await page.evaluate(openSceneCamera);
    const measured = await page.evaluate(measureFidelity, [4, 25] as [number, number]);
    const errors = measured.flatMap((m) => m.errors).sort((a, b) => a - b);
    for (const m of measured) {
      console.log(
        `SCENE ${kind} frame=${m.frame} pose=${JSON.stringify(m.pose)} errors=${
          m.errors.map((e) => e.toFixed(2)).join(",")
        }`,
      );
    }
    console.log(
      `SCENE ${kind} fidelity_px p50=${errors[errors.length >> 1].toFixed(2)} max=${
        errors.at(-1)!.toFixed(2)
      } points=${errors.length}`,
    );
    expect(errors.length).toBeGreaterThanOrEqual(30);
    expect(errors.at(-1)!).toBeLessThanOrEqual(1.5);
    await page.context().close();
  });
}

test("scene camera: six frames of every motion kind, with where a mark drawn at frame 15 truly is", async ({ browser }) => {
  const page = await scenePage(browser, { kind: "tour" });
  await page.evaluate(openSceneCamera);
  for (const kind of KINDS.filter((k) => k !== "tour")) {
    const png = await page.evaluate(sceneSheet, kind);
    writeFileSync(test.info().outputPath(`scene-${kind}.png`), Buffer.from(png.split(",")[1], "base64"));
  }
  // Two frames at full size: the fastest blur and the steepest tilt.
  for (const [kind, frame] of [["blur", LEAD_FRAMES + 45], ["tilt", LEAD_FRAMES + 81]] as const) {
    const png = await page.evaluate(([kind, frame]) => {
      const scene = (globalThis as unknown as ScenePage).__sightlineScene;
      const canvas = document.createElement("canvas");
      [canvas.width, canvas.height] = [1280, 720];
      scene.renderer.draw(canvas.getContext("2d", { alpha: false })!, scene.world!, kind, frame);
      return canvas.toDataURL("image/png");
    }, [kind, frame] as const);
    writeFileSync(test.info().outputPath(`scene-${kind}-${frame}.png`), Buffer.from(png.split(",")[1], "base64"));
  }
  const ms = await page.evaluate(() => {
    const scene = (globalThis as unknown as ScenePage).__sightlineScene;
    return Object.fromEntries(scene.motion.KINDS.map((k) => [k, +scene.benchmark(6, k).toFixed(1)]));
  });
  console.log(
    `SCENE render_ms ${JSON.stringify(ms)} setup_ms ${
      JSON.stringify(await page.evaluate(() => (globalThis as unknown as ScenePage).__sightlineScene.setupMs))
    }`,
  );
  await page.context().close();
});
