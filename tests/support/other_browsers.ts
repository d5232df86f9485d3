/**
 * The customer's browsers besides Chromium for the e2e run: Firefox ESR (the Firefox spec launches it
 * with puppeteer-core) and WebKitGTK (WebKitWebDriver under Xvfb, started here for the whole run). What
 * cannot be provisioned (not root, no package) is handed on as the reason, so those tests fail saying
 * why while the rest of the suite runs.
 */
import { ensureFirefox, ensureWebKit, step } from "../../.ci/provision.ts";
import type { Service } from "../../.ci/services.ts";
import { startWebKitDriver } from "./webkit_driver.ts";

export interface OtherBrowsers {
  /** For Playwright: FIREFOX_PATH or FIREFOX_ERROR; WEBKIT_DRIVER_URL and WEBKIT_MINIBROWSER, or WEBKIT_ERROR. */
  env: Record<string, string>;
  /** What to stop after the run (the WebKit driver and its display). */
  services: Service[];
}

const reason = (err: unknown) => err instanceof Error ? err.message : String(err);

export async function otherBrowsers(runDir: string): Promise<OtherBrowsers> {
  const env: Record<string, string> = {};
  const services: Service[] = [];
  try {
    env.FIREFOX_PATH = await ensureFirefox();
  } catch (err) {
    env.FIREFOX_ERROR = `Firefox unavailable: ${reason(err)}`;
    step(env.FIREFOX_ERROR);
  }
  try {
    const paths = await ensureWebKit();
    const driver = await startWebKitDriver({ paths, runDir });
    services.push(driver);
    step(`WebKitWebDriver on ${driver.url} (display ${driver.display}, log: ${runDir}/webkit.log)`);
    env.WEBKIT_DRIVER_URL = driver.url;
    env.WEBKIT_MINIBROWSER = paths.miniBrowser;
  } catch (err) {
    env.WEBKIT_ERROR = `WebKit unavailable: ${reason(err)}`;
    step(env.WEBKIT_ERROR);
  }
  return { env, services };
}
