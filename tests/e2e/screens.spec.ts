import { type Browser, chromium, devices, expect, type Page, test } from "@playwright/test";
import { apiTechnician, baseURL, createTechnician, look } from "./support.ts";

const L = {
  en: {
    locale: "en-US",
    viewport: { width: 360, height: 740 },
    connect: "Connect",
    email: "Email",
    password: "Password",
    signIn: "Sign in",
    newSession: "New session",
    dialog: "Create new session",
    name: "Name",
    link: "Link",
    createLink: "Create link",
    done: "Done",
    tutorial: "How it works",
    next: "Next",
    ok: "OK",
    allow: "Allow camera and microphone",
    accept: "Accept",
    waiting: "Waiting for your technician",
    waitingStatus: "Waiting",
    start: "Start",
    live: "Camera is live",
    mute: "Mute",
    unmute: "Unmute",
    video: "Customer camera",
    end: "End",
    endSession: "End session",
    ended: "The session has ended",
    customerEnded: "The customer ended the session.",
  },
  de: {
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    connect: "Verbinden",
    email: "E-Mail",
    password: "Passwort",
    signIn: "Anmelden",
    newSession: "Neue Sitzung",
    dialog: "Neue Sitzung erstellen",
    name: "Name",
    link: "Link",
    createLink: "Link erstellen",
    done: "Fertig",
    tutorial: "So funktioniert es",
    next: "Weiter",
    ok: "OK",
    allow: "Kamera und Mikrofon erlauben",
    accept: "Akzeptieren",
    waiting: "Warten auf den Support",
    waitingStatus: "Wartet",
    start: "Starten",
    live: "Kamera ist live",
    mute: "Stummschalten",
    unmute: "Stummschaltung aufheben",
    video: "Kundenkamera",
    end: "Beenden",
    endSession: "Sitzung beenden",
    ended: "Die Sitzung ist beendet",
    customerEnded: "Die Sitzung wurde auf der Kundenseite beendet.",
  },
} as const;

/**
 * A customer screen at two phones' sizes and a desktop's (each `look()`: a screenshot, no sideways
 * scrolling, axe), then back at the phone's own size.
 */
async function lookPhone(page: Page, name: string, own: { width: number; height: number }) {
  for (const size of [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 1440, height: 900 }]) {
    await page.setViewportSize(size);
    await look(page, `${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(own);
}

/** Console screens at the two desktop sizes people use, 1440×900 and 1024×768. */
async function lookDesk(page: Page, name: string) {
  for (const [width, height] of [[1440, 900], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await look(page, `${name}-${width}x${height}`);
  }
}

async function contexts(browser: Browser, lang: keyof typeof L) {
  const l = L[lang];
  const common = { locale: l.locale, baseURL: process.env.SIGHTLINE_URL };
  const customer = await browser.newContext({ ...devices["Pixel 7"], ...common, viewport: l.viewport });
  const technician = await browser.newContext({ ...common, viewport: { width: 1366, height: 800 } });
  for (const ctx of [customer, technician]) {
    await ctx.grantPermissions(["camera", "microphone"], { origin: process.env.SIGHTLINE_URL });
  }
  return { customer, technician };
}

for (const lang of ["en", "de"] as const) {
  const l = L[lang];
  test(`every screen looks right and passes axe (${lang}, phone ${l.viewport.width}×${l.viewport.height})`, async ({ browser }) => {
    test.setTimeout(300_000); // every customer screen at three sizes, each with an axe scan
    const tech = await createTechnician("Tess Technician");
    const { customer, technician } = await contexts(browser, lang);
    const phone = await customer.newPage();
    const desk = await technician.newPage();

    await phone.goto("/");
    await lookPhone(phone, `customer-01-pin-${lang}`, l.viewport);
    await phone.getByLabel("PIN").fill("000000");
    await phone.getByRole("button", { name: l.connect }).click();
    await expect(phone.getByRole("alert")).toBeVisible();
    await lookPhone(phone, `customer-02-pin-unknown-${lang}`, l.viewport);

    await desk.goto("/console");
    await lookDesk(desk, `console-01-signin-${lang}`);
    await desk.getByLabel(l.email).fill(tech.email);
    await desk.getByLabel(l.password).fill(tech.password);
    await desk.getByRole("button", { name: l.signIn }).click();
    await desk.getByRole("button", { name: l.newSession }).click();
    const dialog = desk.getByRole("dialog", { name: l.dialog });
    await dialog.getByRole("textbox", { name: l.name, exact: true }).fill("Bob Builder");
    await lookDesk(desk, `console-02-dialog-${lang}`);
    await dialog.getByRole("tab", { name: l.link }).click();
    await dialog.getByRole("button", { name: l.createLink }).click();
    const link = await dialog.getByRole("textbox", { name: l.link }).inputValue();
    await lookDesk(desk, `console-03-created-${lang}`);
    await dialog.getByRole("button", { name: l.done }).click();

    await phone.goto(link);
    await expect(phone.getByRole("heading", { name: l.tutorial })).toBeVisible();
    for (const step of [1, 2, 3]) {
      await lookPhone(phone, `customer-03-tutorial-${step}-${lang}`, l.viewport);
      // Next on every step but the last, which has OK instead (and no Skip).
      const last = step === 3;
      await expect(phone.getByRole("button", { name: l.ok, exact: true })).toHaveCount(last ? 1 : 0);
      await expect(phone.getByRole("button", { name: l.next })).toHaveCount(last ? 0 : 1);
      await phone.getByRole("button", { name: last ? l.ok : l.next, exact: true }).click();
    }
    await lookPhone(phone, `customer-04-permission-${lang}`, l.viewport);
    await phone.getByRole("button", { name: l.allow }).click();
    await expect(phone.getByRole("button", { name: l.accept })).toBeVisible();
    await lookPhone(phone, `customer-05-eula-${lang}`, l.viewport);
    await phone.getByRole("button", { name: l.accept }).click();
    await expect(phone.getByRole("heading", { name: l.waiting })).toBeVisible();
    await lookPhone(phone, `customer-06-waiting-${lang}`, l.viewport);

    const entry = desk.getByRole("option", { name: /Bob Builder/ });
    await expect(entry).toContainText(l.waitingStatus);
    await entry.click();
    await lookDesk(desk, `console-04-waiting-${lang}`);
    await desk.getByRole("button", { name: l.start, exact: true }).click();
    await expect(phone.getByText(l.live)).toBeVisible();
    await expect.poll(() => desk.getByLabel(l.video).evaluate((v: HTMLVideoElement) => v.videoWidth))
      .toBeGreaterThan(0);
    await lookPhone(phone, `customer-07-live-${lang}`, l.viewport);
    await lookDesk(desk, `console-05-live-${lang}`);
    await phone.setViewportSize({ width: l.viewport.height, height: l.viewport.width });
    await look(phone, `customer-08-live-landscape-${lang}`);
    await phone.setViewportSize(l.viewport);
    // Muted, the button's name (and visible label, the longest in German) says Unmute.
    await phone.getByRole("button", { name: l.mute, exact: true }).click();
    await expect(phone.getByRole("button", { name: l.unmute, exact: true })).toHaveAttribute("aria-pressed", "true");
    await lookPhone(phone, `customer-08-live-muted-${lang}`, l.viewport);
    await phone.getByRole("button", { name: l.unmute, exact: true }).click();
    await desk.setViewportSize({ width: 820, height: 1180 });
    await look(desk, `console-06-live-tablet-${lang}`);

    await phone.getByRole("button", { name: l.end, exact: true }).click();
    await lookPhone(phone, `customer-09-confirm-end-${lang}`, l.viewport);
    await phone.getByRole("button", { name: l.endSession }).click();
    await expect(phone.getByRole("heading", { name: l.ended })).toBeVisible();
    await lookPhone(phone, `customer-10-ended-${lang}`, l.viewport);
    await expect(desk.getByText(l.customerEnded)).toBeVisible();
    await lookDesk(desk, `console-07-ended-${lang}`);

    await customer.close();
    await technician.close();
  });
}

const EDGE = {
  en: { skip: "Skip", allow: "Allow camera and microphone", decline: "Decline", declined: "The session has ended" },
  de: {
    skip: "Überspringen",
    allow: "Kamera und Mikrofon erlauben",
    decline: "Ablehnen",
    declined: "Die Sitzung ist beendet",
  },
} as const;

for (const lang of ["en", "de"] as const) {
  const l = L[lang];
  const e = EDGE[lang];
  test(`the detour screens look right and pass axe (${lang}): in-app browser, camera denied, declined`, async ({ browser }) => {
    const tech = await apiTechnician();
    const phone = { ...devices["Pixel 7"], locale: l.locale, viewport: l.viewport, baseURL };

    const inApp = await browser.newContext({
      ...phone,
      userAgent:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram 300",
    });
    const page = await inApp.newPage();
    await page.goto((await tech.createLink("In-app")).link);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await lookPhone(page, `customer-11-unsupported-${lang}`, l.viewport);
    await inApp.close();

    // Without a grant and without auto-accepting prompts, the camera is refused.
    const launch = test.info().project.use.launchOptions!;
    const strict = await chromium.launch({
      ...launch,
      args: launch.args!.filter((a) => a !== "--use-fake-ui-for-media-stream"),
    });
    const denied = await (await strict.newContext(phone)).newPage();
    await denied.goto((await tech.createLink("Denied")).link);
    await denied.getByRole("button", { name: e.skip }).click();
    await denied.getByRole("button", { name: e.allow }).click();
    await expect(denied.getByRole("alert")).toBeVisible();
    await lookPhone(denied, `customer-12-denied-${lang}`, l.viewport);
    await strict.close();

    const ctx = await browser.newContext(phone);
    await ctx.grantPermissions(["camera", "microphone"], { origin: baseURL });
    const declining = await ctx.newPage();
    await declining.goto((await tech.createLink("Declines")).link);
    await declining.getByRole("button", { name: e.skip }).click();
    await declining.getByRole("button", { name: e.allow }).click();
    await declining.getByRole("button", { name: e.decline }).click();
    await expect(declining.getByRole("heading", { name: e.declined })).toBeVisible();
    await lookPhone(declining, `customer-13-declined-${lang}`, l.viewport);
    await ctx.close();
    await tech.dispose();
  });
}
