/**
 * What the field network specs share (`network_paths.spec.ts`, `lan.spec.ts`): Chromium that trusts the
 * local CA as a phone that installed it does (`SIGHTLINE_TRUST_HOME`, tests/support/trust_store.ts), on
 * the customer's own network or on the host; switching the customer network's UDP off and on through
 * the control endpoint; forcing the customer through TURN from outside the app; and reading which ICE
 * candidate pair carries the media.
 */
import { chromium, expect, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../support/chromium.ts";

/** Why the run has no customer network or TLS for TURN, from `tests/run.ts` (empty when it has both). */
const missing = () =>
  [process.env.CUSTOMER_NETWORK_ERROR, process.env.FIELD_NETWORK_ERROR].filter(Boolean).join("; ") ||
  "unknown (start the tests with deno task test)";

/** A Chromium trusting the local CA: inside the customer's network namespace, or on the host. */
export async function trustingChromium(where: "customer-network" | "host") {
  const home = process.env.SIGHTLINE_TRUST_HOME;
  expect(home, `no trust store for the local CA: ${missing()}`).toBeTruthy();
  const executablePath = where === "host"
    ? chromiumLaunchOptions.executablePath
    : process.env.CUSTOMER_NETWORK_CHROMIUM;
  expect(executablePath, `no customer network (it needs root): ${missing()}`).toBeTruthy();
  return await chromium.launch({ ...chromiumLaunchOptions, executablePath, env: { ...process.env, HOME: home! } });
}

/** Drops all UDP in and out of the customer's network (`blocked`), or lets it through again. */
export async function setCustomerUdp(blocked: boolean) {
  const action = blocked ? "udp-block" : "udp-allow";
  const res = await fetch(`${process.env.SIGHTLINE_CONTROL_URL}/network/${action}`, { method: "POST" });
  expect(res.ok, `network ${action}: ${await res.clone().text()} (${missing()})`).toBe(true);
}

/**
 * Init script: every RTCPeerConnection of the page may use relayed (TURN) candidates only, whatever
 * livekit-client asks for, as a network that lets nothing else through would. With `servers: "udp"` it
 * also keeps only the TURN/UDP servers LiveKit hands out (Chromium may otherwise settle on TURN/TLS).
 */
export const forceRelay = (servers: "any" | "udp") => {
  const relay = (config?: RTCConfiguration): RTCConfiguration => ({
    ...config,
    iceTransportPolicy: "relay",
    iceServers: servers !== "udp" ? config?.iceServers : config?.iceServers
      ?.map((s) => ({ ...s, urls: [s.urls].flat().filter((url) => /^turn:.*transport=udp/.test(url)) }))
      .filter((s) => s.urls.length > 0),
  });
  const Original = globalThis.RTCPeerConnection;
  globalThis.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(relay(config));
    }
    override setConfiguration(config?: RTCConfiguration) {
      super.setConfiguration(relay(config));
    }
  };
};

export interface Candidate {
  candidateType: string;
  protocol: string;
  relayProtocol?: string;
  address: string;
  port: number;
}

/**
 * The local and remote candidate of the selected pair of the page's connected peer connection that
 * sends (`outbound`) or receives video — from getStats (needs the e2e suite's `__pcs` capture).
 */
export function mediaPath(page: Page, direction: "outbound" | "inbound") {
  return page.evaluate(async (type) => {
    const pick = (r: Record<string, unknown> | undefined) =>
      r && {
        candidateType: r.candidateType,
        protocol: r.protocol,
        relayProtocol: r.relayProtocol,
        address: r.address ?? r.ip,
        port: r.port,
      };
    for (const pc of (globalThis as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState !== "connected") continue;
      const stats = [...(await pc.getStats()).values()];
      if (!stats.some((r) => r.type === type && r.kind === "video")) continue;
      const transport = stats.find((r) => r.type === "transport" && r.selectedCandidatePairId);
      const pair = stats.find((r) => r.id === transport?.selectedCandidatePairId);
      const local = pick(stats.find((r) => r.id === pair?.localCandidateId));
      const remote = pick(stats.find((r) => r.id === pair?.remoteCandidateId));
      if (local && remote) return { local, remote };
    }
    return null;
  }, `${direction}-rtp`) as Promise<{ local: Candidate; remote: Candidate } | null>;
}
