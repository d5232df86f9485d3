import { devices, expect, test } from "@playwright/test";
import { baseURL, createLinkAs, createTechnician, deskContext, look, patchSettings, signInConsole } from "./support.ts";
import { recordLink, recordSecretsOf } from "./secrets.ts";

test("an expired link opens a page that says so (en and de); the console says Expired and Resend brings it back", async ({ browser }) => {
  test.setTimeout(180_000);
  const tech = await createTechnician();
  const technician = await deskContext(browser);
  const desk = await technician.newPage();
  await signInConsole(desk, tech);
  // The shortest validity the settings allow is one minute; the edge checks expiry on every read.
  await patchSettings({ pinValidityMinutes: 1 });
  const english = await createLinkAs(desk, "Latecomer");
  const german = await createLinkAs(desk, "Nachzüglerin");
  await patchSettings({ pinValidityMinutes: 20 });

  const phoneOf = async (locale: "en-US" | "de-DE", width: number) => {
    const ctx = await browser.newContext({ ...devices["Pixel 7"], viewport: { width, height: 800 }, locale, baseURL });
    recordSecretsOf(ctx);
    return await ctx.newPage();
  };
  const phone = await phoneOf("en-US", 390);
  await phone.goto(english.link);
  await expect(phone.getByRole("heading", { name: "How it works" })).toBeVisible();

  await phone.waitForTimeout(61_000);
  await phone.goto("about:blank");
  await phone.goto(english.link);
  await expect(phone.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(phone.getByRole("main")).toContainText("Sightline");
  await expect(phone.getByRole("main")).toContainText("ask your technician for a new link");
  await expect(phone.getByLabel("PIN")).toHaveCount(0);
  await look(phone, "link-expired-en-390");

  const deutsch = await phoneOf("de-DE", 360);
  await deutsch.goto(german.link);
  await expect(deutsch.getByRole("heading", { name: "Dieser Link ist abgelaufen" })).toBeVisible();
  await expect(deutsch.getByRole("main")).toContainText("Bitten Sie den Support um einen neuen Link");
  await look(deutsch, "link-expired-de-360");

  // A typed PIN learns nothing about why; its error goes as soon as the customer types again.
  await phone.goto("/");
  await phone.getByLabel("PIN").fill(english.pin);
  await phone.getByRole("button", { name: "Connect" }).click();
  await expect(phone.getByRole("alert")).toContainText("unknown, expired or already used");
  await phone.getByLabel("PIN").press("1");
  await expect(phone.getByRole("alert")).toHaveCount(0);

  const entry = desk.getByRole("option", { name: /Latecomer/ });
  await expect(entry.locator(".badge")).toHaveText("Expired");
  await entry.click();
  await expect(desk.getByText(/The link was valid until .* and was not used\./)).toBeVisible();
  await expect(desk.getByRole("button", { name: "Start", exact: true })).toHaveCount(0);
  await look(desk, "session-expired-en");
  await desk.getByRole("button", { name: "Resend" }).click();
  const link = await desk.getByLabel("Link", { exact: true }).inputValue();
  recordLink({ pin: new URL(link).pathname.split("/").at(-1)!, link });
  await expect(entry.locator(".badge")).toHaveText("Pending");
  await phone.goto(link);
  await expect(phone.getByRole("heading", { name: "How it works" })).toBeVisible();
  await phone.context().close();
  await deutsch.context().close();
  await technician.close();
});
