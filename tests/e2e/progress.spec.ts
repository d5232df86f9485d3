import { type Browser, devices, expect, type Page, test } from "@playwright/test";
import {
  baseURL,
  capturePeerConnections,
  createLinkAs,
  createTechnician,
  deskContext,
  look,
  signInConsole,
  technicianOn,
} from "./support.ts";
import { recordLink, recordSecret, recordSecretsOf } from "./secrets.ts";
import * as api from "../../shared/api.ts";

/** Counts the console's waiting sounds from outside (the oscillators it starts), without a hook in the app. */
const countBeeps = () => {
  const w = globalThis as unknown as { __beeps: number };
  w.__beeps = 0;
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    w.__beeps++;
    return create.call(this);
  };
};

/**
 * The customer's answer "Block" at the browser's camera prompt, which the test Chromium (fake media, the
 * prompt always accepted) cannot give: `getUserMedia` refuses as a browser does until `__allowCamera`.
 */
const cameraBlocked = () => {
  const media = navigator.mediaDevices;
  const real = media.getUserMedia.bind(media);
  media.getUserMedia = (constraints) =>
    (globalThis as unknown as { __allowCamera?: boolean }).__allowCamera
      ? real(constraints)
      : Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
};

/** A phone of `width` whose camera is blocked until the test allows it (`__allowCamera`). */
async function unpermittedPhone(browser: Browser, locale: "en-US" | "de-DE", width: number) {
  const ctx = await browser.newContext({
    ...devices["Pixel 7"],
    viewport: { width, height: 844 },
    locale,
    baseURL,
  });
  await ctx.grantPermissions(["camera", "microphone"], { origin: baseURL });
  await ctx.addInitScript(capturePeerConnections);
  await ctx.addInitScript(cameraBlocked);
  recordSecretsOf(ctx);
  return ctx;
}

const TEXT = {
  "en-US": {
    skip: "Skip",
    allow: "Allow camera and microphone",
    retry: "Try again",
    accept: "Accept",
    tutorial: "Reading the tutorial",
    blocked: "Camera blocked",
    agreement: "Reading the agreement",
    waiting: "Waiting",
    waitingFor: /waiting for \d+:\d\d/,
    alert: "is waiting",
    sound: "Sound when a customer waits",
    email: "Email",
    password: "Password",
    signIn: "Sign in",
    newSession: "New session",
  },
  "de-DE": {
    skip: "Überspringen",
    allow: "Kamera und Mikrofon erlauben",
    retry: "Erneut versuchen",
    accept: "Akzeptieren",
    tutorial: "Liest die Anleitung",
    blocked: "Kamera blockiert",
    agreement: "Liest den Lizenzvertrag",
    waiting: "Wartet",
    waitingFor: /Wartezeit \d+:\d\d/,
    alert: "wartet",
    sound: "Ton, wenn jemand wartet",
    email: "E-Mail",
    password: "Passwort",
    signIn: "Anmelden",
    newSession: "Neue Sitzung",
  },
} as const;

for (const locale of ["en-US", "de-DE"] as const) {
  test(`progress (${locale}): the console list follows the customer from the tutorial to waiting, with an alert`, async ({ browser }) => {
    test.setTimeout(120_000);
    const words = TEXT[locale];
    const tech = await createTechnician();
    const technician = await deskContext(browser, locale);
    await technician.addInitScript(countBeeps);
    const desk = await technician.newPage();
    await desk.goto("/console");
    await desk.getByLabel(words.email).fill(tech.email);
    await desk.getByLabel(words.password).fill(tech.password);
    await desk.getByRole("button", { name: words.signIn }).click();
    await expect(desk.getByRole("button", { name: words.newSession })).toBeVisible();
    for (const c of await technician.cookies()) if (c.httpOnly) recordSecret("session cookie", c.value);
    const name = `Paula ${locale}`;
    const { link } = await createLinkAs(desk, name);
    const entry = desk.getByRole("option", { name: new RegExp(name) });

    const customer = await unpermittedPhone(browser, locale, locale === "en-US" ? 390 : 360);
    const phone = await customer.newPage();
    await phone.goto(link);
    await expect(entry).toContainText(words.tutorial);
    await look(desk, `progress-tutorial-${locale}`);

    await phone.getByRole("button", { name: words.skip }).click();
    await phone.getByRole("button", { name: words.allow }).click();
    await expect(entry).toContainText(words.blocked);

    await phone.evaluate(() => (globalThis as unknown as { __allowCamera: boolean }).__allowCamera = true);
    await phone.getByRole("button", { name: words.retry }).click();
    await expect(entry).toContainText(words.agreement);
    await expect(desk.evaluate(() => (globalThis as unknown as { __beeps: number }).__beeps)).resolves.toBe(0);

    await phone.getByRole("button", { name: words.accept }).click();
    await expect(entry.locator(".badge")).toHaveText(words.waiting);
    await expect(entry).toContainText(words.waitingFor);
    const alert = desk.getByRole("alert").filter({ hasText: words.alert });
    await expect(alert).toContainText(name);
    await expect.poll(() => desk.evaluate(() => (globalThis as unknown as { __beeps: number }).__beeps))
      .toBeGreaterThan(0);
    // The time waited ticks on its own, without a new list from the edge.
    const first = await entry.locator(".session-meta").textContent();
    await expect(entry.locator(".session-meta")).not.toHaveText(first!, { timeout: 5_000 });
    await look(desk, `progress-waiting-${locale}`);

    // Selecting the session is looking at it: the alert goes. The sound can be turned off, for good.
    await entry.click();
    await expect(alert).toHaveCount(0);
    const sound = desk.getByRole("checkbox", { name: words.sound });
    await expect(sound).toBeChecked();
    await sound.uncheck();
    await desk.reload();
    await expect(desk.getByRole("checkbox", { name: words.sound })).not.toBeChecked();
    await customer.close();
    await technician.close();
  });
}

/** The PIN and link the console shows after Resend; Done closes it. */
async function resendFrom(desk: Page) {
  await desk.getByRole("button", { name: "Resend" }).click();
  await expect(desk.getByText("New PIN and link created")).toBeVisible();
  const link = await desk.getByLabel("Link", { exact: true }).inputValue();
  recordLink({ pin: new URL(link).pathname.split("/").at(-1)!, link });
  await desk.getByRole("button", { name: "Done" }).click();
  return link;
}

test("session actions: Resend, Extend, Cancel and Clear in the console; old and cancelled links explain themselves", async ({ browser }) => {
  test.setTimeout(120_000);
  const tech = await createTechnician();
  const technician = await deskContext(browser);
  const desk = await technician.newPage();
  await signInConsole(desk, tech);
  const { link: first, session } = await createLinkAs(desk, "Rita Resend");
  const entry = desk.getByRole("option", { name: /Rita Resend/ });
  await entry.click();

  const link = await resendFrom(desk);
  expect(link).not.toBe(first);
  await expect(desk.getByRole("listbox").getByRole("option")).toHaveCount(1);
  const customer = await unpermittedPhone(browser, "en-US", 390);
  const phone = await customer.newPage();
  await phone.goto(first);
  await expect(phone.getByRole("heading", { name: "There is a newer link" })).toBeVisible();
  await look(phone, "link-replaced-en-390");
  await phone.goto(link);
  await expect(phone.getByRole("heading", { name: "How it works" })).toBeVisible();

  const client = await technicianOn(desk);
  const expiry = async () =>
    (await client.call(api.listSessions)).sessions.find((s) => s.id === session.id)!.pinExpiresAt;
  const before = await expiry();
  await desk.getByRole("button", { name: "Extend" }).click();
  await expect.poll(expiry).toBeGreaterThan(before);

  await desk.getByRole("button", { name: "Cancel session" }).click();
  await expect(entry.locator(".badge")).toHaveText("Cancelled");
  await expect(desk.getByText("You cancelled it; the link no longer works.")).toBeVisible();
  await look(desk, "session-cancelled-en");
  await phone.goto("about:blank");
  await phone.goto(link);
  await expect(phone.getByRole("heading", { name: "This session was cancelled" })).toBeVisible();
  await expect(phone.getByText("ask your technician for a new link")).toBeVisible();

  await desk.getByRole("button", { name: "Clear from list" }).click();
  await expect(entry).toHaveCount(0);
  expect((await client.call(api.listSessions)).sessions.some((s) => s.id === session.id)).toBe(false);
  await customer.close();
  await technician.close();
});
