import { expect, type Page, test } from "@playwright/test";
import { createTechnician, customerJoins, inboundStat, openContexts, waitAbove } from "./support.ts";

/** What a screen lock or app switch does to the page, as far as the app can tell. */
const setVisibility = (page: Page, state: "hidden" | "visible") =>
  page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);

test("the technician is told while the customer's page is hidden, and video resumes after", async ({ browser }) => {
  const tech = await createTechnician();
  const { customer, technician } = await openContexts(browser, "en-US");
  const desk = await technician.newPage();
  const phone = await customer.newPage();
  await desk.goto("/console");
  await desk.getByLabel("Email").fill(tech.email);
  await desk.getByLabel("Password").fill(tech.password);
  await desk.getByRole("button", { name: "Sign in" }).click();
  await desk.getByRole("button", { name: "New session" }).click();
  const dialog = desk.getByRole("dialog", { name: "Create new session" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Pauser");
  await dialog.getByRole("tab", { name: "Link" }).click();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByRole("textbox", { name: "Link" }).inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await customerJoins(phone, link);

  const entry = desk.getByRole("option", { name: /Pauser/ });
  await expect(entry).toContainText("Waiting");
  await entry.click();
  await desk.getByRole("button", { name: "Start", exact: true }).click();
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 10);

  await setVisibility(phone, "hidden");
  await expect(desk.getByText("The customer's camera is paused")).toBeVisible();
  await setVisibility(phone, "visible");
  await expect(desk.getByText("The customer's camera is paused")).toBeHidden();
  const frames = await inboundStat(desk, "video", "framesDecoded");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), frames + 10);

  await customer.close();
  await technician.close();
});
