/**
 * Faults during a live session, against the real services: the edge and livekit-server are killed
 * and restarted through the control endpoint of `tests/run.ts` (SIGHTLINE_CONTROL_URL); the network
 * and LiveKit's own reconnect paths are exercised from the browsers. This file runs last (its own
 * Playwright project), because it disturbs the services every other test shares.
 */
import { type Browser, chromium, expect, type Page, test } from "@playwright/test";
import { chromiumLaunchOptions } from "../support/chromium.ts";
import { mediaAddress } from "./customer_network.ts";
import { inboundStat, look, startLiveSession, waitAbove } from "./support.ts";

type Service = "edge" | "livekit" | "network";

/**
 * Kills (SIGKILL) or starts again one of the services `tests/run.ts` runs; for `network`, unplugs or
 * plugs back the customer's network (tests/support/customer_network.ts).
 */
async function control(service: Service, action: "kill" | "start") {
  const res = await fetch(`${process.env.SIGHTLINE_CONTROL_URL}/${service}/${action}`, { method: "POST" });
  expect(res.ok, `${service} ${action}: ${await res.clone().text()}`).toBe(true);
}

/** One figure for SECURITY.md (Faults), in the test output and in the report. */
function report(name: string, figures: Record<string, number>) {
  const line = `FAULT ${name} ${Object.entries(figures).map(([k, v]) => `${k}=${Math.round(v)}`).join(" ")}`;
  console.log(line);
  test.info().annotations.push({ type: "fault", description: line });
}

/**
 * Keeps every LiveKit `Room` the page creates in `__rooms`, so a test can call `simulateScenario`.
 * livekit-client's Room constructor assigns `this.pendingTrackAddedCallbacks`, a name no other
 * object uses: a setter on Object.prototype sees that first assignment and then steps aside. The
 * production build carries no hook.
 */
const captureRooms = () => {
  const w = globalThis as unknown as { __rooms: object[]; __roomEvents: string[] };
  w.__rooms = [];
  w.__roomEvents = [];
  Object.defineProperty(Object.prototype, "pendingTrackAddedCallbacks", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "pendingTrackAddedCallbacks", {
        value,
        writable: true,
        configurable: true,
        enumerable: true,
      });
      w.__rooms.push(this);
      // The Room's event emitter is set up by now (super constructor): note its connection events.
      const room = this as { on(event: string, fn: () => void): void };
      for (const event of ["signalReconnecting", "reconnecting", "reconnected", "disconnected"]) {
        room.on(event, () => w.__roomEvents.push(event));
      }
    },
  });
};

/** The connection events of the page's LiveKit rooms so far, in order. */
const roomEvents = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __roomEvents: string[] }).__roomEvents);

type Scenario = "signal-reconnect" | "full-reconnect" | "server-leave";

/** Runs LiveKit's `simulateScenario` on the page's current room. */
function simulate(page: Page, scenario: Scenario) {
  return page.evaluate(async (scenario) => {
    type Room = { state: string; simulateScenario(s: string): Promise<void> };
    const rooms = (globalThis as unknown as { __rooms: Room[] }).__rooms;
    const room = rooms.findLast((r) => r.state !== "disconnected");
    if (!room) throw new Error("no connected room");
    await room.simulateScenario(scenario);
  }, scenario);
}

const frames = (desk: Page) => inboundStat(desk, "video", "framesDecoded");
const audioPackets = (page: Page) => inboundStat(page, "audio", "packetsReceived");

/** Waits until the console decodes at least `more` new frames of the customer's camera. */
async function framesFlow(desk: Page, more = 15, timeout = 30_000) {
  return await waitAbove(() => frames(desk), (await frames(desk)) + more, timeout);
}

/** A live session whose pages can run LiveKit's simulated scenarios. */
async function liveSession(browser: Browser, name: string, customerBrowser?: Browser) {
  const session = await startLiveSession(browser, name, captureRooms, customerBrowser);
  await framesFlow(session.desk);
  return session;
}

test.afterEach(async () => {
  // A test that failed half-way must not leave a service down for the next one.
  for (const service of ["livekit", "edge"] as const) await control(service, "start");
  if (process.env.CUSTOMER_NETWORK_CHROMIUM) await control("network", "start");
});

test("faults: the edge is killed: media keeps flowing, the console re-attaches, End works", async ({ browser }) => {
  const { desk, phone, sessionId, close } = await liveSession(browser, "Edge crash");
  const killedAt = Date.now();
  await control("edge", "kill");

  // Media does not pass through the edge: video and audio keep flowing both ways.
  await framesFlow(desk, 30);
  await waitAbove(() => audioPackets(desk), (await audioPackets(desk)) + 50);
  await waitAbove(() => audioPackets(phone), (await audioPackets(phone)) + 50);
  const outageMs = Date.now() - killedAt;
  // End cannot reach the edge: the console says so and keeps the session (the customer is still live).
  await desk.getByRole("button", { name: "End session" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "End session" }).click();
  await expect(desk.getByRole("alert")).toContainText("No connection to the server");
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await framesFlow(desk);
  // The session list says it lost its live updates (the hidden video pauses meanwhile: adaptive stream).
  await desk.getByRole("tab", { name: "Sessions" }).click();
  const offline = desk.getByText("Live updates interrupted — reconnecting…");
  await expect(offline).toBeVisible();

  const restartAt = Date.now();
  await control("edge", "start");
  await expect(offline).toBeHidden({ timeout: 30_000 });
  const reattachMs = Date.now() - restartAt;
  // The session is intact in KV and still Active in the list.
  await expect(desk.getByRole("option", { name: /Edge crash/ })).toContainText("Active");
  const list = await (await desk.request.get("/api/sessions")).json();
  expect(list.sessions.find((s: { id: string }) => s.id === sessionId)?.status).toBe("active");
  report("edge-kill", { outage_ms: outageMs, sse_reattach_ms: reattachMs });

  await desk.getByRole("tab", { name: /Active session/ }).click();
  await desk.getByRole("button", { name: "End session" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "End session" }).click();
  await expect(desk.getByText("The session has ended.")).toBeVisible();
  await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeVisible();
  await desk.getByRole("tab", { name: "Sessions" }).click();
  await expect(desk.getByRole("option", { name: /Edge crash/ })).toContainText("Ended");
  await close();
});

test("faults: livekit-server is killed and restarted: both sides show reconnecting, then video is back", async ({ browser }) => {
  const { desk, phone, sessionId, close } = await liveSession(browser, "Media crash");
  const killedAt = Date.now();
  await control("livekit", "kill");
  await expect(desk.getByText("Connection lost — reconnecting…")).toBeVisible();
  await expect(phone.getByText("Connection lost — reconnecting…")).toBeVisible();
  await control("livekit", "start");
  const restartedAt = Date.now();

  await framesFlow(desk, 15, 60_000);
  const recoveredAt = Date.now();
  await expect(desk.getByText("Connection lost — reconnecting…")).toBeHidden();
  await expect(phone.getByText("Connection lost — reconnecting…")).toBeHidden();
  await waitAbove(() => audioPackets(desk), (await audioPackets(desk)) + 50);
  await waitAbove(() => audioPackets(phone), (await audioPackets(phone)) + 50);
  const list = await (await desk.request.get("/api/sessions")).json();
  expect(list.sessions.find((s: { id: string }) => s.id === sessionId)?.status).toBe("active");
  report("livekit-restart", {
    downtime_ms: restartedAt - killedAt,
    recovery_ms: recoveredAt - killedAt,
    after_restart_ms: recoveredAt - restartedAt,
  });
  await close();
});

test("faults: the technician ends the session while livekit-server is down: both sides end cleanly", async ({ browser }) => {
  const { desk, phone, sessionId, close } = await liveSession(browser, "Ended in outage");
  await control("livekit", "kill");
  await expect(phone.getByText("Connection lost — reconnecting…")).toBeVisible();
  await desk.getByRole("button", { name: "End session" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "End session" }).click();
  await expect(desk.getByText("The session has ended.")).toBeVisible();
  const list = await (await desk.request.get("/api/sessions")).json();
  expect(list.sessions.find((s: { id: string }) => s.id === sessionId)?.status).toBe("ended");
  const restartedAt = Date.now();
  await control("livekit", "start");
  // LiveKit lost the room and creates none (auto_create off): it refuses the customer's reconnect, and the
  // customer's app asks the edge, which says the session has ended.
  await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeVisible({ timeout: 60_000 });
  report("livekit-down-end", { customer_sees_end_after_restart_ms: Date.now() - restartedAt });
  await close();
});

/**
 * A Chromium on the customer's own network: its only way out is a cable `control("network", ...)` can
 * pull, so going offline cuts WebRTC too, as on a phone (setOffline alone stops page requests only).
 */
async function customerNetworkBrowser() {
  const executablePath = process.env.CUSTOMER_NETWORK_CHROMIUM;
  expect(executablePath, `no customer network: ${process.env.CUSTOMER_NETWORK_ERROR}`).toBeTruthy();
  return await chromium.launch({ ...chromiumLaunchOptions, executablePath });
}

test("faults: the customer is offline for 10 s and comes back without anyone clicking", async ({ browser }) => {
  const phoneBrowser = await customerNetworkBrowser();
  try {
    const { desk, phone, close } = await liveSession(browser, "Offline", phoneBrowser);
    // The phone's media leaves through its own network, not the host's loopback.
    expect(await mediaAddress(phone)).toMatch(/^10\.231\./);
    const noNetwork = phone.getByText("Your phone has no network connection.", { exact: false });
    const interrupted = desk.getByText("The customer's connection is interrupted — reconnecting…");
    await control("network", "kill");
    await phone.context().setOffline(true);
    const offlineAt = Date.now();
    await expect(noNetwork).toBeVisible();
    // The technician is told while the customer is gone.
    await expect(interrupted).toBeVisible({ timeout: 10_000 });
    const toldMs = Date.now() - offlineAt;
    await expect(desk.getByText("Customer connection: lost")).toBeVisible();
    await look(phone, "customer-offline");
    await look(desk, "console-customer-offline");
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - offlineAt))));
    await expect(interrupted).toBeVisible();
    await expect(desk.getByText("The session has ended.")).toBeHidden();
    await control("network", "start");
    await phone.context().setOffline(false);
    const onlineAt = Date.now();
    await expect(noNetwork).toBeHidden();
    // Back online, the video flows again by itself and the console says so; no one clicked anything.
    await framesFlow(desk, 15, 60_000);
    const resumeMs = Date.now() - onlineAt;
    await expect(interrupted).toBeHidden();
    // The phone's room is connected (not left reconnecting), and the session was never ended.
    await expect.poll(
      () => phone.evaluate(() => (globalThis as unknown as { __rooms: { state: string }[] }).__rooms.at(-1)?.state),
      {
        timeout: 30_000,
      },
    ).toBe("connected");
    await expect(phone.getByText("Camera is live")).toBeVisible();
    await expect(desk.getByText("The session has ended.")).toBeHidden();
    await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeHidden();
    console.log(`  phone room events: ${(await roomEvents(phone)).join(", ")}`);
    report("customer-offline-10s", { technician_told_ms: toldMs, resume_after_online_ms: resumeMs });
    await close();
  } finally {
    await phoneBrowser.close();
  }
});

test("faults: the technician reloads the console during a live session and rejoins it", async ({ browser }) => {
  const { desk, close } = await liveSession(browser, "Reloader");
  const reloadAt = Date.now();
  await desk.reload();
  await expect(desk.getByRole("tab", { name: /Active session/ })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => desk.getByLabel("Customer camera").evaluate((v: HTMLVideoElement) => v.videoWidth), {
    timeout: 30_000,
  }).toBeGreaterThan(0);
  await framesFlow(desk);
  report("technician-reload", { rejoin_ms: Date.now() - reloadAt });
  await close();
});

for (const scenario of ["signal-reconnect", "full-reconnect", "server-leave"] as const) {
  for (const side of ["customer", "technician"] as const) {
    test(`faults: simulated ${scenario} on the ${side}'s side`, async ({ browser }) => {
      const { desk, phone, close } = await liveSession(browser, `Sim ${scenario} ${side}`);
      const page = side === "customer" ? phone : desk;
      const at = Date.now();
      await simulate(page, scenario);
      // LiveKit resumes or rejoins by itself; after a server leave, the app joins a new room via the edge.
      const expected = scenario === "server-leave" ? "disconnected" : "reconnected";
      await expect.poll(() => roomEvents(page), { timeout: 30_000 }).toContain(expected);
      await framesFlow(desk, 15, 60_000);
      await expect(desk.getByText("Connection lost — reconnecting…")).toBeHidden();
      await expect(phone.getByText("Connection lost — reconnecting…")).toBeHidden();
      await expect(phone.getByText("Camera is live")).toBeVisible();
      await expect(desk.getByText("The session has ended.")).toBeHidden();
      if (scenario === "server-leave") {
        expect(await page.evaluate(() => (globalThis as unknown as { __rooms: unknown[] }).__rooms.length)).toBe(2);
      }
      report(`simulate-${scenario}-${side}`, { recovery_ms: Date.now() - at });
      await close();
    });
  }
}
