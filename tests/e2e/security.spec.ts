import { expect, test } from "@playwright/test";
import { baseURL } from "./support.ts";

test("the CSP blocks a foreign script and the browser's report reaches the edge", async ({ browser }) => {
  const ctx = await browser.newContext({ baseURL });
  const page = await ctx.newPage();
  const response = await page.goto("/");
  const csp = response!.headers()["content-security-policy"];
  expect(csp).toContain("report-uri /api/csp-report");
  expect(response!.headers()["referrer-policy"]).toBe("no-referrer");
  const blocked = page.waitForEvent("console", (m) => m.text().includes("Content Security Policy"));
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.src = "https://csp-probe.invalid/probe.js"; // the run's CSP check ignores this probe origin only
    document.head.append(s);
  });
  await blocked;
  await expect.poll(async () => {
    const res = await page.request.get("/api/admin/csp-reports", {
      headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN}` },
    });
    const { reports } = await res.json();
    return reports.filter((r: { blocked: string }) => r.blocked.startsWith("https://csp-probe.invalid")).length;
  }).toBeGreaterThan(0);
  await ctx.close();
});
