/**
 * Issue 15 §6, thin uplinks: a live session whose customer runs in their own network namespace, with
 * the uplink limited (tc tbf) to each rate in turn. Per rate: 20 s to settle, then 20 s measured at the
 * console (received resolution, frame rate, video and audio bitrate, audio concealment, what both
 * screens say); then the limit is lifted and the time until the console receives the unshaped
 * resolution and frame rate again is the recovery. The unshaped session, measured first, is the
 * baseline. Figures are reported, never asserted. Run by `deno task bench:uplink` (tests/bench/uplink.ts).
 */
import { expect, type Page, test } from "@playwright/test";
import { startLiveSession } from "../../e2e/support.ts";
import { customerNetworkBrowser, shapeUplink } from "../../e2e/customer_network.ts";
import {
  fpsBetween,
  type Inbound,
  qpPerSecond,
  readInbound,
  readOutbound,
  type Sample,
  summarize,
} from "./uplink_stats.ts";
import { writeResult } from "./support.ts";

export const RATES_KBPS = [1500, 500, 300];
const SETTLE_MS = Number(process.env.BENCH_UPLINK_SETTLE_MS ?? 20_000);
const MEASURE_MS = Number(process.env.BENCH_UPLINK_MEASURE_MS ?? 20_000);
const RECOVERY_TIMEOUT_MS = 90_000;
/**
 * Back to the unshaped picture: its resolution, at least this share of its frame rate, and a quantizer
 * at most `RECOVERED_QP_ABOVE` above its own (the customer keeps the resolution, so detail comes back
 * through the quantizer).
 */
const RECOVERED_FPS_SHARE = 0.8;
const RECOVERED_QP_ABOVE = 10;

const HINT = /too weak for a sharp moving picture/;

async function sample(desk: Page, phone: Page, since: number): Promise<Sample> {
  const [deskStats, phoneStats, customerQuality, weakBanner, hint] = await Promise.all([
    readInbound(desk),
    readOutbound(phone),
    desk.getByText(/^Customer connection: /).textContent().then((t) => t?.replace(/^Customer connection: /, "")),
    phone.getByText(/^Weak connection/).isVisible(),
    desk.getByText(HINT).isVisible(),
  ]);
  return {
    t: Date.now() - since,
    desk: deskStats,
    phone: phoneStats,
    customerQuality: customerQuality ?? "",
    weakBanner,
    hint,
  };
}

/** Samples once a second for `ms`. */
async function sampleFor(desk: Page, phone: Page, since: number, ms: number) {
  const samples: Sample[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const next = Date.now() + 1000;
    samples.push(await sample(desk, phone, since));
    await desk.waitForTimeout(Math.max(0, next - Date.now()));
  }
  samples.push(await sample(desk, phone, since));
  return samples;
}

/**
 * Lifts the limit and samples until two seconds in a row bring the baseline's picture back (resolution,
 * frame rate, quantizer: see `RECOVERED_FPS_SHARE`); the time to the first of them, or null (not within
 * the timeout).
 */
async function recover(
  desk: Page,
  phone: Page,
  baseline: { resolution: string | null; fps: number | null; qp: number | null },
) {
  await shapeUplink(null);
  const since = Date.now();
  let previous: Inbound = await readInbound(desk);
  let goodSince: number | null = null;
  let hintHiddenAfterMs: number | null = null;
  const qps: (number | null)[] = [];
  while (Date.now() - since < RECOVERY_TIMEOUT_MS) {
    await desk.waitForTimeout(1000);
    const s = await sample(desk, phone, since);
    hintHiddenAfterMs ??= s.hint ? null : s.t;
    const frames = s.desk.framesDecoded - previous.framesDecoded;
    const qp = frames > 0 ? (s.desk.qpSum - previous.qpSum) / frames : null;
    qps.push(qp === null ? null : Math.round(qp));
    const good = `${s.desk.width}×${s.desk.height}` === baseline.resolution &&
      fpsBetween(previous, s.desk) >= RECOVERED_FPS_SHARE * (baseline.fps ?? 0) &&
      qp !== null && qp <= (baseline.qp ?? 0) + RECOVERED_QP_ABOVE;
    previous = s.desk;
    if (!good) goodSince = null;
    else if (goodSince === null) goodSince = s.t - 1000;
    else if (hintHiddenAfterMs !== null) break;
  }
  console.log(`  lifted, quantizer per second: ${qps.join(" ")}`);
  return { recoveryMs: goodSince, hintHiddenAfterMs };
}

test("uplink: the customer's uplink limited to 1.5 Mbit/s, 500 and 300 kbit/s, and lifted", async ({ browser }) => {
  test.setTimeout(20 * 60_000);
  const phoneBrowser = await customerNetworkBrowser();
  const { desk, phone, close } = await startLiveSession(browser, "Uplink", undefined, phoneBrowser);
  try {
    await shapeUplink(null);
    const unshapedSamples = await sampleFor(desk, phone, Date.now(), SETTLE_MS + MEASURE_MS);
    const unshaped = summarize(unshapedSamples.filter((s) => s.t >= SETTLE_MS));
    console.log(`  unshaped: ${JSON.stringify(unshaped)}`);
    console.log(`  unshaped, quantizer per second: ${qpPerSecond(unshapedSamples).join(" ")}`);
    const rates: Record<string, unknown> = {};
    for (const kbit of RATES_KBPS) {
      await shapeUplink(kbit);
      const since = Date.now();
      const samples = await sampleFor(desk, phone, since, SETTLE_MS + MEASURE_MS);
      const row = summarize(samples.filter((s) => s.t >= SETTLE_MS));
      const hintShownAfterMs = samples.find((s) => s.hint)?.t ?? null;
      const weakBannerAfterMs = samples.find((s) => s.weakBanner)?.t ?? null;
      const recovery = await recover(desk, phone, unshaped);
      rates[kbit] = { ...row, hintShownAfterMs, weakBannerAfterMs, ...recovery };
      console.log(`  ${kbit} kbit/s: ${JSON.stringify(rates[kbit])}`);
      console.log(`  ${kbit} kbit/s, quantizer per second: ${qpPerSecond(samples).join(" ")}`);
      // The session is still live after each rate: the console shows no end, the customer's camera is live.
      await expect(desk.getByText("The session has ended.")).toBeHidden();
      await expect(phone.getByText("Camera is live")).toBeVisible();
    }
    writeResult("uplink", {
      settleMs: SETTLE_MS,
      measureMs: MEASURE_MS,
      recoveredFpsShare: RECOVERED_FPS_SHARE,
      recoveredQpAbove: RECOVERED_QP_ABOVE,
      unshaped,
      rates,
    });
  } finally {
    await shapeUplink(null).catch(() => {});
    await close();
    await phoneBrowser.close();
  }
});
