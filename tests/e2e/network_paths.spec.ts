/**
 * The customer goes live on networks that make WebRTC work for it (DESIGN §8): a customer Chromium on
 * its own network namespace (tests/support/customer_network.ts) with UDP allowed, with all UDP dropped
 * (ICE/TCP or TURN/TLS must carry the media), and forced through LiveKit's TURN server from outside the
 * app. Each test asserts the candidate pair that carries the customer's camera (getStats), and prints
 * Start click → first frame of the customer camera in the console as
 * `FIELD start_to_first_frame_ms path=<udp|tcp|turn-udp|turn-tls> <ms>` (reported, not asserted).
 */
import { type Browser, expect, test } from "@playwright/test";
import { watchStartToFirstFrame } from "../bench/browser/page_scripts.ts";
import {
  createLinkAs,
  createTechnician,
  customerJoins,
  inboundStat,
  openContexts,
  signInConsole,
  startWaiting,
  waitAbove,
} from "./support.ts";
import { type Candidate, forceRelay, mediaPath, setCustomerUdp, trustingChromium } from "./field_browsers.ts";

test.afterEach(async () => {
  // Other tests (the offline fault test) use the customer's network with UDP.
  if (process.env.CUSTOMER_NETWORK_CHROMIUM) await setCustomerUdp(false);
});

/** The path label of a local candidate, as the FIELD lines name it. */
function pathOf(local: Candidate) {
  if (local.candidateType === "relay") return `turn-${local.relayProtocol}`;
  return local.protocol;
}

/**
 * A technician on the host and a customer on their own network go live; returns the candidate pair of
 * the customer's camera and the Start → first frame time the console measured.
 */
async function goLive(browser: Browser, name: string, o: { relay?: "any" | "udp" } = {}) {
  const phoneBrowser = await trustingChromium("customer-network");
  try {
    const tech = await createTechnician();
    const { customer, technician } = await openContexts(browser, "en-US", phoneBrowser);
    if (o.relay) await customer.addInitScript(forceRelay, o.relay);
    await technician.addInitScript(watchStartToFirstFrame);
    const desk = await technician.newPage();
    const phone = await customer.newPage();
    await signInConsole(desk, tech);
    const { link } = await createLinkAs(desk, name);
    await customerJoins(phone, link);
    await startWaiting(desk, name);
    await expect(phone.getByText("Camera is live")).toBeVisible({ timeout: 30_000 });
    // Live: the console keeps decoding new frames of the customer's camera.
    const frames = await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 0, 30_000);
    await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), frames + 30, 30_000);
    const ms = await desk.evaluate(() => {
      const g = globalThis as unknown as { __benchStartClick: number | null; __benchFirstFrame: number | null };
      return g.__benchStartClick !== null && g.__benchFirstFrame !== null
        ? g.__benchFirstFrame - g.__benchStartClick
        : null;
    });
    expect(ms, "the console saw Start and a first frame after it").not.toBeNull();
    const path = await mediaPath(phone, "outbound");
    expect(path, "the customer's camera has a selected candidate pair").not.toBeNull();
    // The media crosses the customer's network to LiveKit's media address, never loopback.
    expect(path!.remote.address).toBe(process.env.CUSTOMER_NETWORK_HOST);
    console.log(`  customer camera: local ${JSON.stringify(path!.local)} remote ${JSON.stringify(path!.remote)}`);
    // LiveKit announces no loopback address: even the technician on the same machine uses the media address.
    expect((await mediaPath(desk, "inbound"))?.remote.address).toBe(process.env.CUSTOMER_NETWORK_HOST);
    await customer.close();
    await technician.close();
    return { ...path!, ms: Math.round(ms!) };
  } finally {
    await phoneBrowser.close();
  }
}

function report(local: Candidate, ms: number) {
  const line = `FIELD start_to_first_frame_ms path=${pathOf(local)} ${ms}`;
  console.log(line);
  test.info().annotations.push({ type: "field", description: line });
}

test("field network: with UDP the customer's camera goes over UDP to LiveKit's media address", async ({ browser }) => {
  const { local, ms } = await goLive(browser, "Field UDP");
  expect(local.protocol).toBe("udp");
  expect(local.candidateType).not.toBe("relay");
  report(local, ms);
});

test("field network: all UDP blocked, the customer still goes live over ICE/TCP or TURN/TLS", async ({ browser }) => {
  await setCustomerUdp(true);
  const { local, ms } = await goLive(browser, "Field no UDP");
  const path = pathOf(local);
  expect(["tcp", "turn-tls"], `path ${path}`).toContain(path);
  report(local, ms);
});

test("field network: forced to relay on TURN/UDP, the customer goes live through LiveKit's TURN", async ({ browser }) => {
  const { local, ms } = await goLive(browser, "Field relay", { relay: "udp" });
  expect(local.candidateType).toBe("relay");
  expect(local.relayProtocol).toBe("udp");
  report(local, ms);
});

test("field network: forced to relay with all UDP blocked, the customer goes live over TURN/TLS", async ({ browser }) => {
  await setCustomerUdp(true);
  const { local, ms } = await goLive(browser, "Field relay TLS", { relay: "any" });
  expect(local.candidateType).toBe("relay");
  expect(local.relayProtocol).toBe("tls");
  report(local, ms);
});
