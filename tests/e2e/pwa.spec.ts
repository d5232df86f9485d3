import { chromium, devices, expect, test } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiTechnician, baseURL } from "./support.ts";

test("the customer app is installable (Chromium's installability check reports nothing)", async () => {
  // Installation needs a profile on disk: Chromium refuses it in incognito-like contexts.
  const launch = test.info().project.use.launchOptions!;
  const profile = await mkdtemp(join(tmpdir(), "sightline-pwa-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    ...launch,
    ...devices["Pixel 7"],
    baseURL,
  });
  const page = await ctx.newPage();
  await page.goto("/");
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await ctx.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);
  const manifest = await (await page.request.get("/manifest.webmanifest")).json();
  expect(manifest.display).toBe("standalone");
  expect(manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}:${i.purpose ?? "any"}`))
    .toEqual(expect.arrayContaining(["192x192:any", "512x512:any", "512x512:maskable"]));
  await ctx.close();
  await rm(profile, { recursive: true, force: true });
});

test("offline start: the shell loads from the service worker and says a connection is needed", async ({ browser }) => {
  const tech = await apiTechnician();
  const { link } = await tech.createLink("Offline");
  const ctx = await browser.newContext({ ...devices["Pixel 7"], baseURL });
  const page = await ctx.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload(); // now controlled by the service worker
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await ctx.setOffline(true);
  await page.reload();
  await expect(page.getByRole("alert")).toHaveText(
    "No connection to the server. Check your internet connection and try again.",
  );
  await ctx.setOffline(false);
  await ctx.close();
  await tech.dispose();
});
