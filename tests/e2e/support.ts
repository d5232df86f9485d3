/**
 * What the e2e specs share: the system under test (from the environment `tests/run.ts` sets), accounts
 * and sessions made through the edge client, browser contexts with fake media and WebRTC stats, and the
 * customer's and console's common steps.
 */
import { type Browser, type BrowserContextOptions, devices, expect, type Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { RoomServiceClient } from "livekit-server-sdk";
import * as api from "../../shared/api.ts";
import { customerIdentity, PERMISSIONS, roomName } from "../../shared/constants.ts";
import type { Permissions } from "../../shared/schemas.ts";
import type { RecordedMail } from "../support/resend_recorder.ts";
import { newGroup, newTechnician } from "../support/accounts.ts";
import { type EdgeClient, edgeClients } from "../support/edge_client.ts";
import { ROUTES } from "../support/routes.ts";
import { systemFromEnv } from "../support/system_env.ts";
import { recordLink, recordSecret, recordSecretsIn, recordSecretsOf } from "./secrets.ts";

const system = systemFromEnv(process.env);
export const baseURL = system.baseUrl;
const { anonymous, admin: adminEdge } = edgeClients(system);

export const roomService = () =>
  new RoomServiceClient(system.livekit.apiUrl, system.livekit.apiKey, system.livekit.apiSecret);

/** POSTs `body` to the admin route whose path ends in `path` (`/groups`); its answer as the contract parses it. */
export async function admin<T>(path: string, body: unknown): Promise<T> {
  const route = ROUTES.find((r) => r.auth === "admin" && r.method === "POST" && r.path.endsWith(path));
  if (!route) throw new Error(`No admin route POST …${path}`);
  // The route is only known at run time, so its arguments cannot be typed here.
  return await adminEdge.call(route, { body } as never) as T;
}

/** A fresh group with every permission but those `without`, and a technician in it, through the admin API. */
export async function createTechnician(name = "Tess Technician", without: string[] = []) {
  const permissions = Object.fromEntries(PERMISSIONS.map((p) => [p, !without.includes(p)])) as Permissions;
  const group = await newGroup(adminEdge, permissions);
  const tech = await newTechnician(adminEdge, group.id, { name });
  recordSecret("password", tech.password);
  return tech;
}

/** Records the values of a technician client's session cookies. */
function recordCookies(client: EdgeClient) {
  for (const c of client.cookie?.split("; ") ?? []) recordSecret("session cookie", c.slice(c.indexOf("=") + 1));
}

/** The technician signed in on `page`, as an edge client with the page's cookies. */
export async function technicianOn(page: Page): Promise<EdgeClient> {
  const cookies = await page.context().cookies(baseURL);
  return anonymous.as({ kind: "technician", cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") });
}

/** Records every RTCPeerConnection the page makes, so tests can read WebRTC stats from outside. */
export const capturePeerConnections = () => {
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
export async function phoneContext(
  browser: Browser,
  locale: "en-US" | "de-DE" = "en-US",
  /** Anything to change from the phone (e.g. a screen the size of the camera's picture). */
  overrides: BrowserContextOptions = {},
) {
  const customer = await browser.newContext({ ...devices["Pixel 7"], locale, baseURL, ...overrides });
  await customer.grantPermissions(["camera", "microphone"], { origin: baseURL });
  await customer.addInitScript(capturePeerConnections);
  recordSecretsOf(customer);
  return customer;
}

/** A desktop technician context with camera and microphone granted and WebRTC stats readable. */
export async function deskContext(browser: Browser, locale: "en-US" | "de-DE" = "en-US") {
  const technician = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale, baseURL });
  await technician.grantPermissions(["camera", "microphone"], { origin: baseURL });
  await technician.addInitScript(capturePeerConnections);
  recordSecretsOf(technician);
  return technician;
}

/** A phone-sized customer context and a desktop technician context, both with fake media. */
export async function openContexts(browser: Browser, locale: "en-US" | "de-DE", customerBrowser = browser) {
  const customer = await phoneContext(customerBrowser, locale);
  const technician = await deskContext(browser, locale);
  return { customer, technician };
}

/**
 * In the page: sum of one inbound-rtp counter over the live peer connections `capturePeerConnections`
 * recorded. Imports nothing, so puppeteer-core (the Firefox customer) evaluates it too.
 */
export async function sumInbound(
  [kind, field]: readonly ["audio" | "video", "packetsReceived" | "framesDecoded"],
): Promise<number> {
  let total = 0;
  for (const pc of (globalThis as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
    if (pc.connectionState === "closed") continue;
    (await pc.getStats()).forEach((r) => {
      if (r.type === "inbound-rtp" && r.kind === kind) total += r[field] ?? 0;
    });
  }
  return total;
}

/** Sum of one inbound-rtp counter over the page's live peer connections. */
export function inboundStat(page: Page, kind: "audio" | "video", field: "packetsReceived" | "framesDecoded") {
  return page.evaluate(sumInbound, [kind, field] as const);
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
  recordSecretsIn(mail!);
  return mail!;
}

/** A session a technician created for a customer link. */
async function createLink(technician: EdgeClient, name: string) {
  const created = await technician.call(api.createSession, {
    body: { type: "lens", name, delivery: { method: "link" } },
  });
  recordLink(created);
  return created;
}

/** The technician's side through the API only (no browser): sign in, create, start. */
export async function apiTechnician() {
  const tech = await createTechnician();
  const client = await anonymous.login({ email: tech.email, password: tech.password });
  recordCookies(client);
  /** Start and End answer as Playwright's `APIResponse` does (`status()`), which the specs read. */
  const answer = async (route: typeof api.startSession | typeof api.endSession, id: string) => {
    const { status } = await client.attempt(route, { params: { id } });
    return { status: () => status };
  };
  return {
    ...tech,
    /** The technician's edge client, for what the helpers below do not cover. */
    client,
    createLink: (name = "Customer") => createLink(client, name),
    async waitForStatus(sessionId: string, status: string) {
      await expect.poll(async () => {
        const list = await client.call(api.listSessions);
        return list.sessions.find((s) => s.id === sessionId)?.status;
      }).toBe(status);
    },
    start: (sessionId: string) => answer(api.startSession, sessionId),
    end: (sessionId: string) => answer(api.endSession, sessionId),
    /** Nothing to release: the client holds no connection. */
    dispose: () => Promise.resolve(),
  };
}

/** Patches the company settings through the admin API. */
export async function patchSettings(patch: api.BodyOf<typeof api.updateSettings>) {
  await adminEdge.call(api.updateSettings, { body: patch });
}

/** The company settings, as the admin API answers them. */
export const currentSettings = () => adminEdge.call(api.getSettings);

/** The audit log's entries of one session and action, newest first. */
export async function auditOf(sessionId: string, action: string) {
  return (await adminEdge.call(api.auditLog, { query: { sessionId, action, limit: 10 } })).entries;
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
  const participants = await roomService().listParticipants(roomName(sessionId));
  const customer = participants.find((p) => p.identity === customerIdentity(sessionId));
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
  const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - innerWidth);
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

/**
 * Clicks the console's tool button `name` (exact): directly where it is shown, else after opening More
 * (the phone layout keeps the less-used tools there).
 */
export async function consoleTool(desk: Page, name: string) {
  const tool = desk.getByRole("button", { name, exact: true });
  if (!(await tool.isVisible())) await desk.getByRole("button", { name: /^(More|Mehr)$/ }).click();
  await tool.click();
}

/** Signs in to the console on `page` (English labels). */
export async function signInConsole(page: Page, tech: { email: string; password: string }) {
  await page.goto("/console");
  await page.getByLabel("Email").fill(tech.email);
  await page.getByLabel("Password").fill(tech.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "New session" })).toBeVisible();
  for (const c of await page.context().cookies()) if (c.httpOnly) recordSecret("session cookie", c.value);
}

/** Creates a Link session as the technician signed in on `page` (its cookie), without the dialog. */
export async function createLinkAs(page: Page, name: string) {
  return await createLink(await technicianOn(page), name);
}

/** In the console on `desk`: waits until the session named `name` lists its customer as Waiting, then Starts it. */
export async function startWaiting(desk: Page, name: string | RegExp) {
  const entry = desk.getByRole("option", { name: typeof name === "string" ? new RegExp(name) : name });
  await expect(entry).toContainText("Waiting");
  await entry.click();
  await desk.getByRole("button", { name: "Start", exact: true }).click();
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
  await startWaiting(desk, name);
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
