/**
 * `deno task dev --lan` (`.ci/dev.ts`, `.ci/lan.ts`) as a person tries Sightline on their phone: the
 * real command started on the customer network's host address, a phone-sized Chromium inside the
 * customer's network namespace that trusts the local CA (as a phone does once the CA is installed) and
 * can reach the machine only through that address, the technician in the console on the host.
 */
import { devices, expect, type Page, test } from "@playwright/test";
import * as api from "../../shared/api.ts";
import { edgeClients } from "../support/edge_client.ts";
import { startDevLan } from "./dev_lan.ts";
import { mediaPath, trustingChromium } from "./field_browsers.ts";
import { capturePeerConnections, customerJoins, inboundStat, startWaiting, waitAbove } from "./support.ts";

test("dev --lan: a phone reaches it only through the LAN address, over HTTPS, and goes live", async () => {
  test.setTimeout(240_000);
  const lanAddress = process.env.CUSTOMER_NETWORK_HOST;
  expect(lanAddress, `no customer network (it needs root): ${process.env.CUSTOMER_NETWORK_ERROR}`).toBeTruthy();
  const phoneBrowser = await trustingChromium("customer-network");
  const deskBrowser = await trustingChromium("host");
  const dev = await startDevLan(lanAddress!);
  try {
    const { origin } = dev;
    // It printed the customer link of a fresh session on the LAN's HTTPS origin, and QR codes to scan.
    expect(dev.link).toMatch(new RegExp(`^${origin.replaceAll(".", "\\.")}/j/\\d{6}#k=`));
    // deno-lint-ignore no-control-regex
    expect(dev.output().match(/\x1b\[97;40m[▀▄█ ]+\x1b\[0m/g)?.length, "QR code lines").toBeGreaterThan(20);

    const customer = await phoneBrowser.newContext({ ...devices["Pixel 7"], locale: "en-US" });
    await customer.grantPermissions(["camera", "microphone"], { origin });
    await customer.addInitScript(capturePeerConnections);
    const phone = await customer.newPage();
    const sockets: string[] = [];
    phone.on("websocket", (ws) => sockets.push(ws.url()));

    // Loopback leads nowhere from the phone's network: the LAN address is its only way in.
    const loopback = await phone.evaluate(async (port) => {
      try {
        await fetch(`https://127.0.0.1:${port}/api/health`);
        return "reached";
      } catch {
        return "unreachable";
      }
    }, new URL(origin).port);
    expect(loopback).toBe("unreachable");

    await customerJoins(phone, dev.link);
    expect(await phone.evaluate(() => isSecureContext)).toBe(true);
    expect(new URL(phone.url()).origin).toBe(origin);

    const technician = await deskBrowser.newContext({ viewport: { width: 1366, height: 800 }, locale: "en-US" });
    await technician.grantPermissions(["camera", "microphone"], { origin });
    await technician.addInitScript(capturePeerConnections);
    const desk = await technician.newPage();
    await signIn(desk, origin, dev.demo);
    await startWaiting(desk, /Phone test/);
    await expect(phone.getByText("Camera is live")).toBeVisible({ timeout: 30_000 });
    const frames = await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 0, 30_000);
    await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), frames + 30, 30_000);

    // Signalling went to LiveKit's TLS port on the LAN address, media straight to the LAN address.
    const livekitOrigin = `wss://${lanAddress}:${Number(new URL(origin).port) + 1}`;
    expect(sockets.some((url) => url.startsWith(`${livekitOrigin}/rtc`)), sockets.join(", ")).toBe(true);
    const path = await mediaPath(phone, "outbound");
    expect(path?.remote.address).toBe(lanAddress);
    console.log(`  phone camera over the LAN: ${JSON.stringify(path)}`);

    // The pages kept to the CSP, whose connect-src names the LAN's LiveKit URL.
    const { admin } = edgeClients({ baseUrl: `http://127.0.0.1:${dev.edgePort}`, adminToken: dev.adminToken });
    const { reports } = await admin.call(api.cspReports);
    expect(reports.map((r) => `${r.directive} blocked ${r.blocked}`)).toEqual([]);

    await desk.getByRole("button", { name: "End session" }).click();
    await desk.getByRole("alertdialog").getByRole("button", { name: "End session" }).click();
    await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeVisible();
  } finally {
    await phoneBrowser.close();
    await deskBrowser.close();
    await dev.stop();
  }
});

async function signIn(page: Page, origin: string, demo: { email: string; password: string }) {
  await page.goto(`${origin}/console`);
  await page.getByLabel("Email").fill(demo.email);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "New session" })).toBeVisible();
}
