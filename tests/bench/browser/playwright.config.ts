import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "../../support/chromium.ts";

/**
 * The browser benchmarks, one at a time in one Chromium (Debian's, fake camera and microphone) with
 * the flags of the e2e suite; services are started by tests/bench/run.ts. A benchmark reports, so no
 * retries and no traces.
 */
export default defineConfig({
  testDir: ".",
  testMatch: "*.bench.ts",
  // The thin-uplink benchmark needs the customer's own network, which only `deno task bench:uplink` makes.
  testIgnore: process.env.BENCH_UPLINK ? [] : ["uplink.bench.ts"],
  workers: 1,
  fullyParallel: false,
  timeout: 10 * 60_000,
  expect: { timeout: 30_000 },
  retries: 0,
  reporter: [["list"]],
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? "../../../.data/playwright-bench",
  use: {
    baseURL: process.env.SIGHTLINE_URL,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
});
