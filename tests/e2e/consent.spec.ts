/**
 * Consent in the customer's language (the EULA and privacy notice per language, English with a notice
 * when there is none in theirs, the acceptance audited with language and version) and the invitation
 * mail in the customer's language and the technician's time zone.
 */
import { expect, type Page, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import {
  apiTechnician,
  auditOf,
  baseURL,
  createTechnician,
  currentSettings,
  look,
  patchSettings,
  phoneContext,
  recordedMailTo,
  signInConsole,
} from "./support.ts";

/** A German customer from the link to the license agreement. */
async function germanCustomerAtEula(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "Überspringen" }).click();
  await page.getByRole("button", { name: "Kamera und Mikrofon erlauben" }).click();
  await expect(page.getByRole("heading", { name: "Endbenutzer-Lizenzvertrag" })).toBeVisible();
}

/** The audit entry of the session's accepted EULA, once it is there. */
async function acceptance(sessionId: string) {
  let details: Record<string, unknown> | undefined;
  await expect.poll(async () => (details = (await auditOf(sessionId, "session.eula_accepted"))[0]?.details))
    .toBeDefined();
  return details!;
}

test("consent: a German customer reads the German EULA and privacy notice, and accepting records the German version", async ({ browser }) => {
  const original = await currentSettings();
  expect(original.eula.de, "the defaults hold a German text").toBeDefined();
  const version = `de-${randomUUID().slice(0, 8)}`;
  await patchSettings({ eula: { en: original.eula.en, de: { ...original.eula.de!, version } } });
  try {
    const tech = await apiTechnician();
    const created = await tech.createLink("Kundin DE");
    const customer = await phoneContext(browser, "de-DE");
    const phone = await customer.newPage();
    await germanCustomerAtEula(phone, created.link);
    // The default German text, saying truthfully what happens.
    await expect(phone.getByText(/^Wenn Sie zustimmen, darf die Person, die Sie unterstützt/)).toBeVisible();
    await expect(phone.getByRole("heading", { name: "Datenschutz" })).toBeVisible();
    await expect(phone.getByText(/HD-Fotos und Screenshots .* Darüber hinaus wird nichts aufgezeichnet\.$/))
      .toBeVisible();
    await expect(phone.getByText("By accepting")).toHaveCount(0);
    await expect(phone.getByText(/nicht auf Deutsch vor/)).toHaveCount(0);
    await look(phone, "eula-de");
    await phone.getByRole("button", { name: "Akzeptieren" }).click();
    expect(await acceptance(created.session.id)).toMatchObject({ eulaLanguage: "de", eulaVersion: version });
    await customer.close();
  } finally {
    await patchSettings({ eula: original.eula });
  }
});

test("consent: without a German text the German customer reads the English one with a notice, and English is recorded", async ({ browser }) => {
  const original = await currentSettings();
  const version = `en-${randomUUID().slice(0, 8)}`;
  await patchSettings({ eula: { en: { ...original.eula.en, version } } });
  try {
    const tech = await apiTechnician();
    const created = await tech.createLink("Kunde ohne DE");
    const customer = await phoneContext(browser, "de-DE");
    const phone = await customer.newPage();
    await germanCustomerAtEula(phone, created.link);
    await expect(
      phone.getByText("Diese Vereinbarung liegt nicht auf Deutsch vor und wird deshalb auf Englisch angezeigt."),
    )
      .toBeVisible();
    const text = phone.getByText(/^By accepting, you allow the support technician/);
    await expect(text).toBeVisible();
    await expect(text).toHaveAttribute("lang", "en");
    await expect(phone.getByText(/^Live video and audio are not recorded\./)).toHaveAttribute("lang", "en");
    await expect(phone.getByText(/^Wenn Sie zustimmen/)).toHaveCount(0);
    await look(phone, "eula-de-fallback-en");
    await phone.getByRole("button", { name: "Akzeptieren" }).click();
    expect(await acceptance(created.session.id)).toMatchObject({ eulaLanguage: "en", eulaVersion: version });
    await customer.close();
  } finally {
    await patchSettings({ eula: original.eula });
  }
});

test("invitation mail in German: German text, the expiry in the technician's time zone, the PIN, and it fits 390 px", async ({ browser }) => {
  const tech = await createTechnician();
  // An English console in New York mails a German customer.
  const desk = await browser.newContext({
    viewport: { width: 1366, height: 800 },
    locale: "en-US",
    timezoneId: "America/New_York",
    baseURL,
  });
  const page = await desk.newPage();
  await signInConsole(page, tech);
  await page.getByRole("button", { name: "New session" }).click();
  const dialog = page.getByRole("dialog", { name: "Create new session" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Kunde in Köln");
  const language = dialog.getByRole("combobox", { name: "Language of the email" });
  await expect(language, "the technician's own language first").toHaveValue("en");
  await language.selectOption({ label: "Deutsch" });
  await dialog.getByRole("radio", { name: "Send email on my behalf via the Sightline servers" }).check();
  const to = `kunde-${randomUUID().slice(0, 8)}@example.test`;
  await dialog.getByRole("textbox", { name: "To", exact: true }).fill(to);
  await dialog.getByRole("button", { name: "Email link" }).click();
  const mail = await recordedMailTo(to);
  const pin = (await dialog.getByTestId("pin").textContent())!.replace(/\s/g, "");
  const link = await dialog.getByRole("textbox", { name: "Link" }).inputValue();
  // The console shows the expiry in its local time; the mail states the same time, in that zone.
  const consoleTime = (await dialog.getByText(/^Valid until /).textContent())!.match(/\d\d:\d\d/)![0];
  await desk.close();

  const grouped = `${pin.slice(0, 3)} ${pin.slice(3)}`;
  expect(mail.subject).toMatch(/: Ihre Video-Support-Sitzung$/);
  expect(mail.text).toContain(`Video-Support starten: ${link}`);
  expect(mail.text).toContain(`geben Sie diese PIN ein:\n${grouped}`);
  expect(mail.text).toMatch(new RegExp(`Link und PIN gelten bis \\d+\\. \\p{L}+ um ${consoleTime} GMT-[45]\\.`, "u"));
  expect(mail.text).not.toMatch(/UTC|valid until/);

  // The HTML part as a phone shows it.
  const viewer = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await viewer.setContent(mail.html);
  await expect(viewer.getByRole("heading", { level: 1 })).toHaveText(/^Video-Support von /);
  const button = viewer.getByRole("link");
  await expect(button).toHaveCount(1);
  await expect(button).toHaveText("Video-Support starten");
  await expect(button).toHaveAttribute("href", link);
  const box = (await button.boundingBox())!;
  expect(box.x).toBeGreaterThan(0);
  expect(box.x + box.width).toBeLessThan(390);
  const pinLine = viewer.getByText(grouped, { exact: true });
  await expect(pinLine).toBeVisible();
  expect(await pinLine.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(32);
  await expect(viewer.getByText(`um ${consoleTime} GMT-`)).toBeVisible();
  await look(viewer, "invitation-mail-de-390");
  await viewer.close();
});
