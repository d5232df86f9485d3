import { expect, type Page, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { auditOf, inboundStat, look, startLiveSession, waitAbove } from "./support.ts";

const NOTE = "Replaced the seal on valve 3; the customer will check for drips tomorrow.";
const MORE = "Called back: dry.";

/** Two frames, so a layout that follows the viewport (a media query, `matchMedia`) has rendered. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** The names in a ZIP archive, as Python's zipfile reads them after checking every file's CRC. */
const zipNames = (path: string): string[] =>
  JSON.parse(execFileSync("python3", [
    "-c",
    "import json, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps(z.namelist()))",
    path,
  ], { encoding: "utf8" }));

async function lookAt(page: Page, name: string, sizes: readonly (readonly [number, number])[]) {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await settle(page);
    await look(page, `${name}-${width}x${height}`);
  }
}

test("a session report with a photo: HD photo and screenshot in the gallery, both in one ZIP, one deleted, a note saved by Save and as typed, the ended view, the printed report", async ({ browser }) => {
  test.setTimeout(180_000);
  const { desk, sessionId, close } = await startLiveSession(browser, "Report");
  await waitAbove(() => inboundStat(desk, "video", "framesDecoded"), 5);
  await desk.getByRole("button", { name: "Chat" }).click();
  await desk.getByLabel("Message").fill("Please show me the valve.");
  await desk.getByRole("button", { name: "Send" }).click();

  const gallery = desk.getByRole("region", { name: /^Photos and screenshots/ });
  await expect(gallery.getByText("Photos stay in this browser; they are not uploaded.")).toBeVisible();
  await desk.getByRole("button", { name: "HD photo" }).click();
  await expect(gallery.getByRole("img", { name: "HD photo 1" })).toBeVisible({ timeout: 30_000 });
  await desk.getByRole("button", { name: "Unfreeze" }).click();
  await expect(gallery.getByRole("img", { name: "HD photo 1" }), "kept after Unfreeze").toBeVisible();
  await desk.getByRole("button", { name: "Screenshot" }).click();
  await expect(gallery.getByRole("img", { name: "Screenshot 1" })).toBeVisible();
  await expect(gallery.getByRole("heading")).toHaveText("Photos and screenshots (2)");
  // Download all: one ZIP archive holding both images.
  const zipping = desk.waitForEvent("download");
  await gallery.getByRole("button", { name: "Download all" }).click();
  const archive = await zipping;
  expect(archive.suggestedFilename()).toBe("sightline-Report-photos.zip");
  const names = zipNames(await archive.path());
  expect(names).toHaveLength(2);
  expect(names[0]).toMatch(/^sightline-Report-photo-1\.(jpg|png|webp)$/);
  expect(names[1]).toBe("sightline-Report-screenshot-1.png");
  await expect.poll(async () => (await auditOf(sessionId, "session.screenshot")).length).toBe(1);
  await gallery.getByRole("button", { name: "Delete Screenshot 1" }).click();
  await expect(gallery.getByRole("img")).toHaveCount(1);
  await expect(gallery.getByRole("heading")).toHaveText("Photos and screenshots (1)");
  const downloading = desk.waitForEvent("download");
  await gallery.getByRole("link", { name: "Save HD photo 1" }).click();
  expect((await downloading).suggestedFilename()).toMatch(/^sightline-Report-photo-1\.(jpg|png|webp)$/);

  await desk.getByLabel("Technician's notes").fill(NOTE);
  await desk.getByRole("button", { name: "Save notes" }).click();
  await expect(desk.getByText(/^Notes saved at/)).toBeVisible();
  await look(desk, "report-live-1440");

  await desk.getByRole("button", { name: "End session" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "End session" }).click();
  const report = desk.getByRole("article", { name: "Session report: Report" });
  await expect(report).toBeVisible();
  await expect(report.locator("dt:text-is('Duration') + dd")).toHaveText(/^(\d+ min )?\d+ s$/);
  await expect(report.locator("dt:text-is('How it ended') + dd")).toHaveText("Ended by the technician");
  await expect(report.getByRole("region", { name: "Chat transcript" })).toContainText("Please show me the valve.");
  await expect(report.getByLabel("Technician's notes")).toHaveValue(NOTE);
  await expect(report.getByRole("img", { name: "HD photo 1" })).toBeVisible();
  await expect(report.getByRole("img")).toHaveCount(1);
  await lookAt(desk, "report-ended-en", [[1440, 900], [390, 844], [360, 740]]);

  // The printed report: the report alone, the note as text, no controls.
  await desk.setViewportSize({ width: 1440, height: 900 });
  await desk.emulateMedia({ media: "print" });
  await expect(desk.getByRole("tablist")).toBeHidden();
  await expect(desk.getByRole("button", { name: "Print report" })).toBeHidden();
  await expect(report.getByText(NOTE)).toBeVisible();
  await expect(report.getByRole("img", { name: "HD photo 1" })).toBeVisible();
  await look(desk, "report-print");
  await desk.emulateMedia({ media: "screen" });

  // The photo stays in this browser across a reload; the report is in the session list too, in German.
  await desk.reload();
  await desk.getByRole("option", { name: /Report/ }).click();
  await expect(report.getByRole("img", { name: "HD photo 1" })).toBeVisible();

  // Notes save themselves: typed, no Save, still there after a reload.
  const notes = report.getByLabel("Technician's notes");
  await notes.fill(`${NOTE} ${MORE}`);
  await expect(report.getByRole("status").filter({ hasText: /^Notes saved at/ })).toBeVisible();
  await desk.reload();
  await desk.getByRole("option", { name: /Report/ }).click();
  await expect(notes).toHaveValue(`${NOTE} ${MORE}`);
  // A save that fails says so and offers Retry.
  const notesRoute = "**/api/sessions/*/notes";
  await desk.route(notesRoute, (r) => r.request().method() === "POST" ? r.abort() : r.continue());
  await notes.fill(NOTE);
  await notes.blur();
  await expect(report.getByRole("status").filter({ hasText: "Notes not saved." })).toBeVisible();
  await desk.unroute(notesRoute);
  await report.getByRole("button", { name: "Retry" }).click();
  await expect(report.getByRole("status").filter({ hasText: /^Notes saved at/ })).toBeVisible();
  await expect(report.getByRole("button", { name: "Retry" })).toBeHidden();

  await desk.getByRole("combobox").first().selectOption("de");
  const bericht = desk.getByRole("article", { name: "Sitzungsbericht: Report" });
  await expect(bericht.locator("dt:text-is('Wie die Sitzung endete') + dd")).toHaveText("Vom Support beendet");
  await expect(bericht.getByText("Die Fotos bleiben in diesem Browser; sie werden nicht hochgeladen.")).toBeVisible();
  await lookAt(desk, "report-ended-de", [[390, 844], [360, 740]]);
  await close();
});
