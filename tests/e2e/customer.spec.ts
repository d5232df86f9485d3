import { chromium, devices, expect, type Page, test } from "@playwright/test";
import {
  apiTechnician,
  baseURL,
  customerJoins,
  inboundStat,
  look,
  patchSettings,
  phoneContext,
  publishedSources,
  startLiveSession,
  waitAbove,
} from "./support.ts";

const CAMERA_AND_MIC = [1, 2]; // LiveKit TrackSource.CAMERA, TrackSource.MICROPHONE

test("reload during waiting and during live brings the customer back into the session", async ({ browser }) => {
  const tech = await apiTechnician();
  const { session, link } = await tech.createLink("Reloader");
  const customer = await phoneContext(browser);
  const phone = await customer.newPage();
  await customerJoins(phone, link);
  await tech.waitForStatus(session.id, "waiting");

  await phone.reload();
  await expect(phone.getByRole("heading", { name: "Waiting for your technician" })).toBeVisible();
  await tech.waitForStatus(session.id, "waiting"); // the old connection's "left" did not undo presence
  expect(await publishedSources(session.id)).toEqual([]);

  expect((await tech.start(session.id)).status()).toBe(200);
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await expect.poll(() => publishedSources(session.id)).toEqual(CAMERA_AND_MIC);

  await phone.reload();
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await expect.poll(() => publishedSources(session.id)).toEqual(CAMERA_AND_MIC);
  await tech.waitForStatus(session.id, "active");

  await tech.end(session.id);
  await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeVisible();
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeVisible();
  await customer.close();
  await tech.dispose();
});

test("live controls: Switch camera keeps publishing; Flashlight is hidden without torch; Mute", async ({ browser }) => {
  const tech = await apiTechnician();
  const { session, link } = await tech.createLink("Controls");
  const customer = await phoneContext(browser);
  const phone = await customer.newPage();
  await customerJoins(phone, link);
  await tech.waitForStatus(session.id, "waiting");
  await tech.start(session.id);
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await expect(phone.getByRole("button", { name: "Flashlight" })).toHaveCount(0);
  await look(phone, "customer-live-controls");

  await phone.getByRole("button", { name: "Switch camera" }).click();
  await expect.poll(() =>
    phone.evaluate(() => {
      const v = document.querySelector("video") as HTMLVideoElement;
      return (v.srcObject as MediaStream).getVideoTracks()[0]?.readyState;
    })
  ).toBe("live");
  await expect.poll(() => publishedSources(session.id)).toEqual(CAMERA_AND_MIC);

  const mute = phone.getByRole("button", { name: "Mute" });
  await mute.click();
  await expect(mute).toHaveAttribute("aria-pressed", "true");
  await tech.end(session.id);
  await customer.close();
  await tech.dispose();
});

/**
 * The customer's camera video on the screen: the share of the viewport its element's box covers, the
 * share the picture painted in it covers (its computed object-fit and object-position), and the box.
 */
const viewfinder = (phone: Page) =>
  phone.getByLabel("Your camera as your technician sees it").evaluate((v: HTMLVideoElement) => {
    const onScreen = (l: number, t: number, r: number, b: number) =>
      Math.max(0, Math.min(r, innerWidth) - Math.max(l, 0)) * Math.max(0, Math.min(b, innerHeight) - Math.max(t, 0));
    const box = v.getBoundingClientRect();
    const style = getComputedStyle(v);
    const fit = style.objectFit === "cover" ? Math.max : Math.min;
    const scale = fit(box.width / v.videoWidth, box.height / v.videoHeight);
    const [w, h] = [v.videoWidth * scale, v.videoHeight * scale];
    const at = (pos: string, free: number) => pos.endsWith("%") ? free * parseFloat(pos) / 100 : parseFloat(pos);
    const [px, py] = style.objectPosition.split(" ");
    const [x, y] = [box.left + at(px, box.width - w), box.top + at(py, box.height - h)];
    const screen = innerWidth * innerHeight;
    return {
      element: onScreen(box.left, box.top, box.right, box.bottom) / screen,
      picture:
        onScreen(Math.max(x, box.left), Math.max(y, box.top), Math.min(x + w, box.right), Math.min(y + h, box.bottom)) /
        screen,
      box: [box.x, box.y, box.width, box.height],
    };
  });

test("viewfinder: the camera covers ≥ 85 % of the screen in portrait and landscape; a toast, the chat sheet and the End question never move it", async ({ browser }) => {
  const { desk, phone, close } = await startLiveSession(browser, "Viewfinder");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 10);
  await desk.getByRole("button", { name: "Chat" }).click();
  await desk.getByLabel("Message").fill("Please point at the label");
  await desk.getByRole("button", { name: "Send" }).click();
  const chat = phone.getByRole("button", { name: /Chat/ });
  await expect(chat).toContainText("1");

  for (const size of [{ width: 390, height: 844 }, { width: 844, height: 390 }]) {
    const at = `${size.width}×${size.height}`;
    await phone.setViewportSize(size);
    await expect.poll(async () => (await viewfinder(phone)).box[2], { message: `laid out at ${at}` }).toBe(size.width);
    const before = await viewfinder(phone);
    expect(before.element, `the video's box covers the screen at ${at}`).toBeGreaterThanOrEqual(0.85);
    expect(before.picture, `the picture fills the screen at ${at}`).toBeGreaterThanOrEqual(0.85);
    const unmoved = async (what: string) =>
      expect((await viewfinder(phone)).box, `${what} leaves the picture where it was (${at})`).toEqual(before.box);

    // A notice: the technician switches the customer's camera.
    await desk.getByRole("button", { name: "Switch customer camera" }).click();
    const notice = phone.getByText("Your technician switched your camera.");
    await expect(notice).toBeVisible();
    await unmoved("the camera-switched toast");
    await look(phone, `viewfinder-toast-${size.width}x${size.height}`);
    await phone.getByRole("button", { name: "OK, keep it" }).click();
    await expect(notice).toBeHidden();

    // The chat opens as a sheet over the picture; the page does not scroll.
    await chat.click();
    await expect(phone.getByRole("log")).toContainText("Please point at the label");
    await expect(phone.getByLabel("Message")).toBeVisible();
    expect(await phone.evaluate(() => [scrollX, scrollY, document.scrollingElement!.scrollTop]), "no scrolling")
      .toEqual([0, 0, 0]);
    await unmoved("the chat sheet");
    await look(phone, `viewfinder-chat-${size.width}x${size.height}`);
    await chat.click();
    await expect(phone.getByLabel("Message")).toBeHidden();

    // End asks first, over the picture.
    await phone.getByRole("button", { name: "End", exact: true }).click();
    await expect(phone.getByRole("group", { name: "End the session?" })).toBeVisible();
    await unmoved("the End question");
    await phone.getByRole("button", { name: "Cancel" }).click();
    await expect(phone.getByRole("group", { name: "End the session?" })).toBeHidden();
  }

  // Mute is a toggle whose name says what a tap does next.
  const mute = phone.getByRole("button", { name: "Mute", exact: true });
  await expect(mute).toHaveAttribute("aria-pressed", "false");
  await mute.click();
  const unmute = phone.getByRole("button", { name: "Unmute", exact: true });
  await expect(unmute).toHaveAttribute("aria-pressed", "true");
  await expect(mute).toHaveCount(0);
  await unmute.click();
  await expect(mute).toHaveAttribute("aria-pressed", "false");
  await close();
});

test("typed PIN: wrong and used PINs are explained; the right one leads to the tutorial", async ({ browser }) => {
  const tech = await apiTechnician();
  const { pin, link } = await tech.createLink("Typist");
  const customer = await phoneContext(browser);
  const phone = await customer.newPage();
  await phone.goto("/");
  await phone.getByLabel("PIN").fill("12");
  await phone.getByRole("button", { name: "Connect" }).click();
  await expect(phone.getByRole("alert")).toHaveText("The PIN has six digits.");
  await phone.getByLabel("PIN").fill(`${pin.slice(0, 3)} ${pin.slice(3)}`);
  await phone.getByRole("button", { name: "Connect" }).click();
  await expect(phone.getByRole("heading", { name: "How it works" })).toBeVisible();

  // Someone else claims it by link; the typed PIN is now used up.
  const other = await customer.newPage();
  await customerJoins(other, link);
  const late = await customer.newPage();
  await late.goto("/");
  await late.getByLabel("PIN").fill(pin);
  await late.getByRole("button", { name: "Connect" }).click();
  await expect(late.getByRole("alert")).toContainText("unknown, expired or already used");
  await customer.close();
  await tech.dispose();
});

test("Decline ends the session politely and the technician sees it ended", async ({ browser }) => {
  const tech = await apiTechnician();
  const { session, link } = await tech.createLink("Decliner");
  const customer = await phoneContext(browser);
  const phone = await customer.newPage();
  await phone.goto(link);
  await phone.getByRole("button", { name: "Skip" }).click();
  await phone.getByRole("button", { name: "Allow camera and microphone" }).click();
  await phone.getByRole("button", { name: "Decline" }).click();
  await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeVisible();
  await expect(phone.getByText("You declined the license agreement. Nothing was transmitted.")).toBeVisible();
  await look(phone, "customer-declined");
  await tech.waitForStatus(session.id, "ended");
  await customer.close();
  await tech.dispose();
});

test("in-app browsers get the explanation and the store link of their platform", async ({ browser }) => {
  await patchSettings({
    storeUrls: { android: "https://play.example/store/sightline", ios: "https://apps.example/app/sightline" },
  });
  const tech = await apiTechnician();
  const cases = [
    {
      ua:
        "Mozilla/5.0 (Linux; Android 14; Pixel 7; wv) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 WhatsApp/2.24",
      store: "Get the app on Google Play",
      href: "https://play.example/store/sightline",
    },
    {
      ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram 300.0",
      store: "Get the app on the App Store",
      href: "https://apps.example/app/sightline",
    },
  ];
  for (const c of cases) {
    const { link } = await tech.createLink("In-app");
    const ctx = await browser.newContext({ ...devices["Pixel 7"], userAgent: c.ua, baseURL });
    const page = await ctx.newPage();
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This browser cannot show your camera" })).toBeVisible();
    await expect(page.getByText("You opened the link inside another app.")).toBeVisible();
    await expect(page.getByRole("link", { name: c.store })).toHaveAttribute("href", c.href);
    await look(page, `customer-unsupported-${c.href.includes("play") ? "android" : "ios"}`);
    await ctx.close();
  }
  await patchSettings({ storeUrls: { android: null, ios: null } });
  await tech.dispose();
});

test("a denied camera permission gets this browser's steps and Reload, and Try again works once allowed", async () => {
  // A browser that does not auto-accept media prompts: without a grant, getUserMedia is refused.
  const launch = test.info().project.use.launchOptions!;
  const strict = await chromium.launch({
    ...launch,
    args: launch.args!.filter((a) => a !== "--use-fake-ui-for-media-stream"),
  });
  const tech = await apiTechnician();
  const { link } = await tech.createLink("Denier");
  const ctx = await strict.newContext({ ...devices["Pixel 7"], baseURL });
  const phone = await ctx.newPage();
  await phone.goto(link);
  await phone.getByRole("button", { name: "Skip" }).click();
  await phone.getByRole("button", { name: "Allow camera and microphone" }).click();
  await expect(phone.getByRole("alert")).toContainText("Camera or microphone access was blocked.");
  const help = phone.getByRole("region", { name: "How to allow the camera again" });
  await expect(help).toContainText("In Chrome: tap the icon left of the address");
  await expect(help).toContainText("Reload the page after changing it.");
  await expect(phone.getByRole("button", { name: "Reload" })).toBeVisible();
  // Chromium reports the camera as blocked, so asking again could not work: Reload only, until it is allowed.
  await expect(phone.getByRole("button", { name: "Try again" })).toHaveCount(0);
  await look(phone, "customer-permission-denied");
  await ctx.grantPermissions(["camera", "microphone"], { origin: baseURL });
  await phone.getByRole("button", { name: "Try again" }).click();
  await expect(phone.getByRole("heading", { name: "End user license agreement" })).toBeVisible();
  await strict.close();
  await tech.dispose();
});
