import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { PICTURE, picturePoint } from "./picture_probe.ts";
import { baseURL, inboundStat, look, startLiveSession, waitAbove } from "./support.ts";

test("tools: chat both ways in order with unread badge and links; Hold stops the video, Resume restarts it", async ({ browser }) => {
  const { desk, phone, sessionId, close } = await startLiveSession(browser, "Chatty");
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 10);

  // Chat: technician → customer (the customer's panel is closed: unread badge), then back.
  await desk.getByRole("button", { name: "Chat" }).click();
  for (const text of ["Hello, can you see the red light?", "Manual: https://example.com/manual"]) {
    await desk.getByLabel("Message").fill(text);
    await desk.getByRole("button", { name: "Send" }).click();
  }
  await expect(phone.getByRole("button", { name: /Chat/ })).toContainText("2");
  await phone.getByRole("button", { name: /Chat/ }).click();
  const phoneLog = phone.getByRole("log");
  await expect(phoneLog.getByRole("listitem")).toHaveCount(2);
  await expect(phoneLog.getByRole("listitem").nth(0)).toContainText("Hello, can you see the red light?");
  await expect(phoneLog.getByRole("link", { name: "https://example.com/manual" })).toHaveAttribute(
    "href",
    "https://example.com/manual",
  );
  for (const text of ["Yes, it blinks", "Twice per second"]) {
    await phone.getByLabel("Message").fill(text);
    await phone.getByRole("button", { name: "Send" }).click();
  }
  const deskItems = desk.getByRole("log").getByRole("listitem");
  await expect(deskItems).toHaveCount(4);
  await expect(deskItems.nth(2)).toContainText("Yes, it blinks");
  await expect(deskItems.nth(3)).toContainText("Twice per second");
  await look(phone, "tools-chat-customer");
  await look(desk, "tools-chat-console");

  // Hold: the customer's camera goes off and no new frames arrive; Resume brings them back. The customer
  // has muted too, so nothing at all arrives from them, and that is not an interrupted connection.
  await phone.getByRole("button", { name: "Mute", exact: true }).click();
  await expect(desk.getByText("The customer's microphone is muted.")).toBeVisible();
  // A mark on the picture, to see it go with the picture.
  await desk.getByRole("button", { name: "Draw", exact: true }).click();
  const { x, y } = await desk.evaluate(picturePoint, [PICTURE.desk.stage, 0.5, 0.5] as const);
  await desk.mouse.click(x, y);
  await desk.getByRole("button", { name: "Draw", exact: true }).click();
  const marks = desk.locator(`${PICTURE.desk.stage} canvas.annotations`);
  await expect(marks).toHaveCount(1);
  await desk.getByRole("button", { name: "Hold" }).click();
  await expect(phone.getByRole("heading", { name: "On hold" })).toBeVisible();
  await expect(phone.getByText("Camera is live")).toBeHidden();
  await expect(desk.getByText("On hold: the customer's camera is off.")).toBeVisible();
  await expect(marks, "no marks over the black picture while on hold").toHaveCount(0);
  await expect.poll(() =>
    phone.evaluate(() => {
      const video = document.querySelector("video");
      return video ? (video.srcObject as MediaStream).getVideoTracks()[0]?.readyState : "no preview";
    })
  ).toBe("no preview");
  await desk.waitForTimeout(1000);
  const held = await inboundStat(desk, "video", "framesDecoded");
  await desk.waitForTimeout(2000);
  expect(await inboundStat(desk, "video", "framesDecoded") - held, "frames during hold").toBeLessThan(5);
  await desk.waitForTimeout(2000);
  await expect(desk.getByText("On hold: the customer's camera is off.")).toBeVisible();
  await expect(desk.getByText("The customer's connection is interrupted", { exact: false })).toBeHidden();
  await look(phone, "tools-hold-customer");
  await look(desk, "tools-hold-console");
  // A reloaded customer page rejoins and is put on hold again (the console answers its sync).
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "On hold" })).toBeVisible({ timeout: 20_000 });

  await desk.getByRole("button", { name: "Resume" }).click();
  await expect(phone.getByRole("heading", { name: "On hold" })).toBeHidden();
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await expect(marks, "the marks are back with the picture").toHaveCount(1);
  // The reload made a new track, whose frames the console counts from zero: new frames, not `held`.
  const resumed = await inboundStat(desk, "video", "framesDecoded");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), resumed + 30);

  // The transcript is kept with the session: both directions, in order, shown once it has ended.
  const expected = [
    "technician: Hello, can you see the red light?",
    "technician: Manual: https://example.com/manual",
    "customer: Yes, it blinks",
    "customer: Twice per second",
  ];
  await expect.poll(async () => {
    const res = await desk.request.get(`${baseURL}/api/sessions/${sessionId}/transcript`);
    return ((await res.json()).lines as { from: string; text: string }[]).map((l) => `${l.from}: ${l.text}`);
  }).toEqual(expected);
  await desk.getByRole("button", { name: "End session" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "End session" }).click();
  await desk.getByRole("tab", { name: "Sessions" }).click();
  await desk.getByRole("option", { name: /Chatty/ }).click();
  const transcript = desk.getByRole("region", { name: "Chat transcript" });
  await expect(transcript.getByRole("listitem")).toHaveCount(4);
  await expect(transcript.getByRole("listitem").nth(2)).toContainText("Yes, it blinks");
  await look(desk, "tools-chat-transcript");
  await close();
});

test("tools: Screenshot keeps a PNG at the received resolution in the gallery; Connection details match getStats()", async ({ browser }) => {
  const { desk, sessionId, close } = await startLiveSession(browser, "Snapshot");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 30);

  const video = desk.getByLabel("Customer camera");
  await desk.getByRole("button", { name: "Screenshot" }).click();
  // It goes to the gallery (this browser only); Save there downloads it.
  const downloading = desk.waitForEvent("download");
  await desk.getByRole("link", { name: "Save Screenshot 1" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("sightline-Snapshot-screenshot-1.png");
  const png = await readFile((await download.path())!);
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const shown = await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]);
  expect([width, height]).toEqual(shown);
  await expect.poll(async () => {
    const res = await fetch(`${baseURL}/api/admin/audit?sessionId=${sessionId}&action=session.screenshot`, {
      headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN}` },
    });
    return (await res.json()).entries.length;
  }).toBe(1);

  await desk.getByRole("button", { name: "Connection details" }).click();
  const resolution = desk.getByTestId("details-resolution");
  await expect(resolution).toHaveText(/^\d+×\d+$/);
  const receiverStats = () =>
    desk.evaluate(async () => {
      const found: { w: number; h: number; fps: number }[] = [];
      for (const pc of (globalThis as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
        (await pc.getStats()).forEach((r) => {
          if (r.type === "inbound-rtp" && r.kind === "video" && r.frameWidth) {
            found.push({ w: r.frameWidth, h: r.frameHeight, fps: r.framesPerSecond ?? 0 });
          }
        });
      }
      return found[0] ?? null;
    });
  // The overlay refreshes once a second, so compare it with getStats() read right after it; on a busy
  // machine the frame rate moves between two reads, so a few tries are allowed.
  await expect.poll(async () => {
    const shown = [await resolution.textContent(), Number(await desk.getByTestId("details-fps").textContent())];
    const stats = await receiverStats();
    return stats !== null && shown[0] === `${stats.w}×${stats.h}` && Math.abs(Number(shown[1]) - stats.fps) <= 5;
  }, { message: "overlay resolution and frame rate match getStats()" }).toBe(true);
  await expect(desk.getByTestId("details-bitrate")).toHaveText(/^[1-9]\d* kbit\/s$/);
  await expect(desk.getByTestId("details-rtt")).toHaveText(/^\d+ ms$/);
  await look(desk, "tools-connection-details");
  await close();
});

test("tools: Switch customer camera changes the customer's camera, who sees it and can undo; no torch, no zoom", async ({ browser }) => {
  const { desk, phone, close } = await startLiveSession(browser, "Remote");
  const cameraTrack = () =>
    phone.evaluate(() =>
      ((document.querySelector("video") as HTMLVideoElement).srcObject as MediaStream)
        .getVideoTracks()[0].id
    );
  const before = await cameraTrack();

  await desk.getByRole("button", { name: "Switch customer camera" }).click();
  await expect(phone.getByText("Your technician switched your camera.")).toBeVisible();
  await expect.poll(cameraTrack).not.toBe(before);
  const frames = await inboundStat(desk, "video", "framesDecoded");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), frames + 30);
  await look(phone, "tools-remote-switch-customer");
  await look(desk, "tools-remote-switch-console");

  const switched = await cameraTrack();
  await phone.getByRole("button", { name: "Undo" }).click();
  await expect(phone.getByText("Your technician switched your camera.")).toBeHidden();
  await expect.poll(cameraTrack).not.toBe(switched);

  // The fake camera reports neither torch nor zoom: the console offers neither.
  await expect(desk.getByRole("button", { name: "Customer flashlight" })).toHaveCount(0);
  await expect(desk.getByRole("button", { name: "Zoom", exact: true })).toHaveCount(0);
  await close();
});
