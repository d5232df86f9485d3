import { expect, type Page, test } from "@playwright/test";
import { createLinkAs, customerJoins, inboundStat, look, startLiveSession, waitAbove } from "./support.ts";

/**
 * An Android phone's cameras and loudspeaker as its browser lists them, over Chromium's one fake camera:
 * every `getUserMedia` request is kept in `__gum`, a camera asked for by id gets the fake camera, and
 * every `setSinkId` call is kept in `__sinks`.
 */
const androidDevices = () => {
  const w = globalThis as unknown as { __gum: unknown[]; __sinks: string[] };
  w.__gum = [];
  w.__sinks = [];
  const media = navigator.mediaDevices;
  const getUserMedia = media.getUserMedia.bind(media);
  const enumerate = media.enumerateDevices.bind(media);
  media.getUserMedia = (constraints?: MediaStreamConstraints) => {
    w.__gum.push(JSON.parse(JSON.stringify(constraints ?? {})));
    const video = constraints?.video;
    if (video && typeof video === "object" && "deviceId" in video) {
      const { deviceId: _, ...rest } = video;
      constraints = { ...constraints, video: rest };
    }
    return getUserMedia(constraints);
  };
  const device = (deviceId: string, kind: string, label: string) => ({ deviceId, kind, label, groupId: "" });
  media.enumerateDevices = async () =>
    [
      ...(await enumerate()),
      device("ultra-wide", "videoinput", "camera2 2, facing back"),
      device("main-camera", "videoinput", "camera2 0, facing back"),
      device("front-camera", "videoinput", "camera2 1, facing front"),
      device("earpiece", "audiooutput", "Earpiece"),
      device("speaker", "audiooutput", "Speakerphone"),
    ] as MediaDeviceInfo[];
  HTMLMediaElement.prototype.setSinkId = function (id: string) {
    w.__sinks.push(id);
    return Promise.resolve();
  };
};

type Asked = { video?: { deviceId?: { exact: string }; facingMode?: { ideal: string } }; audio?: unknown };
const asked = (phone: Page) =>
  phone.evaluate(() => (globalThis as unknown as { __gum: unknown[] }).__gum) as Promise<Asked[]>;
const sinks = (phone: Page) => phone.evaluate(() => (globalThis as unknown as { __sinks: string[] }).__sinks);

test("phone: the main rear camera, the voice on the loudspeaker, a rotation survived, a switch remembered", async ({ browser }) => {
  const { desk, phone, close } = await startLiveSession(browser, "Field phone", androidDevices);
  const requests = await asked(phone);
  expect(requests[0].video?.facingMode).toEqual({ ideal: "environment" });
  expect(requests.map((r) => r.video?.deviceId?.exact), "the main camera, not the ultra-wide").toContain("main-camera");
  expect(requests.at(-1)?.audio, "the microphone is kept, not asked again").toBe(false);
  await expect.poll(() => sinks(phone), { timeout: 20_000 }).toContain("speaker");

  // Turned sideways and back: still live, still sending, nothing off the screen.
  await phone.setViewportSize({ width: 915, height: 412 });
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await look(phone, "customer-live-landscape");
  const frames = await inboundStat(desk, "video", "framesDecoded");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), frames + 30);
  const picture = await phone.getByLabel("Your camera as your technician sees it").boundingBox();
  expect(picture!.width).toBeGreaterThan(300);
  const canvas = await phone.getByRole("img", { name: "Your technician's drawing" }).boundingBox();
  expect([Math.round(canvas!.width), Math.round(canvas!.height)]).toEqual([
    Math.round(picture!.width),
    Math.round(picture!.height),
  ]);
  await phone.setViewportSize({ width: 412, height: 915 });
  await expect(phone.getByRole("button", { name: "End" })).toBeVisible();

  await phone.getByRole("button", { name: "Switch camera" }).click();
  await expect.poll(async () => (await asked(phone)).at(-1)?.video?.facingMode).toEqual({ ideal: "user" });
  await desk.getByRole("button", { name: "End session" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "End session" }).click();
  await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeVisible();

  // The next session on this phone starts with the camera switched to last.
  await desk.getByRole("button", { name: "Close" }).click();
  const { link } = await createLinkAs(desk, "Field phone again");
  await customerJoins(phone, link);
  expect((await asked(phone))[0].video?.facingMode).toEqual({ ideal: "user" });
  await close();
});
