import { devices, expect, test } from "@playwright/test";
import { apiTechnician, baseURL, patchSettings } from "./support.ts";

test("an expired link says so, both for the link and for the typed PIN", async ({ browser }) => {
  test.setTimeout(150_000);
  // The shortest validity the settings allow is one minute; the edge checks expiry on every read.
  await patchSettings({ pinValidityMinutes: 1 });
  const tech = await apiTechnician();
  const { session, pin, link } = await tech.createLink("Latecomer");
  await patchSettings({ pinValidityMinutes: 20 });

  const ctx = await browser.newContext({ ...devices["Pixel 7"], baseURL });
  const phone = await ctx.newPage();
  await phone.goto(link);
  await expect(phone.getByRole("heading", { name: "How it works" })).toBeVisible();

  await phone.waitForTimeout(61_000);
  await phone.goto("about:blank");
  await phone.goto(link);
  await expect(phone.getByRole("alert")).toContainText("unknown, expired or already used");
  await phone.goto("/");
  await phone.getByLabel("PIN").fill(pin);
  await phone.getByRole("button", { name: "Connect" }).click();
  await expect(phone.getByRole("alert")).toContainText("unknown, expired or already used");
  await tech.waitForStatus(session.id, "ended");
  await ctx.close();
  await tech.dispose();
});
