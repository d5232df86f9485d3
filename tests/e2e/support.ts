import {
  type Browser,
  type BrowserContext,
  devices,
  expect,
  type Page,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import { appendFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { RoomServiceClient } from "livekit-server-sdk";
import { randomUUID } from "node:crypto";
import type { RecordedMail } from "../support/resend_recorder.ts";

export const baseURL = process.env.SIGHTLINE_URL!;
const adminToken = process.env.ADMIN_TOKEN!;

/** Notes a secret of this run, so `tests/run.ts` can check that no service log contains it. */
export function recordSecret(kind: string, value: string | undefined | null) {
  const file = process.env.SIGHTLINE_SECRETS_FILE;
  if (file && value) appendFileSync(file, `${kind}\t${value}\n`);
}

/** Records the PIN and link secret of a created session. */
function recordLink(created: { pin: string; link: string }) {
  recordSecret("pin", created.pin);
  recordSecret("link secret", new URL(created.link).hash.match(/k=([^&]+)/)?.[1]);
}

/** Records the PINs, link secrets, customer keys and LiveKit tokens the edge hands to the pages of `context`. */
function recordSecretsOf(context: BrowserContext) {
  const watched = /\/api\/(sessions|join\/\d+\/accept|customer\/rejoin|sessions\/[^/]+\/start)$/;
  context.on("response", async (res) => {
    if (res.request().method() !== "POST" || !watched.test(new URL(res.url()).pathname)) return;
    try {
      const body = await res.json();
      if (typeof body.pin === "string" && typeof body.link === "string") recordLink(body);
      recordSecret("customer key", body.customerKey);
      recordSecret("livekit token", body.livekit?.token);
    } catch { /* not JSON, or the page went away */ }
  });
}

export const roomService = () =>
  new RoomServiceClient(process.env.LIVEKIT_API_URL!, process.env.LIVEKIT_API_KEY!, process.env.LIVEKIT_API_SECRET!);

export async function admin<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseURL}/api/admin${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
  return await res.json() as T;
}

/** A fresh group with every permission and a technician in it, through the admin API. */
export async function createTechnician(name = "Tess Technician", without: string[] = []) {
  const all = ["startLensSessions", "startPrivateSessions", "useEmailMethod", "useLinkMethod"];
  const group = await admin<{ id: string }>("/groups", {
    name: `Group ${randomUUID().slice(0, 8)}`,
    permissions: Object.fromEntries(all.map((p) => [p, !without.includes(p)])),
  });
  const email = `tech-${randomUUID().slice(0, 8)}@example.test`;
  const password = `pw-${randomUUID()}`;
  recordSecret("password", password);
  await admin("/technicians", { email, password, name, groupId: group.id });
  return { email, password, name };
}

/** Records every RTCPeerConnection the page makes, so tests can read WebRTC stats from outside. */
const capturePeerConnections = () => {
  const w = globalThis as unknown as { __pcs: RTCPeerConnection[] };
  w.__pcs = [];
  const Original = globalThis.RTCPeerConnection;
  globalThis.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__pcs.push(this);
    }
  };
};

/** A phone-sized customer context with camera and microphone granted and WebRTC stats readable. */
export async function phoneContext(browser: Browser, locale: "en-US" | "de-DE" = "en-US") {
  const customer = await browser.newContext({ ...devices["Pixel 7"], locale, baseURL });
  await customer.grantPermissions(["camera", "microphone"], { origin: baseURL });
  await customer.addInitScript(capturePeerConnections);
  recordSecretsOf(customer);
  return customer;
}

/** A phone-sized customer context and a desktop technician context, both with fake media. */
export async function openContexts(browser: Browser, locale: "en-US" | "de-DE", customerBrowser = browser) {
  const customer = await phoneContext(customerBrowser, locale);
  const technician = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale, baseURL });
  await technician.grantPermissions(["camera", "microphone"], { origin: baseURL });
  await technician.addInitScript(capturePeerConnections);
  recordSecretsOf(technician);
  return { customer, technician };
}

/** Sum of one inbound-rtp counter over the page's live peer connections. */
export function inboundStat(page: Page, kind: "audio" | "video", field: "packetsReceived" | "framesDecoded") {
  return page.evaluate(async ([kind, field]) => {
    let total = 0;
    for (const pc of (globalThis as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type === "inbound-rtp" && r.kind === kind) total += r[field] ?? 0;
      });
    }
    return total;
  }, [kind, field] as const);
}

/** Waits until `fn()` exceeds `above`, then returns its value. */
export async function waitAbove(fn: () => Promise<number>, above: number, timeout = 20_000) {
  let value = 0;
  await expect.poll(async () => (value = await fn()), { timeout }).toBeGreaterThan(above);
  return value;
}

/** The mail the edge sent to `to` through the Resend SDK, as the recorder received it. */
export async function recordedMailTo(to: string): Promise<RecordedMail> {
  let mail: RecordedMail | undefined;
  await expect.poll(async () => {
    const mails: RecordedMail[] = await (await fetch(`${process.env.RESEND_RECORDER_URL}/__recorded`)).json();
    mail = mails.find((m) => m.to.includes(to));
    return mail !== undefined;
  }).toBe(true);
  for (const [, kind, value] of JSON.stringify(mail).matchAll(/#([kt])=([\w-]+)/g)) {
    recordSecret(kind === "k" ? "link secret" : "invitation token", value);
  }
  return mail!;
}

/** The technician's side through the API only (no browser): sign in, create, start. */
export async function apiTechnician() {
  const tech = await createTechnician();
  const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const login = await ctx.post("/api/auth/login", { data: { email: tech.email, password: tech.password } });
  expect(login.status()).toBe(200);
  return {
    ...tech,
    async createLink(name = "Customer") {
      const res = await ctx.post("/api/sessions", { data: { type: "lens", name, delivery: { method: "link" } } });
      expect(res.status()).toBe(201);
      const created = await res.json() as { session: { id: string }; pin: string; link: string };
      recordLink(created);
      return created;
    },
    async waitForStatus(sessionId: string, status: string) {
      await expect.poll(async () => {
        const list = await (await ctx.get("/api/sessions")).json();
        return list.sessions.find((s: { id: string }) => s.id === sessionId)?.status;
      }).toBe(status);
    },
    start: (sessionId: string) => ctx.post(`/api/sessions/${sessionId}/start`, { data: {} }),
    end: (sessionId: string) => ctx.post(`/api/sessions/${sessionId}/end`, { data: {} }),
    dispose: () => ctx.dispose(),
  };
}

/** Patches the company settings through the admin API. */
export async function patchSettings(patch: Record<string, unknown>) {
  const res = await fetch(`${baseURL}/api/admin/settings`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
  if (!res.ok) throw new Error(`settings: ${res.status} ${await res.text()}`);
}

/** Customer steps from the link to Waiting (English labels). */
export async function customerJoins(phone: Page, link: string) {
  await phone.goto(link);
  await phone.getByRole("button", { name: "Skip" }).click();
  await phone.getByRole("button", { name: "Allow camera and microphone" }).click();
  await phone.getByRole("button", { name: "Accept" }).click();
  await expect(phone.getByRole("heading", { name: "Waiting for your technician" })).toBeVisible();
}

/** Tracks the customer has published, as the LiveKit server sees them. */
export async function publishedSources(sessionId: string): Promise<number[]> {
  const participants = await roomService().listParticipants(`session-${sessionId}`);
  const customer = participants.find((p) => p.identity === `customer:${sessionId}`);
  return (customer?.tracks ?? []).map((t) => t.source).sort();
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * A screen as people see it: a screenshot for humans to look at (in the test's output folder), no
 * sideways scrolling at the screen's width, and an axe scan with no serious or critical issue. axe is
 * evaluated through the DevTools protocol, so the page keeps its strict CSP.
 */
export async function look(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(overflow, `${name} fits the width of the screen`).toBeLessThanOrEqual(0);
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v: { impact: string }) => v.impact === "serious" || v.impact === "critical")
      .map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
  });
  expect(violations, `${name}: axe serious/critical issues`).toEqual([]);
}

/** Signs in to the console on `page` (English labels). */
export async function signInConsole(page: Page, tech: { email: string; password: string }) {
  await page.goto("/console");
  await page.getByLabel("Email").fill(tech.email);
  await page.getByLabel("Password").fill(tech.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "New session" })).toBeVisible();
  for (const c of await page.context().cookies()) recordSecret("session cookie", c.value);
}

/** Creates a Link session as the technician signed in on `page` (its cookie), without the dialog. */
export async function createLinkAs(page: Page, name: string) {
  const res = await page.request.post("/api/sessions", {
    data: { type: "lens", name, delivery: { method: "link" } },
    headers: { origin: baseURL },
  });
  expect(res.status()).toBe(201);
  const created = await res.json() as { session: { id: string }; pin: string; link: string };
  recordLink(created);
  return created;
}

/**
 * A running session: a technician signed in on a desktop page, a customer on a phone page who joined
 * by link, Start pressed, and the customer's video decoding in the console. `initScript` runs in
 * both pages before their own scripts.
 */
export async function startLiveSession(
  browser: Browser,
  name: string,
  initScript?: () => void,
  /** The customer's phone in a browser of its own (e.g. one on the customer's network, see faults). */
  customerBrowser?: Browser,
) {
  const tech = await createTechnician();
  const { customer, technician } = await openContexts(browser, "en-US", customerBrowser);
  if (initScript) { for (const context of [customer, technician]) await context.addInitScript(initScript); }
  const desk = await technician.newPage();
  const phone = await customer.newPage();
  await signInConsole(desk, tech);
  const { link, session } = await createLinkAs(desk, name);
  await customerJoins(phone, link);
  const entry = desk.getByRole("option", { name: new RegExp(name) });
  await expect(entry).toContainText("Waiting");
  await entry.click();
  await desk.getByRole("button", { name: "Start", exact: true }).click();
  await expect.poll(() => desk.getByLabel("Customer camera").evaluate((v: HTMLVideoElement) => v.videoWidth), {
    timeout: 20_000,
  }).toBeGreaterThan(0);
  return {
    desk,
    phone,
    sessionId: session.id,
    close: async () => {
      await customer.close();
      await technician.close();
    },
  };
}
