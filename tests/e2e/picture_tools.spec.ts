import { expect, type Page, test } from "@playwright/test";
import { PICTURE, pictureOverlay, picturePoint } from "./picture_probe.ts";
import { inboundStat, look, startLiveSession, waitAbove } from "./support.ts";

/** Where the normalised picture point (u, v) is, in client pixels. */
const pointOnPicture = (page: Page, stage: string, u: number, v: number) =>
  page.evaluate(picturePoint, [stage, u, v] as const);

/** Whether the drawing canvas is yellow around (u, v), and how much of it is drawn. */
const overlayAt = (page: Page, stage: string, u: number, v: number) =>
  page.evaluate(pictureOverlay, [stage, u, v] as const);

async function clickPicture(page: Page, u: number, v: number) {
  const { x, y } = await pointOnPicture(page, PICTURE.desk.stage, u, v);
  await page.mouse.click(x, y);
}

test("annotate: an arrow at a known point lands there on the customer's overlay (portrait and landscape); circle, freehand, Undo, Clear; a reloaded customer gets the drawing", async ({ browser }) => {
  // Many steps, a reload among them: on a loaded machine it needs more than the default two minutes.
  test.slow();
  const { desk, phone, close } = await startLiveSession(browser, "Annotate");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 10);
  const phoneOverlay = (u: number, v: number) => overlayAt(phone, PICTURE.phone.stage, u, v);

  // The drawing's coordinates, layouts and sync are what this test checks: marks pinned to the screen
  // (the fake camera's moving pie would carry anchored ones along; anchored.spec.ts tests those).
  await desk.getByRole("button", { name: "Pin to screen" }).click();
  await desk.getByRole("button", { name: "Arrow" }).click();
  await expect(desk.getByRole("button", { name: "Arrow" })).toHaveAttribute("aria-pressed", "true");
  await clickPicture(desk, 0.3, 0.4);
  await expect.poll(async () => (await phoneOverlay(0.3, 0.4)).yellow, { message: "arrow tip on the phone" })
    .toBe(true);
  expect((await phoneOverlay(0.8, 0.2)).drawn, "nothing else drawn").toBeGreaterThan(0);
  expect((await phoneOverlay(0.8, 0.2)).yellow, "no paint far from the arrow").toBe(false);
  expect((await overlayAt(desk, PICTURE.desk.stage, 0.3, 0.4)).yellow, "the technician sees it too").toBe(true);
  await look(phone, "tools-annotate-customer-portrait");
  await look(desk, "tools-annotate-console");

  // Landscape: the picture is laid out anew; the arrow stays on the same spot of the picture.
  await phone.setViewportSize({ width: 915, height: 412 });
  await expect.poll(async () => (await phoneOverlay(0.3, 0.4)).yellow, { message: "arrow tip in landscape" })
    .toBe(true);
  await look(phone, "tools-annotate-customer-landscape");
  // The rest in landscape, where the phone's viewfinder (cover) shows the picture's whole width, so that
  // shapes far apart are on the screen together; in portrait it keeps only the newest in view (below).
  const arrowOnly = await expect.poll(async () => (await phoneOverlay(0.3, 0.4)).yellow).toBe(true).then(() =>
    phoneOverlay(0.3, 0.4)
  );

  // A circle, then Undo takes it away again.
  await desk.getByRole("button", { name: "Circle" }).click();
  await clickPicture(desk, 0.7, 0.6);
  await expect.poll(async () => (await phoneOverlay(0.3, 0.4)).drawn).toBeGreaterThan(arrowOnly.drawn * 1.2);
  await desk.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await phoneOverlay(0.3, 0.4)).drawn).toBe(arrowOnly.drawn);

  // Freehand: a drag draws a stroke through the points it passes.
  await desk.getByRole("button", { name: "Draw", exact: true }).click();
  const from = await pointOnPicture(desk, PICTURE.desk.stage, 0.5, 0.8);
  const to = await pointOnPicture(desk, PICTURE.desk.stage, 0.9, 0.8);
  await desk.mouse.move(from.x, from.y);
  await desk.mouse.down();
  await desk.mouse.move(to.x, to.y, { steps: 12 });
  await desk.mouse.up();
  await expect.poll(async () => (await phoneOverlay(0.7, 0.8)).yellow, { message: "stroke on the phone" }).toBe(true);

  // The customer reloads: the rejoined page asks for the drawing and shows all of it.
  await phone.reload();
  await expect(phone.getByText("Camera is live")).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await phoneOverlay(0.3, 0.4)).yellow, { message: "arrow after reload" }).toBe(true);
  expect((await phoneOverlay(0.7, 0.8)).yellow, "stroke after reload").toBe(true);

  // Keyboard: with Arrow chosen, the drawing takes focus; arrow keys move its pointer, Enter places.
  await desk.getByRole("button", { name: "Arrow" }).click();
  const canvas = desk.getByRole("img", { name: /Drawing over the customer's picture/ });
  await expect(canvas).toHaveAccessibleName(/Arrow keys move the pointer/);
  await canvas.focus();
  for (let i = 0; i < 10; i++) await desk.keyboard.press("ArrowRight");
  await desk.keyboard.press("Enter");
  await expect.poll(async () => (await phoneOverlay(0.7, 0.5)).yellow, { message: "keyboard arrow" }).toBe(true);

  // Back in portrait, the crop follows the newest shape: the keyboard arrow at (0.7, 0.5) is in view.
  await phone.setViewportSize({ width: 412, height: 915 });
  await expect.poll(async () => (await phoneOverlay(0.7, 0.5)).yellow, { message: "newest arrow in portrait" })
    .toBe(true);
  const tip = await pointOnPicture(phone, PICTURE.phone.stage, 0.7, 0.5);
  expect(tip.x, "on the screen").toBeGreaterThan(0);
  expect(tip.x, "on the screen").toBeLessThan(412);

  await desk.getByRole("button", { name: "Clear all" }).click();
  await expect.poll(async () => (await phoneOverlay(0.3, 0.4)).drawn).toBe(0);
  await expect(desk.getByRole("button", { name: "Undo" })).toBeDisabled();
  await close();
});

/** The resolution the customer's camera track delivers. */
function cameraSize(phone: Page) {
  return phone.evaluate(() => {
    const track = ((document.querySelector(".live-stage video") as HTMLVideoElement).srcObject as MediaStream)
      .getVideoTracks()[0];
    const { width, height } = track.getSettings();
    return { width, height };
  });
}

/** A small fingerprint of an <img>: its natural size and a 16×9 grey thumbnail. */
function fingerprint(page: Page, selector: string) {
  return page.locator(selector).evaluate((img: HTMLImageElement) => {
    const canvas = document.createElement("canvas");
    canvas.width = 16;
    canvas.height = 9;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0, 16, 9);
    const data = ctx.getImageData(0, 0, 16, 9).data;
    const grey: number[] = [];
    for (let i = 0; i < data.length; i += 4) grey.push(Math.round((data[i] + data[i + 1] + data[i + 2]) / 3));
    return { width: img.naturalWidth, height: img.naturalHeight, grey };
  });
}

/** Records every value a <progress> shows on the page, after each change of the page. */
function recordProgress(page: Page) {
  return page.evaluate(() => {
    const seen: number[] = [];
    (globalThis as unknown as { __progress: number[] }).__progress = seen;
    // Every render of the page, not every frame: on a fast machine a whole transfer fits in one frame.
    const record = () => {
      const bar = document.querySelector("progress");
      if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const progressSeen = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __progress: number[] }).__progress);

test("freeze shows the same full-resolution still on both sides with the drawing on it; Unfreeze returns to live", async ({ browser }) => {
  const { desk, phone, close } = await startLiveSession(browser, "Still");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 10);
  const camera = await cameraSize(phone);

  await desk.getByRole("button", { name: "Freeze", exact: true }).click();
  const deskStill = desk.getByRole("img", { name: /Frozen picture from the customer's camera/ });
  const phoneStill = phone.getByRole("img", { name: "The picture your technician sees" });
  await expect(deskStill).toBeVisible();
  await expect(phoneStill).toBeVisible();
  await expect(phone.getByText("Your technician froze the picture to show you something.")).toBeVisible();
  await expect(desk.getByLabel("Customer camera")).toBeHidden();
  const [onDesk, onPhone] = [await fingerprint(desk, ".video-stage img"), await fingerprint(phone, ".live-stage img")];
  expect({ width: onDesk.width, height: onDesk.height }, "the camera's own resolution").toEqual(camera);
  expect(onDesk).toEqual(onPhone);

  // Annotations sit on the still, on both sides.
  await desk.getByRole("button", { name: "Arrow" }).click();
  await clickPicture(desk, 0.6, 0.3);
  await expect.poll(async () => (await overlayAt(phone, PICTURE.phone.stage, 0.6, 0.3)).yellow).toBe(true);
  await look(desk, "tools-freeze-console");
  await look(phone, "tools-freeze-customer");

  await desk.getByRole("button", { name: "Unfreeze" }).click();
  await expect(phoneStill).toBeHidden();
  await expect(desk.getByLabel("Customer camera")).toBeVisible();
  await expect(phone.getByLabel("Your camera as your technician sees it")).toBeVisible();
  await close();
});

/**
 * A camera whose picture is noise (1280×720, a moving bar so frames differ): a real photo's size,
 * where the fake camera's flat picture fits into one data packet and would show no progress.
 */
function noiseCamera() {
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const real = await original(constraints);
    if (!constraints?.video) return real;
    real.getVideoTracks().forEach((t) => t.stop());
    const canvas = document.createElement("canvas");
    canvas.width = 1280;
    canvas.height = 720;
    const ctx = canvas.getContext("2d")!;
    const noise = ctx.createImageData(1280, 720);
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = i % 4 === 3 ? 255 : Math.random() * 255;
    let x = 0;
    const draw = () => {
      ctx.putImageData(noise, 0, 0);
      ctx.fillStyle = "#0b5cad";
      ctx.fillRect(x = (x + 16) % 1280, 0, 40, 720);
    };
    draw();
    setInterval(draw, 100);
    return new MediaStream([...canvas.captureStream(10).getVideoTracks(), ...real.getAudioTracks()]);
  };
}

test("HD photo: the customer's app sends a full-resolution still from the camera, with progress on both sides; the technician can annotate it", async ({ browser }) => {
  const { desk, phone, close } = await startLiveSession(browser, "Photo", noiseCamera);
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 5);
  const camera = await cameraSize(phone);
  await recordProgress(desk);
  await recordProgress(phone);
  await desk.getByRole("button", { name: "HD photo" }).click();
  const photo = desk.getByRole("img", { name: /HD photo from the customer's camera/ });
  await expect(photo).toBeVisible({ timeout: 30_000 });
  await expect(photo).toHaveAccessibleName(`HD photo from the customer's camera (${camera.width}×${camera.height})`);
  const received = await fingerprint(desk, ".video-stage img");
  expect({ width: received.width, height: received.height }).toEqual(camera);
  expect(received).toEqual(await fingerprint(phone, ".live-stage img"));
  await expect(phone.getByText("Picture sent.")).toBeVisible();
  const [deskProgress, phoneProgress] = [await progressSeen(desk), await progressSeen(phone)];
  expect(deskProgress.some((p) => p > 0 && p < 100), `receiving progress ${deskProgress}`).toBe(true);
  expect(phoneProgress.some((p) => p > 0 && p < 100), `sending progress ${phoneProgress}`).toBe(true);
  await desk.getByRole("button", { name: "Circle" }).click();
  await clickPicture(desk, 0.5, 0.5);
  await expect.poll(async () => (await overlayAt(phone, PICTURE.phone.stage, 0.5, 0.5)).drawn).toBeGreaterThan(0);
  await look(desk, "tools-photo-console");
  await look(phone, "tools-photo-customer");
  await desk.getByRole("button", { name: "Unfreeze" }).click();
  await expect(photo).toBeHidden();
  await close();
});

test("zoom: offered when the customer's camera reports a zoom range; the customer sees the change and can undo it", async ({ browser }) => {
  // The fake camera has no zoom; this page gives its video track one (as phones' back cameras report).
  const { desk, phone, close } = await startLiveSession(browser, "Zoomer", () => {
    const zooms = new WeakMap<MediaStreamTrack, number>();
    const caps = MediaStreamTrack.prototype.getCapabilities;
    const settings = MediaStreamTrack.prototype.getSettings;
    const apply = MediaStreamTrack.prototype.applyConstraints;
    MediaStreamTrack.prototype.getCapabilities = function () {
      const c = caps.call(this);
      return this.kind === "video" ? { ...c, zoom: { min: 1, max: 4, step: 0.5 } } as MediaTrackCapabilities : c;
    };
    MediaStreamTrack.prototype.getSettings = function () {
      const s = settings.call(this);
      return this.kind === "video" ? { ...s, zoom: zooms.get(this) ?? 1 } as MediaTrackSettings : s;
    };
    MediaStreamTrack.prototype.applyConstraints = function (c?: MediaTrackConstraints) {
      const zoom = (c?.advanced?.[0] as { zoom?: number } | undefined)?.zoom;
      if (this.kind === "video" && zoom !== undefined) {
        zooms.set(this, zoom);
        return Promise.resolve();
      }
      return apply.call(this, c);
    };
  });
  const zoomOf = () =>
    phone.evaluate(() =>
      (((document.querySelector(".live-stage video") as HTMLVideoElement).srcObject as MediaStream)
        .getVideoTracks()[0].getSettings() as { zoom?: number }).zoom
    );
  const slider = desk.getByRole("slider", { name: "Zoom" });
  await expect(slider).toBeVisible();
  await slider.fill("3");
  await expect(phone.getByText("Your technician zoomed your camera.")).toBeVisible();
  await expect.poll(zoomOf).toBe(3);
  await look(phone, "tools-zoom-customer");
  await look(desk, "tools-zoom-console");
  await phone.getByRole("button", { name: "Undo" }).click();
  await expect.poll(zoomOf).toBe(1);
  await expect(phone.getByText("Your technician zoomed your camera.")).toBeHidden();
  await close();
});
