import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { admin, recordedMailTo } from "./support.ts";

test("an invited technician sets a password from the mail and signs in (German)", async ({ browser }) => {
  const group = await admin<{ id: string }>("/groups", {
    name: `Invite ${randomUUID().slice(0, 6)}`,
    permissions: { startLensSessions: true, startPrivateSessions: true, useEmailMethod: true, useLinkMethod: true },
  });
  const email = `invited-${randomUUID().slice(0, 8)}@example.test`;
  await admin("/technicians", { email, name: "Ina Invited", groupId: group.id, invite: true, locale: "de" });
  const mail = await recordedMailTo(email);
  const link = mail.text.match(/https?:\/\/\S+\/console\/set-password#t=[\w-]+/)![0];
  expect(mail.html).toContain(link);

  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Passwort festlegen" })).toBeVisible();
  await page.getByLabel("Neues Passwort").fill("short");
  await page.getByLabel("Passwort wiederholen").fill("short");
  await page.getByRole("button", { name: "Passwort festlegen" }).click();
  await expect(page.getByRole("alert")).toContainText("zu kurz");
  const password = `pw-${randomUUID()}`;
  await page.getByLabel("Neues Passwort").fill(password);
  await page.getByLabel("Passwort wiederholen").fill(password);
  await page.getByRole("button", { name: "Passwort festlegen" }).click();
  await expect(page.getByText("Ihr Passwort ist festgelegt")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("set-password-done-de.png") });

  // The link is single use (a fresh load: the same URL with a new fragment would not reload).
  await page.goto("about:blank");
  await page.goto(link);
  await page.getByLabel("Neues Passwort").fill(password);
  await page.getByLabel("Passwort wiederholen").fill(password);
  await page.getByRole("button", { name: "Passwort festlegen" }).click();
  await expect(page.getByRole("alert")).toContainText("ungültig, abgelaufen oder bereits verwendet");

  await page.goto("/console");
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("button", { name: "Neue Sitzung" })).toBeVisible();
  await context.close();
});
