import { expect, test } from "@playwright/test";
import * as api from "../../shared/api.ts";
import { roomName } from "../../shared/constants.ts";
import { apiTechnician, deskContext, look, phoneContext, roomService, signInConsole } from "./support.ts";

/** The technician's view of the session in their list, through the API. */
async function listed(tech: Awaited<ReturnType<typeof apiTechnician>>, id: string) {
  return (await tech.client.call(api.listSessions)).sessions.find((s) => s.id === id)!;
}

test("Accept after a failed join gets back in with the saved customer key; the technician saw why", async ({ browser }) => {
  const tech = await apiTechnician();
  const { session, link } = await tech.createLink("Broken join");
  const customer = await phoneContext(browser);
  const phone = await customer.newPage();
  // The media server's signal connection fails while `broken`, as on a network that drops it.
  let broken = true;
  await phone.routeWebSocket(/\/rtc/, (ws) => broken ? ws.close() : ws.connectToServer());
  const posted: string[] = [];
  phone.on("request", (r) => r.method() === "POST" && posted.push(new URL(r.url()).pathname));

  await phone.goto(link);
  await phone.getByRole("button", { name: "Skip" }).click();
  await phone.getByRole("button", { name: "Allow camera and microphone" }).click();
  await phone.getByRole("button", { name: "Accept" }).click();
  await expect(phone.getByRole("alert")).toContainText("The video service cannot be reached right now");
  await look(phone, "customer-join-failed");
  await expect.poll(async () => (await listed(tech, session.id)).customerProgress?.reason).toBe("media-server");

  broken = false;
  await phone.getByRole("button", { name: "Accept" }).click();
  await expect(phone.getByRole("heading", { name: "Waiting for your technician" })).toBeVisible();
  expect(posted.filter((p) => p.endsWith("/accept")), "the used-up PIN is not sent again").toHaveLength(1);
  expect(posted).toContain(api.rejoinSession.path);
  await tech.waitForStatus(session.id, "waiting");
  expect((await listed(tech, session.id)).customerProgress, "cleared once the customer is in").toBeNull();

  expect((await tech.start(session.id)).status()).toBe(200);
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await tech.end(session.id);
  await customer.close();
  await tech.dispose();
});

/**
 * Init script: while `globalThis.__sightlineNoMedia` is true, every RTCPeerConnection of the page may use
 * relayed candidates only and has no relay to use — no media path can open, as on a network that drops
 * UDP and the media ports (the real one is in network_paths.spec.ts, where LiveKit's TURN gets through).
 */
const blockMedia = () => {
  const g = globalThis as unknown as { __sightlineNoMedia: boolean };
  g.__sightlineNoMedia = true;
  const block = (config?: RTCConfiguration): RTCConfiguration | undefined =>
    g.__sightlineNoMedia ? { ...config, iceServers: [], iceTransportPolicy: "relay" } : config;
  const Native = RTCPeerConnection;
  globalThis.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(block(config));
    }
    // livekit-client hands the media server's ICE servers over after the peer connection exists.
    override setConfiguration(config?: RTCConfiguration) {
      super.setConfiguration(block(config));
    }
  };
};

test("a network that blocks video calls: the customer is told and relayed, the technician sees why, Accept again gets in", async ({ browser }) => {
  test.setTimeout(180_000);
  const tech = await apiTechnician();
  const { session, link } = await tech.createLink("Blocked network");
  const customer = await phoneContext(browser);
  await customer.addInitScript(blockMedia);
  const phone = await customer.newPage();

  await phone.goto(link);
  await phone.getByRole("button", { name: "Skip" }).click();
  await phone.getByRole("button", { name: "Allow camera and microphone" }).click();
  await phone.getByRole("button", { name: "Accept" }).click();
  // The direct way fails: the customer hears why while the relay is tried, and the technician learns it.
  await expect(phone.getByText("This network blocks video calls — trying another way")).toBeVisible({
    timeout: 40_000,
  });
  await expect.poll(async () => (await listed(tech, session.id)).customerProgress?.reason).toBe("network");
  // The technician's console says it in the session list.
  const desktop = await deskContext(browser);
  const desk = await desktop.newPage();
  await signInConsole(desk, tech);
  await expect(desk.getByRole("option", { name: /Blocked network/ })).toContainText(
    "Customer cannot connect (network)",
  );
  await look(desk, "console-customer-cannot-connect");
  // The relay fails too: a plain-words message with the way forward.
  await expect(phone.getByRole("alert")).toContainText("try mobile data or another Wi-Fi", { timeout: 40_000 });
  await look(phone, "customer-network-blocked");

  // Finding another network takes a while: long enough for LiveKit to close the empty room, which
  // must not end the session the customer is still trying to reach.
  await expect.poll(async () => (await roomService().listRooms([roomName(session.id)])).length, {
    timeout: 60_000,
  }).toBe(0);
  expect((await listed(tech, session.id)).status).toBe("pending");

  // On a network that lets the call through, Accept again gets in (through the relay, as the first
  // try taught it) — with the saved key, not the used-up PIN.
  await phone.evaluate(() => (globalThis as unknown as { __sightlineNoMedia: boolean }).__sightlineNoMedia = false);
  await phone.getByRole("button", { name: "Accept" }).click();
  await expect(phone.getByRole("heading", { name: "Waiting for your technician" })).toBeVisible({ timeout: 30_000 });
  await tech.waitForStatus(session.id, "waiting");
  expect((await listed(tech, session.id)).customerProgress, "cleared once the customer is in").toBeNull();
  expect((await tech.start(session.id)).status()).toBe(200);
  await expect(phone.getByText("Camera is live")).toBeVisible({ timeout: 30_000 });
  await tech.end(session.id);
  await customer.close();
  await desktop.close();
  await tech.dispose();
});
