import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "../support/chromium.ts";

/** Chromium from Debian with fake camera/microphone; services are started by tests/run.ts. */
export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  // Two browsers with live WebRTC per test: one at a time on a 2-core machine.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [["list"], ["json"]],
  // The fault tests kill and restart the shared edge and livekit-server, so they run after everything
  // else: with one worker, Playwright runs the projects in this order. (No `dependencies`: that would
  // skip them whenever any other test failed.)
  // The customer in Firefox and in WebKit (their own browsers, driven by puppeteer-core and WebDriver)
  // are projects of their own, so `tests/run.ts` counts them apart and `--project webkit` runs one alone.
  projects: [
    { name: "e2e", testIgnore: ["faults.spec.ts", "firefox.spec.ts", "webkit.spec.ts"] },
    { name: "firefox", testMatch: "firefox.spec.ts" },
    { name: "webkit", testMatch: "webkit.spec.ts" },
    { name: "faults", testMatch: "faults.spec.ts" },
  ],
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? "../../.data/playwright",
  use: {
    baseURL: process.env.SIGHTLINE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
});
