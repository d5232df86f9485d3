/**
 * Issue 7 §3, customer load under emulated slow 4G (DevTools: 150 ms RTT, 1.6 Mbit/s down,
 * 750 kbit/s up, 4× CPU slowdown): time from navigation to the tutorial, and to the camera prompt
 * when the customer skips the tutorial at once. Cold: a fresh browser profile (empty cache, no
 * service worker); warm: the same link again once the service worker has installed and precached.
 * 10 runs each, p50. The download sizes come from tests/bench/size.ts.
 */
import { expect, type Page, test } from "@playwright/test";
import { devices } from "@playwright/test";
import { baseURL, createLinkAs, createTechnician, signInConsole } from "../../e2e/support.ts";
import { type BenchGlobals, watchTutorialAndPrompt } from "./page_scripts.ts";
import { writeResult } from "./support.ts";
import { summary } from "../stats.ts";

const RUNS = 10;

/** Navigates to `link` and returns the in-page times (ms from navigation start) of tutorial and prompt. */
async function load(page: Page, link: string) {
  await page.goto(link, { waitUntil: "commit" });
  const times = () =>
    page.evaluate(() => {
      const g = globalThis as unknown as BenchGlobals;
      return { tutorial: g.__benchTutorialAt, prompt: g.__benchPromptAt };
    });
  await expect.poll(async () => (await times()).prompt, { timeout: 60_000 }).not.toBeNull();
  return (await times()) as { tutorial: number; prompt: number };
}

test("customer load on slow 4G, cold and warm", async ({ browser }) => {
  const tech = await createTechnician();
  const console_ = await browser.newContext({ baseURL });
  const desk = await console_.newPage();
  await signInConsole(desk, tech);
  // A look-up does not consume the PIN, so one link serves every run.
  const { link } = await createLinkAs(desk, "Slow 4G");
  await console_.close();

  const cold = { tutorial: [] as number[], prompt: [] as number[] };
  const warm = { tutorial: [] as number[], prompt: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ ...devices["Pixel 7"], locale: "en-US", baseURL });
    await context.addInitScript(watchTutorialAndPrompt);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: 1.6e6 / 8,
      uploadThroughput: 750e3 / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

    const c = await load(page, link);
    cold.tutorial.push(c.tutorial);
    cold.prompt.push(c.prompt);
    // The worker registers after load and precaches; `ready` resolves once it is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Leave first: the same URL again would only be a fragment navigation within the page.
    await page.goto("about:blank");
    const w = await load(page, link);
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    warm.tutorial.push(w.tutorial);
    warm.prompt.push(w.prompt);
    console.log(
      `  run ${i + 1}: cold tutorial ${c.tutorial.toFixed(0)} ms, prompt ${c.prompt.toFixed(0)} ms; ` +
        `warm${controlled ? "" : " (no service worker!)"} tutorial ${w.tutorial.toFixed(0)} ms, prompt ${
          w.prompt.toFixed(0)
        } ms`,
    );
    await context.close();
  }

  writeResult("load", {
    slow4gTutorialMs: { cold: summary(cold.tutorial, [50]).p50, warm: summary(warm.tutorial, [50]).p50 },
    slow4gPromptMs: { cold: summary(cold.prompt, [50]).p50, warm: summary(warm.prompt, [50]).p50 },
    samples: { cold, warm },
  });
});
