import { expect, type Page, test } from "@playwright/test";
import { inboundStat, startLiveSession, waitAbove } from "./support.ts";

/** What a screen lock or app switch does to the page, as far as the app can tell. */
const setVisibility = (page: Page, state: "hidden" | "visible") =>
  page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);

test("the technician is told while the customer's page is hidden, and video resumes after", async ({ browser }) => {
  const { desk, phone, close } = await startLiveSession(browser, "Pauser");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 10);

  await setVisibility(phone, "hidden");
  await expect(desk.getByText("The customer's camera is not sending right now")).toBeVisible();
  await setVisibility(phone, "visible");
  await expect(desk.getByText("The customer's camera is not sending right now")).toBeHidden();
  const frames = await inboundStat(desk, "video", "framesDecoded");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), frames + 10);

  await close();
});
