/**
 * Shared parts of the browser benchmarks (run by Playwright under Node from tests/bench/run.ts):
 * where results go, LiveKit tokens for the bare baselines, and the bare page — livekit-client's own
 * bundle and a <video>, nothing of Sightline — served from 127.0.0.1 (a secure context, so camera and
 * WebRTC work as on the real pages).
 */
import { type BrowserContext, expect, type Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AccessToken } from "livekit-server-sdk";
import { installTimestampCodec } from "./page_scripts.ts";

export const livekitUrl = process.env.LIVEKIT_URL!;

/** Writes one benchmark's figures as `<name>.json` into the run's results folder. */
export function writeResult(name: string, result: unknown) {
  writeFileSync(join(process.env.BENCH_OUT!, `${name}.json`), JSON.stringify(result, null, 2));
}

export async function livekitToken(room: string, identity: string): Promise<string> {
  const at = new AccessToken(process.env.LIVEKIT_API_KEY!, process.env.LIVEKIT_API_SECRET!, { identity, ttl: "15m" });
  // The bare baselines' rooms are no session's: `roomCreate` lets their tokens open them, since LiveKit runs
  // with `auto_create: false` (the edge opens a session's room itself).
  at.addGrant({ room, roomJoin: true, roomCreate: true, canPublish: true, canSubscribe: true });
  return await at.toJwt();
}

const LIVEKIT_UMD = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve("livekit-client")), "livekit-client.umd.js"),
);
const BARE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body style="margin:0">
<video autoplay playsinline muted style="width:1280px;height:720px;background:#000"></video>
<script src="/livekit-client.umd.js"></script></body></html>`;

let bareOrigin: Promise<string> | null = null;

/**
 * A real HTTP server on 127.0.0.1 for the bare page: Chromium's local network access checks let a
 * loopback page reach LiveKit on loopback, but not a page Playwright's router fulfils.
 */
function serveBarePage(): Promise<string> {
  bareOrigin ??= new Promise((resolve) => {
    const server = createServer((req, res) => {
      const js = req.url === "/livekit-client.umd.js";
      res.writeHead(200, { "content-type": js ? "text/javascript" : "text/html" });
      res.end(js ? LIVEKIT_UMD : BARE_HTML);
    });
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    server.unref();
  });
  return bareOrigin;
}

const prepared = new WeakSet<BrowserContext>();

/** A desktop page with nothing but livekit-client, the timestamp codec and a 1280×720 <video> (the size the console shows the camera at, so adaptive stream picks the same layer). */
export async function barePage(context: BrowserContext): Promise<Page> {
  const origin = await serveBarePage();
  if (!prepared.has(context)) {
    prepared.add(context);
    await context.addInitScript(installTimestampCodec);
    await context.grantPermissions(["camera", "microphone"], { origin });
  }
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await expect.poll(() => page.evaluate(() => "LivekitClient" in globalThis)).toBe(true);
  return page;
}

// deno-lint-ignore no-explicit-any
type LK = any;

/**
 * Joins `room` on a bare page and publishes a camera track as the customer app does (simulcast), from
 * the fake camera or from the timestamp canvas.
 */
export function barePublish(page: Page, token: string, source: "camera" | "canvas") {
  return page.evaluate(async ([url, token, source]) => {
    const g = globalThis as LK;
    const LivekitClient = g.LivekitClient;
    const room = new LivekitClient.Room({ adaptiveStream: false, dynacast: true });
    await room.connect(url, token);
    const track = source === "canvas"
      ? g.__benchTimestampTrack()
      : (await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } } }))
        .getVideoTracks()[0];
    await room.localParticipant.publishTrack(track, { source: LivekitClient.Track.Source.Camera, simulcast: true });
    g.__benchRoom = room;
  }, [livekitUrl, token, source] as const);
}

/**
 * Joins `room` on a bare page as the console does (adaptive stream, dynacast) and resolves with the
 * milliseconds from the join call to the first decoded frame of the already published video; then
 * leaves, or with `stay` keeps decoding the timestamp code.
 */
export function bareSubscribe(page: Page, token: string, stay = false): Promise<number> {
  return page.evaluate(async ([url, token, stay]) => {
    const g = globalThis as LK;
    const LivekitClient = g.LivekitClient;
    const video = document.querySelector("video")!;
    const t0 = performance.now();
    const room = new LivekitClient.Room({ adaptiveStream: true, dynacast: true });
    const first = new Promise<number>((resolve, reject) => {
      setTimeout(() => reject(new Error("no video frame within 20 s")), 20_000);
      room.on(LivekitClient.RoomEvent.TrackSubscribed, (track: LK) => {
        if (track.kind !== "video") return;
        track.attach(video);
        video.requestVideoFrameCallback((now) => resolve(now - t0));
      });
    });
    await room.connect(url, token);
    const ms = await first;
    if (stay) g.__benchDecode(video);
    else await room.disconnect();
    return ms;
  }, [livekitUrl, token, stay] as const);
}

/** Collects glass-to-glass latencies decoded on `page` for `seconds`, after a short warm-up. */
export async function collectG2g(page: Page, seconds: number) {
  await page.waitForTimeout(3000);
  await page.evaluate(() => {
    const g = globalThis as LK;
    g.__benchG2g = [];
    g.__benchUnreadable = 0;
  });
  await page.waitForTimeout(seconds * 1000);
  return await page.evaluate(() => {
    const g = globalThis as LK;
    return { latencies: [...g.__benchG2g] as number[], unreadable: g.__benchUnreadable as number };
  });
}
