/**
 * The customer's own network (tests/support/customer_network.ts) from a Playwright spec: a Chromium
 * whose only way out is the namespace's veth pair, and the control endpoint of `tests/run.ts` (or
 * `tests/bench/uplink.ts`) that limits that pair's uplink.
 */
import { chromium, expect, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../support/chromium.ts";

/** A Chromium inside the customer's network namespace. */
export async function customerNetworkBrowser() {
  const executablePath = process.env.CUSTOMER_NETWORK_CHROMIUM;
  expect(executablePath, `no customer network (it needs root): ${process.env.CUSTOMER_NETWORK_ERROR}`).toBeTruthy();
  return await chromium.launch({ ...chromiumLaunchOptions, executablePath });
}

/** Limits the customer's uplink to `kbit` kbit/s (tc tbf, tests/support/uplink.ts), or lifts it (`null`). */
export async function shapeUplink(kbit: number | null) {
  const url = `${process.env.SIGHTLINE_CONTROL_URL}/network/shape/${kbit ?? "off"}`;
  const res = await fetch(url, { method: "POST" });
  expect(res.ok, `shape ${kbit ?? "off"}: ${await res.clone().text()}`).toBe(true);
}

/** The local address of the page's media path (the selected ICE candidate pair), e.g. "10.231.7.2". */
export function mediaAddress(page: Page) {
  return page.evaluate(async () => {
    for (const pc of (globalThis as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState !== "connected") continue;
      const stats = [...(await pc.getStats()).values()];
      const transport = stats.find((r) => r.type === "transport" && r.selectedCandidatePairId);
      const pair = stats.find((r) => r.id === transport?.selectedCandidatePairId);
      const local = stats.find((r) => r.id === pair?.localCandidateId);
      if (local) return `${local.address ?? local.ip}`;
    }
    return "";
  });
}
