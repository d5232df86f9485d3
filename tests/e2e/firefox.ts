/**
 * The customer's phone in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core. Playwright
 * cannot drive that Firefox: its `firefox` speaks Juggler, a protocol only Playwright's own Firefox build
 * has (Playwright 1.65 starts Debian's with `-juggler-pipe`, which exits at once: "Failed to launch the
 * browser process"). Like Chromium in the other specs, Firefox gets a fake camera and microphone
 * without a prompt and may autoplay; `FIREFOX_PATH` comes from `tests/run.ts`, which provisions
 * `firefox-esr`.
 */
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { baseURL, capturePeerConnections } from "./support.ts";
import { recordSecretsInAnswer } from "./secrets.ts";

const PREFS = {
  "media.navigator.streams.fake": true,
  "media.navigator.permission.disabled": true,
  // 0 = allowed: the technician's voice plays without a tap, as on a phone after the Accept tap.
  "media.autoplay.default": 0,
  "media.autoplay.blocking_policy": 0,
};

/** Firefox ESR, headless; fails with what to do when the test command could not provision it. */
export async function launchFirefox(): Promise<Browser> {
  const executablePath = process.env.FIREFOX_PATH;
  if (!executablePath) {
    throw new Error(process.env.FIREFOX_ERROR ?? "FIREFOX_PATH is not set: run this through deno task test");
  }
  return await puppeteer.launch({ browser: "firefox", executablePath, headless: true, extraPrefsFirefox: PREFS });
}

/**
 * A phone-sized page on the system under test whose peer connections the specs can read (the same
 * init script as the Chromium pages, as a BiDi preload script) and whose handed-out secrets are recorded.
 */
export async function firefoxPhone(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 412, height: 915 });
  await page.evaluateOnNewDocument(capturePeerConnections);
  page.on("response", (res) => {
    if (res.url().startsWith(baseURL)) void recordSecretsInAnswer(res);
  });
  return page;
}

/** A selector for the element of `role` whose accessible name is `name`, as Playwright's `getByRole`. */
export const byRole = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;
