/**
 * Issue 7 §1, start to first frame: from the technician's Start click to the first frame of the
 * Customer camera the console presents (`requestVideoFrameCallback`), 20 sessions. Baseline: a bare
 * livekit-client page joining the same LiveKit and subscribing to an already published track.
 */
import { expect, test } from "@playwright/test";
import {
  baseURL,
  createLinkAs,
  createTechnician,
  customerJoins,
  phoneContext,
  signInConsole,
  technicianOn,
} from "../../e2e/support.ts";
import { endSession } from "../../../shared/api.ts";
import { type BenchGlobals, watchStartToFirstFrame } from "./page_scripts.ts";
import { barePage, barePublish, bareSubscribe, livekitToken, writeResult } from "./support.ts";
import { summary } from "../stats.ts";

const SESSIONS = 20;

test("start to first frame, and the bare LiveKit join baseline", async ({ browser }) => {
  const tech = await createTechnician();
  const customer = await phoneContext(browser);
  const technician = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: "en-US", baseURL });
  await technician.grantPermissions(["camera", "microphone"], { origin: baseURL });
  await technician.addInitScript(watchStartToFirstFrame);
  const desk = await technician.newPage();
  await signInConsole(desk, tech);

  const sightline: number[] = [];
  const startApi: number[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const name = `Bench ${String(i).padStart(2, "0")}`;
    const { link, session } = await createLinkAs(desk, name);
    const phone = await customer.newPage();
    await customerJoins(phone, link);
    const entry = desk.getByRole("option", { name: new RegExp(name) });
    await expect(entry).toContainText("Waiting");
    await entry.click();
    await desk.getByRole("button", { name: "Start", exact: true }).click();
    const firstFrame = () =>
      desk.evaluate(() => {
        const g = globalThis as unknown as BenchGlobals;
        return g.__benchFirstFrame === null ? null : g.__benchFirstFrame - g.__benchStartClick!;
      });
    await expect.poll(firstFrame, { timeout: 30_000 }).not.toBeNull();
    const ms = (await firstFrame())!;
    sightline.push(ms);
    // Where the time goes: the Start request (edge, KV commit, LiveKit grant) is part of it.
    const api = await desk.evaluate(() => {
      const start = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((e) => e.name.endsWith("/start")).at(-1);
      const click = (globalThis as unknown as BenchGlobals).__benchStartClick!;
      return start ? start.responseEnd - click : null;
    });
    if (api !== null) startApi.push(api);
    console.log(
      `  session ${i + 1}: Start → first frame ${ms.toFixed(0)} ms (Start answered after ${api?.toFixed(0)} ms)`,
    );
    await (await technicianOn(desk)).call(endSession, { params: { id: session.id } });
    await desk.getByRole("button", { name: "Close", exact: true }).click();
    await phone.close();
  }
  await customer.close();
  await technician.close();

  const bare = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const room = `bare-${crypto.randomUUID()}`;
  const publisher = await barePage(bare);
  await barePublish(publisher, await livekitToken(room, "publisher"), "camera");
  const subscriber = await barePage(bare);
  const bareJoin: number[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const ms = await bareSubscribe(subscriber, await livekitToken(room, `subscriber-${i}`));
    bareJoin.push(ms);
    console.log(`  bare join ${i + 1}: join → first frame ${ms.toFixed(0)} ms`);
  }
  await bare.close();

  writeResult("start", {
    startToFirstFrameMs: summary(sightline),
    bareJoinToFirstFrameMs: summary(bareJoin),
    clickToStartAnsweredMs: summary(startApi),
    samples: { startToFirstFrameMs: sightline, bareJoinToFirstFrameMs: bareJoin, clickToStartAnsweredMs: startApi },
  });
});
