import { expect, test } from "@playwright/test";
import { baseURL, createTechnician, signInConsole } from "./support.ts";

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

test("the sign-in cookie is HttpOnly, SameSite=Strict, host-only and path /; its hint holds no secret; both end with sign-out", async ({ browser }) => {
  const tech = await createTechnician();
  const ctx = await browser.newContext({ baseURL });
  const page = await ctx.newPage();
  // Nobody signed in: the console shows the form without asking /api/me, so nothing is refused or logged.
  const asked: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => void (new URL(r.url()).pathname === "/api/me" && asked.push(r.url())));
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  await page.goto("/console");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(asked, "no /api/me before sign-in").toEqual([]);
  expect(errors).toEqual([]);

  await signInConsole(page, tech);
  const cookies = await ctx.cookies(baseURL);
  expect(cookies).toHaveLength(2);
  // On plain-http 127.0.0.1 browsers drop __Host- and Secure cookies, so the edge uses the bare names there;
  // on https they are `__Host-sightline` and `__Host-sightline-console` with Secure (edge/middleware/auth.ts).
  const secure = new URL(baseURL).protocol === "https:";
  const prefix = secure ? "__Host-" : "";
  const flags = { sameSite: "Strict", path: "/", secure, domain: new URL(baseURL).hostname }; // host-only
  const cookie = cookies.find((c) => c.name === `${prefix}sightline`)!;
  expect(cookie).toMatchObject({ ...flags, httpOnly: true });
  expect(await page.evaluate(() => document.cookie)).not.toContain(cookie.value); // HttpOnly: no script sees it
  expect(cookie.expires).toBeGreaterThan(Date.now() / 1000);
  expect(cookie.expires).toBeLessThan(Date.now() / 1000 + 13 * 60 * 60); // 12 h sign-in
  const hint = cookies.find((c) => c.name === `${prefix}sightline-console`)!;
  expect(hint).toMatchObject({ ...flags, httpOnly: false, value: "1" });
  expect(Math.abs(hint.expires - cookie.expires)).toBeLessThan(5);
  const out = await page.request.post("/api/auth/logout", { headers: { origin: baseURL } });
  expect(out.status()).toBe(200);
  expect(await ctx.cookies(baseURL)).toHaveLength(0);
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await ctx.close();
});

test("HTML pages, API answers, errors and static assets all carry the security headers", async ({ browser }) => {
  const ctx = await browser.newContext({ baseURL });
  const page = await ctx.newPage();
  const html = await page.goto("/");
  const asset = (await page.locator("script[src^='/assets/']").first().getAttribute("src"))!;
  const responses = {
    "customer page": html!,
    "console page": (await page.goto("/console"))!,
    "join page": (await page.goto("/j/123456"))!,
    "API answer": await page.request.get("/api/health"),
    "API error": await page.request.get("/api/join/000000"),
    "unknown API route": await page.request.get("/api/nothing"),
    "static asset": await page.request.get(asset),
    "manifest": await page.request.get("/manifest.webmanifest"),
  };
  for (const [what, res] of Object.entries(responses)) {
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).not.toContain("unsafe-inline");
    expect(csp, what).not.toContain("unsafe-eval");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("base-uri 'none'");
    expect(h["strict-transport-security"], what).toMatch(/max-age=\d{7,}/);
    expect(h["x-content-type-options"], what).toBe("nosniff");
    expect(h["referrer-policy"], what).toBe("no-referrer");
    expect(h["permissions-policy"], what).toContain("camera=(self)");
    expect(h["permissions-policy"], what).toContain("microphone=(self)");
    expect(h["permissions-policy"], what).toContain("geolocation=()");
    expect(h["x-frame-options"], what).toBeTruthy();
    expect(h["cross-origin-opener-policy"], what).toBe("same-origin");
    expect(h["x-powered-by"], what).toBeUndefined();
  }
  expect(responses["static asset"].headers()["cache-control"]).toContain("immutable");
  // API answers carry PINs, tokens and keys: never cached; pages are revalidated.
  for (const what of ["API answer", "API error", "unknown API route"] as const) {
    expect(responses[what].headers()["cache-control"], what).toBe("no-store");
  }
  expect(responses["console page"].headers()["cache-control"]).toBe("no-cache");
  await ctx.close();
});
