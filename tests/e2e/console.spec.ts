import { type Browser, chromium, devices, expect, test } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SESSION_LIST_LIMIT } from "../../shared/constants.ts";
import {
  apiTechnician,
  baseURL,
  createLinkAs,
  createTechnician,
  customerJoins,
  look,
  phoneContext,
  signInConsole,
  startLiveSession,
} from "./support.ts";

/** A desktop technician context. */
async function desk(browser: Browser) {
  const ctx = await browser.newContext({
    viewport: { width: 1366, height: 800 },
    locale: "en-US",
    baseURL,
  });
  await ctx.grantPermissions(["camera", "microphone"], { origin: baseURL });
  return ctx;
}

const MAIL = {
  en: {
    locale: "en-US",
    newSession: "New session",
    dialog: "Create new session",
    emailClient: "Send email via this computer's default email client",
    emailLink: "Email link",
    openMail: "Open in email program",
    tutorial: "How it works",
  },
  de: {
    locale: "de-DE",
    newSession: "Neue Sitzung",
    dialog: "Neue Sitzung erstellen",
    emailClient: "E-Mail über Standard-E-Mail-Client dieses Computers versenden",
    emailLink: "Link mailen",
    openMail: "Im E-Mail-Programm öffnen",
    tutorial: "So funktioniert es",
  },
} as const;

for (const lang of ["en", "de"] as const) {
  const l = MAIL[lang];
  test(`console: email via the default mail client links the mailto with link and PIN (${lang})`, async ({ browser }) => {
    const tech = await createTechnician();
    const technician = await desk(browser);
    const page = await technician.newPage();
    // Signing in uses the English labels; the language switch then shows the console in German.
    await signInConsole(page, tech);
    if (lang === "de") await page.getByRole("combobox").selectOption("de");
    await page.getByRole("button", { name: l.newSession }).click();
    const dialog = page.getByRole("dialog", { name: l.dialog });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(`Mail ${lang}`);
    await expect(dialog.getByRole("radio", { name: l.emailClient })).toBeChecked();
    await dialog.getByRole("button", { name: l.emailLink }).click();

    const mailLink = dialog.getByRole("link", { name: l.openMail });
    const href = (await mailLink.getAttribute("href"))!;
    expect(href).toMatch(/^mailto:\?/);
    const params = new URL(href).searchParams;
    const subject = params.get("subject")!;
    const body = params.get("body")!;
    expect(subject.length).toBeGreaterThan(0);
    const pin = (await dialog.getByTestId("pin").textContent())!.replace(/\s/g, "");
    const link = await dialog.getByRole("textbox", { name: "Link" }).inputValue();
    expect(body).toContain(link);
    expect(body).toContain(`${pin.slice(0, 3)} ${pin.slice(3)}`);
    await look(page, `console-mail-link-${lang}`);

    // The link as the customer gets it from the mail body works on a phone.
    const fromMail = body.match(/https?:\/\/\S+\/j\/\d{6}#k=[\w-]+/)![0];
    expect(fromMail).toBe(link);
    const customer = await browser.newContext({ ...devices["Pixel 7"], locale: l.locale, baseURL });
    const phone = await customer.newPage();
    await phone.goto(fromMail);
    await expect(phone.getByRole("heading", { name: l.tutorial })).toBeVisible();
    await customer.close();
    await technician.close();
  });
}

test("console: Start on a second waiting session says one is active and shows it", async ({ browser }) => {
  const tech = await createTechnician();
  const technician = await desk(browser);
  const customers = [await phoneContext(browser), await phoneContext(browser)];
  const page = await technician.newPage();
  await signInConsole(page, tech);
  for (const [i, name] of ["First One", "Second Two"].entries()) {
    const { link } = await createLinkAs(page, name);
    await customerJoins(await customers[i].newPage(), link);
  }
  const first = page.getByRole("option", { name: /First One/ });
  const second = page.getByRole("option", { name: /Second Two/ });
  await expect(first).toContainText("Waiting");
  await expect(second).toContainText("Waiting");

  await first.click();
  await page.getByRole("button", { name: "Start", exact: true }).click();
  const activeTab = page.getByRole("tab", { name: /Active session/ });
  await expect(activeTab).toHaveAttribute("aria-selected", "true");
  await expect(activeTab).toContainText("First One");

  await page.getByRole("tab", { name: "Sessions" }).click();
  await second.click();
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(
    "You already have an active session. End it before starting another.",
  );
  await expect(second).toContainText("Waiting");
  await page.getByRole("button", { name: "Show active session" }).click();
  await expect(activeTab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: /Active session/ })).toBeVisible();

  for (const ctx of [...customers, technician]) await ctx.close();
});

test("console: live view with zoom, microphone level, volume, connection quality and customer mute", async ({ browser }) => {
  const { desk: page, phone, close } = await startLiveSession(browser, "Live Viewer");
  const video = page.getByLabel("Customer camera");

  // The technician's own microphone (Chromium's fake one beeps) moves the level meter.
  const meter = page.getByRole("meter", { name: "Microphone level" });
  await expect.poll(async () => Number(await meter.getAttribute("aria-valuenow")), { timeout: 10_000 })
    .toBeGreaterThan(0);

  // Zoom is a CSS transform of the picture (with the drawing over it); a zoomed picture can be moved
  // with the arrow keys or by dragging; Zoom out puts it back.
  const transform = () => video.evaluate((v) => getComputedStyle(v.parentElement!).transform);
  expect(await transform()).toBe("none");
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect.poll(transform).toBe("matrix(1.25, 0, 0, 1.25, 0, 0)");
  const zoomed = page.getByRole("group", { name: /Zoomed picture/ });
  await zoomed.focus();
  await page.keyboard.press("ArrowLeft");
  await expect.poll(transform).toBe("matrix(1.25, 0, 0, 1.25, 40, 0)");
  const box = (await zoomed.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 100, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  await expect.poll(transform).toBe("matrix(1.25, 0, 0, 1.25, -60, 30)");
  await page.getByRole("button", { name: "Zoom out" }).click();
  await expect.poll(transform).toBe("none");
  await page.getByRole("button", { name: "Actual size" }).click();
  await expect(page.getByRole("button", { name: "Actual size" })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => video.evaluate((v) => getComputedStyle(v).objectFit)).toBe("none");
  await page.getByRole("button", { name: "Fit" }).click();
  await expect.poll(() => video.evaluate((v) => getComputedStyle(v).objectFit)).toBe("contain");

  // Volume sets the customer's audio elements.
  const volumes = () => page.evaluate(() => [...document.querySelectorAll("audio")].map((a) => a.volume));
  await expect.poll(async () => (await volumes()).length).toBeGreaterThan(0);
  await page.getByRole("slider", { name: "Volume" }).fill("40");
  await expect.poll(volumes).toEqual([0.4]);

  // Connection quality of both sides comes from LiveKit.
  await expect(page.getByText(/^Your connection: (excellent|good|poor|lost|unknown)$/)).toBeVisible();
  await expect(page.getByText(/^Customer connection: (excellent|good|poor|lost|unknown)$/)).toBeVisible();
  await expect(page.getByText(/^Your connection: (excellent|good|poor)$/)).toBeVisible({ timeout: 20_000 });

  // The customer mutes on the phone: the console says so, and stops saying it after unmute.
  await phone.getByRole("button", { name: "Mute" }).click();
  await expect(page.getByText("The customer's microphone is muted.")).toBeVisible();
  await look(page, "console-live-view");
  await phone.getByRole("button", { name: "Mute" }).click();
  await expect(page.getByText("The customer's microphone is muted.")).toBeHidden();

  // Fullscreen is the Fullscreen API on the frame (a headless browser may refuse it; then nothing changes).
  await page.getByRole("button", { name: "Fullscreen" }).focus();
  await page.keyboard.press("Enter");
  await page.evaluate(() => document.fullscreenElement && document.exitFullscreen());

  // The live view also fits a tablet in portrait.
  await page.setViewportSize({ width: 820, height: 1180 });
  await look(page, "console-live-view-tablet");

  // End releases the microphone meter and the customer's audio.
  await page.getByRole("button", { name: "End session" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "End session" }).click();
  await expect(page.getByText("The session has ended.")).toBeVisible();
  await expect(meter).toHaveCount(0);
  await expect.poll(async () => (await volumes()).length).toBe(0);

  await close();
});

/** Replaces `Notification` by a subclass that records every notification the page makes. */
const recordNotifications = () => {
  const w = globalThis as unknown as { __notifications: { title: string; body?: string }[] };
  w.__notifications = [];
  const Original = globalThis.Notification;
  globalThis.Notification = class extends Original {
    constructor(title: string, options?: NotificationOptions) {
      w.__notifications.push({ title, body: options?.body });
      super(title, options);
    }
  };
};

test("console: Notify me, then a desktop notification when a customer is waiting", async ({ browser }) => {
  const tech = await createTechnician();

  // Without permission yet: "Notify me" asks the browser (stubbed here to say yes).
  const asking = await desk(browser);
  await asking.addInitScript(() => {
    const w = globalThis as unknown as { __asked: number };
    w.__asked = 0;
    let permission: NotificationPermission = "default";
    Object.defineProperty(Notification, "permission", { configurable: true, get: () => permission });
    Notification.requestPermission = () => {
      w.__asked++;
      permission = "granted";
      return Promise.resolve(permission);
    };
  });
  const askPage = await asking.newPage();
  await signInConsole(askPage, tech);
  await askPage.getByRole("button", { name: "Notify me" }).click();
  await expect(askPage.getByText("Desktop notifications are on.")).toBeVisible();
  expect(await askPage.evaluate(() => (globalThis as unknown as { __asked: number }).__asked)).toBe(1);
  await asking.close();

  // With permission granted: a session that becomes Waiting is announced.
  const technician = await desk(browser);
  await technician.grantPermissions(["notifications"], { origin: baseURL });
  await technician.addInitScript(recordNotifications);
  const page = await technician.newPage();
  await signInConsole(page, tech);
  await expect(page.getByText("Desktop notifications are on.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Notify me" })).toHaveCount(0);
  const { link } = await createLinkAs(page, "Nora Notified");
  const notifications = () =>
    page.evaluate(() => (globalThis as unknown as { __notifications: { title: string }[] }).__notifications);
  await expect(page.getByRole("option", { name: /Nora Notified/ })).toContainText("Pending");
  expect(await notifications()).toEqual([]);

  const customer = await phoneContext(browser);
  await customerJoins(await customer.newPage(), link);
  await expect(page.getByRole("option", { name: /Nora Notified/ })).toContainText("Waiting");
  await expect.poll(async () => (await notifications()).map((n) => n.title)).toEqual(["Nora Notified is waiting"]);
  await expect(page).toHaveTitle(/^\(1\) /);
  await customer.close();
  await technician.close();
});

test("console: /console/ is the console and installable with its own manifest and scope", async () => {
  // Installation needs a profile on disk: Chromium refuses it in incognito-like contexts.
  const launch = test.info().project.use.launchOptions!;
  const profile = await mkdtemp(join(tmpdir(), "sightline-console-pwa-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    ...launch,
    viewport: { width: 1366, height: 800 },
    baseURL,
  });
  const page = await ctx.newPage();
  await page.goto("/console/");
  await expect(page.getByRole("heading", { name: "Technician sign-in" })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await ctx.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);
  const { url } = await cdp.send("Page.getAppManifest");
  expect(new URL(url).pathname).toBe("/console.webmanifest");
  const manifest = await (await page.request.get("/console.webmanifest")).json();
  expect(manifest).toMatchObject({
    name: "Sightline Console",
    start_url: "/console/",
    scope: "/console/",
    display: "standalone",
  });
  expect(manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}:${i.purpose ?? "any"}`))
    .toEqual(expect.arrayContaining(["192x192:any", "512x512:any", "512x512:maskable"]));
  await ctx.close();
  await rm(profile, { recursive: true, force: true });
});

test("console: an expired sign-in returns to sign-in with a message when the API answers 401", async ({ browser }) => {
  const tech = await createTechnician();
  const technician = await desk(browser);
  const page = await technician.newPage();
  await signInConsole(page, tech);
  await technician.clearCookies();

  await page.getByRole("button", { name: "New session" }).click();
  const dialog = page.getByRole("dialog", { name: "Create new session" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Too Late");
  await dialog.getByRole("tab", { name: "Link" }).click();
  await dialog.getByRole("button", { name: "Create link" }).click();

  await expect(page.getByRole("heading", { name: "Technician sign-in" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText("Your sign-in has expired. Please sign in again.");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Signing in again brings the workspace back.
  await page.getByLabel("Email").fill(tech.email);
  await page.getByLabel("Password").fill(tech.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "New session" })).toBeVisible();
  // A stale sign-in hint (the sign-in cookie gone, its hint left): the form after one 401, and the hint goes.
  await technician.clearCookies({ name: /^(__Host-)?sightline$/ });
  expect((await technician.cookies()).map((c) => c.name)).toEqual([expect.stringMatching(/sightline-console$/)]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Technician sign-in" })).toBeVisible();
  await expect.poll(async () => (await technician.cookies()).length).toBe(0);
  await technician.close();
});

test("console: each missing permission disables its option or shows the server's refusal (en, de)", async ({ browser }) => {
  const texts = {
    en: { email: "Email", link: "Link", newSession: "New session", dialog: "Create new session", name: "Name" },
    de: { email: "E-Mail", link: "Link", newSession: "Neue Sitzung", dialog: "Neue Sitzung erstellen", name: "Name" },
  } as const;
  const cases = [
    { lang: "en", without: "useEmailMethod" },
    { lang: "de", without: "useLinkMethod" },
    { lang: "en", without: "startLensSessions" },
    { lang: "de", without: "startPrivateSessions" },
  ] as const;
  for (const c of cases) {
    const l = texts[c.lang];
    const tech = await createTechnician("Limited", [c.without]);
    const ctx = await browser.newContext({ locale: c.lang === "en" ? "en-US" : "de-DE", baseURL });
    const page = await ctx.newPage();
    await page.goto("/console");
    await page.getByLabel(l.email, { exact: true }).fill(tech.email);
    await page.getByLabel(c.lang === "en" ? "Password" : "Passwort").fill(tech.password);
    await page.getByRole("button", { name: c.lang === "en" ? "Sign in" : "Anmelden" }).click();
    await page.getByRole("button", { name: l.newSession }).click();
    const dialog = page.getByRole("dialog", { name: l.dialog });
    await dialog.getByRole("textbox", { name: l.name, exact: true }).fill("Someone");
    if (c.without === "useEmailMethod") {
      await dialog.getByRole("tab", { name: l.email }).click();
      await expect(dialog.getByRole("button", { name: "Email link" })).toBeDisabled();
      await expect(dialog.getByText("useEmailMethod")).toBeVisible();
    } else if (c.without === "useLinkMethod") {
      await dialog.getByRole("tab", { name: l.link }).click();
      await expect(dialog.getByRole("button", { name: "Link erstellen" })).toBeDisabled();
      await expect(dialog.getByText("useLinkMethod")).toBeVisible();
    } else {
      // Lens or private sessions are not allowed at all: the server says no, and the dialog says why.
      await dialog.getByRole("tab", { name: l.link }).click();
      await dialog.getByRole("button", { name: c.lang === "en" ? "Create link" : "Link erstellen" }).click();
      await expect(dialog.getByRole("alert")).toContainText(c.without);
      await expect(dialog.getByRole("alert")).toContainText(
        c.lang === "en" ? "The server refused" : "Vom Server abgelehnt",
      );
    }
    await look(page, `console-permission-${c.without}-${c.lang}`);
    await ctx.close();
  }
});

test("console: a technician with more sessions than the list holds sees the newest and a note about older ones", async ({ browser }) => {
  const tech = await apiTechnician();
  // Created one after another, so their creation times are in this order.
  for (let i = 0; i <= SESSION_LIST_LIMIT; i++) await tech.createLink(`Busy ${i}`);
  const technician = await desk(browser);
  const page = await technician.newPage();
  await signInConsole(page, tech);
  const options = page.getByRole("listbox", { name: "Session list" }).getByRole("option");
  await expect(options).toHaveCount(SESSION_LIST_LIMIT);
  await expect(options.first()).toContainText(`Busy ${SESSION_LIST_LIMIT}`);
  await expect(options.last()).toContainText("Busy 1");
  await expect(page.getByText(`Your ${SESSION_LIST_LIMIT} most recent sessions are shown.`, { exact: false }))
    .toBeVisible();
  await look(page, "console-older-sessions");
  await technician.close();
  await tech.dispose();
});
