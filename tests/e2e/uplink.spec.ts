/**
 * Issue 15 §6, a thin uplink: the customer's Chromium runs in its own network namespace
 * (tests/support/customer_network.ts), whose uplink the test limits to 300 kbit/s with tc tbf through the
 * control endpoint. The figures per rate are `deno task bench:uplink`'s; this proves the behaviour.
 */
import { expect, type Page, test } from "@playwright/test";
import { inboundStat, look, startLiveSession, waitAbove } from "./support.ts";
import { customerNetworkBrowser, mediaAddress, shapeUplink } from "./customer_network.ts";

/** The received width and height of the customer's camera at the console. */
const received = (desk: Page) =>
  desk.getByLabel("Customer camera").evaluate((v: HTMLVideoElement) => `${v.videoWidth}×${v.videoHeight}`);

/** Audio packets the console received in each of the next `seconds` seconds. */
async function audioPerSecond(desk: Page, seconds: number) {
  const counts: number[] = [];
  let last = await inboundStat(desk, "audio", "packetsReceived");
  for (let i = 0; i < seconds; i++) {
    await desk.waitForTimeout(1000);
    const now = await inboundStat(desk, "audio", "packetsReceived");
    counts.push(now - last);
    last = now;
  }
  return counts;
}

test.afterEach(async () => {
  // A test that failed half-way must not leave the customer's network thin for the next one.
  if (process.env.CUSTOMER_NETWORK_CHROMIUM) await shapeUplink(null);
});

test("uplink: at 300 kbit/s the session stays live with audio flowing and the console offers HD photo; the hint goes when the limit is lifted", async ({ browser }) => {
  test.setTimeout(180_000);
  const phoneBrowser = await customerNetworkBrowser();
  try {
    const { desk, phone, close } = await startLiveSession(browser, "Thin uplink", undefined, phoneBrowser);
    // The phone's media leaves through its own network, the one the limit applies to.
    expect(await mediaAddress(phone)).toMatch(/^10\.231\./);
    await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 20);
    const unshaped = await received(desk);
    const hint = desk.getByText("The customer's connection is too weak for a sharp moving picture.", { exact: false });
    const weak = phone.getByText("Weak connection", { exact: false });
    await expect(hint).toBeHidden();

    await shapeUplink(300);
    await expect(hint).toBeVisible({ timeout: 45_000 });
    // Both sides say the connection is weak, though LiveKit's own rating of one steady layer need not.
    await expect(desk.getByText("Customer connection: poor")).toBeVisible();
    await expect(weak).toBeVisible();
    // The hint points at HD photo, which stays available.
    const photo = desk.getByRole("button", { name: "HD photo", exact: true });
    await expect(photo).toBeEnabled();
    await expect(photo).toHaveAccessibleDescription(/too weak for a sharp moving picture/);
    await look(desk, "console-thin-uplink");
    await look(phone, "customer-thin-uplink");
    // Still live: the picture keeps its resolution (maintain-resolution) and keeps coming; the customer's
    // voice arrives every second, the technician's reaches the phone; nothing ended.
    expect(await received(desk)).toBe(unshaped);
    await waitAbove(
      () => inboundStat(desk, "video", "framesDecoded"),
      (await inboundStat(desk, "video", "framesDecoded")) + 20,
    );
    const audio = await audioPerSecond(desk, 10);
    expect(audio.every((n) => n > 0), `audio packets per second at 300 kbit/s: ${audio}`).toBe(true);
    await waitAbove(
      () => inboundStat(phone, "audio", "packetsReceived"),
      (await inboundStat(phone, "audio", "packetsReceived")) + 50,
    );
    await expect(phone.getByText("Camera is live")).toBeVisible();
    await expect(desk.getByText("The session has ended.")).toBeHidden();
    // The HD photo comes through the thin uplink whole.
    await photo.click();
    await expect(desk.getByRole("img", { name: /HD photo from the customer's camera/ })).toBeVisible({
      timeout: 60_000,
    });
    await desk.getByRole("button", { name: "Unfreeze" }).click();
    await expect(hint).toBeVisible({ timeout: 45_000 });

    await shapeUplink(null);
    await expect(hint).toBeHidden({ timeout: 45_000 });
    await expect(weak).toBeHidden({ timeout: 45_000 });
    await expect(desk.getByText("Customer connection: poor")).toBeHidden();
    await expect(photo).not.toHaveAttribute("aria-describedby");
    await close();
  } finally {
    await phoneBrowser.close();
  }
});
