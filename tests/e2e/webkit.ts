/**
 * The customer's phone in Debian's WebKitGTK: a MiniBrowser per test, started by `WebKitWebDriver`
 * (under Xvfb, both from `tests/run.ts`, see tests/support/webkit_driver.ts) with WebKit's mock camera
 * and microphone and an iPhone's user agent, so the app treats it as Safari on an iPhone, as the
 * Chromium specs emulate a Pixel 7. Debian builds WebKitGTK without WebRTC: `RTCPeerConnection` is
 * missing, and its WebKitWebDriver without BiDi (a session asking for `webSocketUrl` fails with "Failed
 * to match capabilities"), so no script can run before a page's own.
 */
import { writeFileSync } from "node:fs";
import { test } from "@playwright/test";
import { WebDriverSession } from "./webdriver.ts";

export const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

/** A MiniBrowser of the run's WebKitWebDriver with a phone-sized viewport; fails saying why when there is none. */
export async function startWebKit(): Promise<WebDriverSession> {
  const driverUrl = process.env.WEBKIT_DRIVER_URL;
  const binary = process.env.WEBKIT_MINIBROWSER;
  if (!driverUrl || !binary) {
    throw new Error(process.env.WEBKIT_ERROR ?? "WEBKIT_DRIVER_URL is not set: run this through deno task test");
  }
  const browser = await WebDriverSession.start(driverUrl, {
    browserName: "MiniBrowser",
    "webkitgtk:browserOptions": {
      binary,
      args: [
        "--automation",
        "--enable-media-stream=true",
        "--enable-mock-capture-devices=true",
        "--autoplay-policy=allow",
        `--user-agent=${IPHONE_SAFARI}`,
      ],
    },
  });
  try {
    await phoneSized(browser);
  } catch (err) {
    await browser.close();
    throw err;
  }
  return browser;
}

/**
 * A phone-sized window: 915 CSS pixels high, and as narrow as MiniBrowser goes (447, the width of its
 * toolbar; a large phone is 430).
 */
async function phoneSized(browser: WebDriverSession) {
  await browser.setWindowSize(412, 915);
}

/**
 * A screenshot of the MiniBrowser into the test's output folder (in the run folder), for people to look
 * at. WebKitGTK's WebDriver screenshot is the last frame painted, so it waits for two frames first.
 */
export async function screenshot(browser: WebDriverSession, name: string) {
  await browser.executeAsync(
    "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
  );
  writeFileSync(test.info().outputPath(`${name}.png`), await browser.screenshot());
}
