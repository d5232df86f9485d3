/**
 * The customer's own network (tests/support/customer_network.ts) from a Playwright spec: a Chromium
 * whose only way out is the namespace's veth pair, and the control endpoint of `tests/run.ts` (or
 * `tests/bench/uplink.ts`) that limits that pair's uplink.
 */
import { chromium, expect } from "@playwright/test";
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
