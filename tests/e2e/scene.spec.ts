/**
 * Issue 17 §4, the synthetic test camera (`tests/support/scene/`): an init script in place of the
 * camera, on a plain page of the edge (a secure context, no app). Frames arrive from `getUserMedia` at
 * camera speed with their frame number readable from the picture, and the picture is the world where the
 * known homography puts it. Prints `SCENE …` figures; leaves six frames of each motion kind (with the
 * true position of a mark drawn at frame 15) in the test's output folder.
 */
import { type Browser, expect, type Page, test } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { sceneCameraScript, type SceneOptions, type SceneState } from "../support/scene/camera.ts";
import { KINDS, LEAD_FRAMES, type MotionKind } from "../support/scene/motion.ts";
import { baseURL } from "./support.ts";

type ScenePage = { __sightlineScene: SceneState; __video: HTMLVideoElement };

/** A page of the edge (secure context) with the scene camera; the caller closes its context. */
async function scenePage(browser: Browser, options: SceneOptions) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } });
  await context.addInitScript(sceneCameraScript(options));
  const page = await context.newPage();
  await page.goto("/api/health");
  return page;
}

/** In the page: opens the camera as the customer app does and plays it in a <video>. */
async function openCamera(page: Page) {
  return await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: { echoCancellation: true, noiseSuppression: true },
    });
    const video = document.createElement("video");
    video.muted = true;
    video.srcObject = stream;
    document.body.append(video);
    await video.play();
    (globalThis as unknown as ScenePage).__video = video;
    const [track] = stream.getVideoTracks();
    const devices = await navigator.mediaDevices.enumerateDevices();
    await track.applyConstraints({ advanced: [{ zoom: 2 } as MediaTrackConstraintSet] });
    return {
      settings: track.getSettings(),
      caps: track.getCapabilities(),
      label: track.label,
      audio: stream.getAudioTracks().length,
      cameras: devices.filter((d) => d.kind === "videoinput").map((d) => [d.deviceId, d.label]),
    };
  });
}

/** In the page: for `ms`, the <video>'s presented frames per second and every 5th frame's decoded code. */
function watchFrames(ms: number) {
  const { __video: video, __sightlineScene: scene } = globalThis as unknown as ScenePage;
  return new Promise<{ fps: number; codes: (number | null)[]; small: (number | null)[]; sceneFps: number }>((done) => {
    const codes: (number | null)[] = [];
    const small: (number | null)[] = [];
    const half = new OffscreenCanvas(640, 360).getContext("2d", { willReadFrequently: true })!;
    let first: [number, number] | null = null;
    let n = 0;
    const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
      first ??= [now, meta.presentedFrames];
      if (n++ % 5 === 0) {
        codes.push(scene.code.decodeVideo(video));
        // The same frame at 640×360, as a simulcast layer or the console's smaller picture would be.
        half.drawImage(video, 0, 0, 640, 360);
        small.push(scene.code.decode(half.getImageData(0, 0, 640, 360).data, 640, 360));
      }
      if (now - first[0] < ms) return void video.requestVideoFrameCallback(onFrame);
      done({ fps: ((meta.presentedFrames - first[1]) * 1000) / (now - first[0]), codes, small, sceneFps: scene.fps });
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

test("scene camera: getUserMedia gives the scene at 1280×720 with the fake microphone; frames arrive at camera speed numbered in the picture", async ({ browser }) => {
  const page = await scenePage(browser, { kind: "pan" });
  const opened = await openCamera(page);
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

/**
 * In the page: waits for `count` video frames `gap` frames apart, and for each finds how far the picture
 * is from where H(frame) puts the world: the sub-pixel shift (±3 px) that best
 * correlates the frame's luminance with the world's seen through H(frame), at 20 points of a grid.
 */
function measureFidelity([count, gap]: [number, number]) {
  const { __video: video, __sightlineScene: scene } = globalThis as unknown as ScenePage;
  const { motion } = scene;
  const world = scene.world!;
  const [W, H] = [world.width, world.height];
  const wdata = world.getContext("2d")!.getImageData(0, 0, W, H).data;
  const lum = new Float32Array(W * H);
  for (let i = 0; i < lum.length; i++) {
    lum[i] = 0.299 * wdata[4 * i] + 0.587 * wdata[4 * i + 1] + 0.114 * wdata[4 * i + 2];
  }
  const sample = (x: number, y: number) => {
    const [x0, y0] = [Math.floor(x), Math.floor(y)];
    const [fx, fy] = [x - x0, y - y0];
    const at = (xx: number, yy: number) => lum[Math.min(H - 1, Math.max(0, yy)) * W + Math.min(W - 1, Math.max(0, xx))];
    return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
      (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
  };
  const ncc = (a: number[], b: number[]) => {
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    let [ab, aa, bb] = [0, 0, 0];
    for (let i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) ** 2;
      bb += (b[i] - mb) ** 2;
    }
    return ab / Math.sqrt(aa * bb + 1e-9);
  };
  /** The smaller over the larger eigenvalue of a patch's gradient structure tensor (0: an edge, 1: a corner). */
  const cornerness = (patch: number[], n: number) => {
    let [xx, yy, xy] = [0, 0, 0];
    for (let y = 1; y < n - 1; y++) {
      for (let x = 1; x < n - 1; x++) {
        const gx = patch[y * n + x + 1] - patch[y * n + x - 1];
        const gy = patch[(y + 1) * n + x] - patch[(y - 1) * n + x];
        [xx, yy, xy] = [xx + gx * gx, yy + gy * gy, xy + gx * gy];
      }
    }
    const root = Math.sqrt((xx - yy) ** 2 + 4 * xy * xy);
    return (xx + yy - root) / (xx + yy + root + 1e-9);
  };
  const grab = new OffscreenCanvas(1280, 720).getContext("2d", { willReadFrequently: true })!;
  const R = 12;
  const results: { frame: number; pose: unknown; errors: number[] }[] = [];
  return new Promise<typeof results>((done) => {
    let last = -Infinity;
    const onFrame = () => {
      grab.drawImage(video, 0, 0);
      const img = grab.getImageData(0, 0, 1280, 720).data;
      const frame = scene.code.decode(img, 1280, 720);
      if (frame !== null && frame >= last + gap) {
        last = frame;
        const back = motion.invert(motion.homography(scene.kind, frame));
        const errors: number[] = [];
        for (let i = 0; i < 5; i++) {
          for (let j = 0; j < 4; j++) {
            const [cx, cy] = [160 + i * 240, 120 + j * 160];
            const seen: number[] = [];
            for (let y = cy - R; y <= cy + R; y++) {
              for (let x = cx - R; x <= cx + R; x++) {
                const o = 4 * (y * 1280 + x);
                seen.push(0.299 * img[o] + 0.587 * img[o + 1] + 0.114 * img[o + 2]);
              }
            }
            const expected = (dx: number, dy: number) => {
              const out: number[] = [];
              for (let y = cy - R; y <= cy + R; y++) {
                for (let x = cx - R; x <= cx + R; x++) {
                  const [wx, wy] = motion.apply(back, [x + 0.5 - dx, y + 0.5 - dy]);
                  out.push(sample(wx - 0.5, wy - 0.5));
                }
              }
              return out;
            };
            let best = { score: -2, dx: 0, dy: 0 };
            for (const step of [0.5, 0.1]) {
              const [bx, by] = [best.dx, best.dy];
              const span = step === 0.5 ? 3 : 0.5;
              for (let dy = by - span; dy <= by + span + 1e-9; dy += step) {
                for (let dx = bx - span; dx <= bx + span + 1e-9; dx += step) {
                  const score = ncc(seen, expected(dx, dy));
                  if (score > best.score) best = { score, dx, dy };
                }
              }
            }
            // A flat patch or a single straight edge says nothing about position (along the edge any
            // shift fits): only patches with texture in both directions (Shi–Tomasi) that correlate count.
            if (best.score > 0.8 && cornerness(seen, 2 * R + 1) > 0.2) errors.push(Math.hypot(best.dx, best.dy));
          }
        }
        results.push({ frame, pose: motion.pose(scene.kind, frame), errors });
      }
      if (results.length < count) video.requestVideoFrameCallback(onFrame);
      else done(results);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

for (const [kind, start] of [["tilt", LEAD_FRAMES + 60], ["zoom", LEAD_FRAMES + 40]] as const) {
  test(`scene camera: ${kind} frames show the world where the homography puts it, within 1.5 px`, async ({ browser }) => {
    const page = await scenePage(browser, { kind, startFrame: start });
    await openCamera(page);
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

/**
 * In the page: six moments of `kind` (its lead, then 1/8, 1/4, 0.45, 5/8 and 3/4 into its motion) as a
 * 3×2 sheet, each with a cross where a mark drawn at the frame centre in frame 15 truly is, as a PNG.
 */
function sheet(kind: MotionKind) {
  const scene = (globalThis as unknown as ScenePage).__sightlineScene;
  const { motion, renderer } = scene;
  const full = document.createElement("canvas");
  [full.width, full.height] = [1280, 720];
  const ctx = full.getContext("2d", { alpha: false })!;
  const out = document.createElement("canvas");
  [out.width, out.height] = [1278, 480];
  const o = out.getContext("2d")!;
  const { start, frames } = motion.segmentAt(kind, motion.LEAD_FRAMES);
  [0, 0.125, 0.25, 0.45, 0.625, 0.75].map((at) => at ? Math.round(start + at * frames) : 15).forEach((f, i) => {
    renderer.draw(ctx, scene.world!, kind, f);
    const [x, y] = motion.truth(kind, 15, [640, 360], f);
    for (const [colour, width] of [["#000", 14], ["#f0f", 6]] as const) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.arc(x, y, 36, 0, 2 * Math.PI);
      ctx.moveTo(x - 60, y);
      ctx.lineTo(x + 60, y);
      ctx.moveTo(x, y - 60);
      ctx.lineTo(x, y + 60);
      ctx.stroke();
    }
    const p = motion.pose(kind, f);
    ctx.font = "bold 44px sans-serif";
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, 1280, 60);
    ctx.fillStyle = "#fff";
    const pose = `x${Math.round(p.cx)} y${Math.round(p.cy)} ×${p.scale.toFixed(2)} ${p.roll.toFixed(0)}° tilt ${
      p.tiltX.toFixed(0)
    }/${p.tiltY.toFixed(0)}`;
    ctx.fillText(`${f}: ${pose}${p.brightness < 1 ? ` light ${p.brightness.toFixed(2)}` : ""}`, 12, 46);
    o.drawImage(full, (i % 3) * 426, Math.floor(i / 3) * 240, 426, 240);
  });
  return out.toDataURL("image/png");
}

test("scene camera: six frames of every motion kind, with where a mark drawn at frame 15 truly is", async ({ browser }) => {
  const page = await scenePage(browser, { kind: "tour" });
  await openCamera(page);
  for (const kind of KINDS.filter((k) => k !== "tour")) {
    const png = await page.evaluate(sheet, kind);
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
