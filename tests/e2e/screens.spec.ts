import { expect, type Page, test } from "@playwright/test";
import { createTechnician, openContexts } from "./support.ts";

/** Saves a screenshot for people to look at, and checks the page does not scroll sideways. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(overflow, `${name} fits the width of the screen`).toBeLessThanOrEqual(0);
}

test("every screen fits phone (customer) and desktop/tablet (console) widths", async ({ browser }) => {
  const tech = await createTechnician("Tess Technician");
  const { customer, technician } = await openContexts(browser, "en-US");
  const phone = await customer.newPage();
  const console_ = await technician.newPage();

  await phone.goto("/");
  await shot(phone, "customer-01-pin");
  await phone.getByLabel("PIN").fill("000000");
  await phone.getByRole("button", { name: "Connect" }).click();
  await expect(phone.getByRole("alert")).toContainText("unknown, expired or already used");
  await shot(phone, "customer-02-pin-unknown");

  await console_.goto("/console");
  await shot(console_, "console-01-signin");
  await console_.getByLabel("Email").fill(tech.email);
  await console_.getByLabel("Password").fill(tech.password);
  await console_.getByRole("button", { name: "Sign in" }).click();
  await console_.getByRole("button", { name: "New session" }).click();
  const dialog = console_.getByRole("dialog", { name: "Create new session" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Bob Builder");
  await shot(console_, "console-02-dialog");
  await dialog.getByRole("tab", { name: "Link" }).click();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByRole("textbox", { name: "Link" }).inputValue();
  await shot(console_, "console-03-created");
  await dialog.getByRole("button", { name: "Done" }).click();

  await phone.goto(link);
  await expect(phone.getByRole("heading", { name: "How it works" })).toBeVisible();
  await shot(phone, "customer-03-tutorial");
  await phone.getByRole("button", { name: "OK" }).click();
  await phone.getByRole("button", { name: "OK" }).click();
  await phone.getByRole("button", { name: "OK" }).click();
  await shot(phone, "customer-04-permission");
  await phone.getByRole("button", { name: "Allow camera and microphone" }).click();
  await expect(phone.getByRole("button", { name: "Accept" })).toBeVisible();
  await shot(phone, "customer-05-eula");
  await phone.getByRole("button", { name: "Accept" }).click();
  await expect(phone.getByRole("heading", { name: "Waiting for your technician" })).toBeVisible();
  await shot(phone, "customer-06-waiting");

  const entry = console_.getByRole("option", { name: /Bob Builder/ });
  await expect(entry).toContainText("Waiting");
  await entry.click();
  await shot(console_, "console-04-waiting");
  await console_.getByRole("button", { name: "Start", exact: true }).click();
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await expect.poll(() => console_.getByLabel("Customer camera").evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await shot(phone, "customer-07-live");
  await shot(console_, "console-05-live");
  await console_.setViewportSize({ width: 820, height: 1180 });
  await shot(console_, "console-06-live-tablet");

  await phone.getByRole("button", { name: "End", exact: true }).click();
  await phone.getByRole("button", { name: "End session" }).click();
  await expect(phone.getByRole("heading", { name: "The session has ended" })).toBeVisible();
  await expect(phone.getByText("You ended the session.")).toBeVisible();
  await shot(phone, "customer-08-ended");
  await expect(console_.getByText("The customer ended the session.")).toBeVisible();
  await shot(console_, "console-07-ended");

  await customer.close();
  await technician.close();
});
