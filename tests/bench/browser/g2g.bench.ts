/**
 * Issue 7 §2, glass to glass: the customer's camera is a canvas whose frames carry their capture time
 * (page_scripts.ts); the console decodes it in `requestVideoFrameCallback`. 60 s through Sightline,
 * then the same canvas through a direct RTCPeerConnection pair in one page (the floor) and through
 * LiveKit between two bare pages.
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
import { type BenchGlobals, installTimestampCodec, replaceCameraWithTimestampCanvas } from "./page_scripts.ts";
import { barePage, barePublish, bareSubscribe, collectG2g, livekitToken, writeResult } from "./support.ts";
import { summary } from "../stats.ts";

const SIGHTLINE_SECONDS = Number(process.env.BENCH_G2G_SECONDS ?? 60);
const BASELINE_SECONDS = 20;

test("glass to glass: Sightline, the RTCPeerConnection floor, bare LiveKit", async ({ browser }) => {
  // Sightline: the real flow, with the timestamp canvas as the customer's camera.
  const tech = await createTechnician();
  const customer = await phoneContext(browser);
  await customer.addInitScript(installTimestampCodec);
  await customer.addInitScript(replaceCameraWithTimestampCanvas);
  const technician = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: "en-US", baseURL });
  await technician.grantPermissions(["camera", "microphone"], { origin: baseURL });
  await technician.addInitScript(installTimestampCodec);
  const desk = await technician.newPage();
  const phone = await customer.newPage();
  await signInConsole(desk, tech);
  const { link, session } = await createLinkAs(desk, "Glass");
  await customerJoins(phone, link);
  const entry = desk.getByRole("option", { name: /Glass/ });
  await expect(entry).toContainText("Waiting");
  await entry.click();
  await desk.getByRole("button", { name: "Start", exact: true }).click();
  const video = desk.getByLabel("Customer camera");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await video.evaluate((v: HTMLVideoElement) => (globalThis as unknown as BenchGlobals).__benchDecode(v));
  const sightline = await collectG2g(desk, SIGHTLINE_SECONDS);
  const received = await video.evaluate((v: HTMLVideoElement) => `${v.videoWidth}×${v.videoHeight}`);
  console.log(
    `  Sightline: ${sightline.latencies.length} frames read, ${sightline.unreadable} unreadable, ${received}`,
  );
  await (await technicianOn(desk)).call(endSession, { params: { id: session.id } });
  await customer.close();
  await technician.close();

  // The floor: the same canvas through two RTCPeerConnections in one page, no server.
  const bare = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const p2p = await barePage(bare);
  await p2p.evaluate(async () => {
    const g = globalThis as unknown as BenchGlobals;
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
    const video = document.querySelector("video")!;
    b.ontrack = (e) => {
      video.srcObject = new MediaStream([e.track]);
      g.__benchDecode(video);
    };
    a.addTrack(g.__benchTimestampTrack());
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
    Object.assign(globalThis, { __benchPcs: [a, b] });
  });
  const floor = await collectG2g(p2p, BASELINE_SECONDS);
  console.log(`  RTCPeerConnection floor: ${floor.latencies.length} frames read, ${floor.unreadable} unreadable`);
  await p2p.close();

  // Bare LiveKit: the same canvas published and subscribed by livekit-client alone.
  const room = `bare-g2g-${crypto.randomUUID()}`;
  const publisher = await barePage(bare);
  await barePublish(publisher, await livekitToken(room, "publisher"), "canvas");
  const subscriber = await barePage(bare);
  await bareSubscribe(subscriber, await livekitToken(room, "subscriber"), true);
  const bareLiveKit = await collectG2g(subscriber, BASELINE_SECONDS);
  console.log(`  bare LiveKit: ${bareLiveKit.latencies.length} frames read, ${bareLiveKit.unreadable} unreadable`);
  await bare.close();

  writeResult("g2g", {
    glassToGlassMs: summary(sightline.latencies, [50, 95, 99]),
    p2pFloorMs: summary(floor.latencies),
    bareLiveKitG2gMs: summary(bareLiveKit.latencies),
    frames: {
      sightline: { read: sightline.latencies.length, unreadable: sightline.unreadable, seconds: SIGHTLINE_SECONDS },
      p2pFloor: { read: floor.latencies.length, unreadable: floor.unreadable, seconds: BASELINE_SECONDS },
      bareLiveKit: {
        read: bareLiveKit.latencies.length,
        unreadable: bareLiveKit.unreadable,
        seconds: BASELINE_SECONDS,
      },
    },
  });
});
