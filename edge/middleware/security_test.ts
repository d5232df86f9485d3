import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { testApp } from "../testing/app.ts";

Deno.test("state-changing requests need our Origin and a JSON body", async (s) => {
  using t = await testApp();
  await s.step("foreign origin → 403", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      headers: { origin: "https://evil.example" },
      json: { email: "tech@example.test", password: "x" },
    });
    assertEquals(res.status, 403);
    assertEquals((await res.json()).error.code, "forbidden_origin");
  });
  await s.step("form body → 415", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=a&password=b",
    });
    assertEquals(res.status, 415);
  });
  await s.step("malformed JSON → 400, not 500", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    assertEquals(res.status, 400);
    assert((await res.json()).error.code);
  });
  await s.step("oversized body → 413", async () => {
    const res = await t.request("/api/auth/login", { method: "POST", json: { email: "x".repeat(100_000) } });
    assertEquals(res.status, 413);
  });
});

Deno.test("every response carries the security headers", async () => {
  using t = await testApp();
  const res = await t.request("/api/join/000000");
  const csp = res.headers.get("content-security-policy") ?? "";
  assertMatch(csp, /script-src 'self'/);
  assertMatch(csp, /object-src 'none'/);
  assertMatch(csp, /frame-ancestors 'none'/);
  assertMatch(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:9/);
  assertEquals(res.headers.get("referrer-policy"), "no-referrer");
  assertMatch(res.headers.get("permissions-policy") ?? "", /camera=\(self\)/);
  assertMatch(res.headers.get("strict-transport-security") ?? "", /max-age=/);
});

Deno.test("a request for a host that is not ours gets 421 before any route (DNS rebinding)", async (s) => {
  using t = await testApp({ env: { EXTRA_ORIGINS: "http://192.168.1.20:8000,https://help.example.com" } });
  const logout = (host: string | undefined, origin: string) =>
    t.request("/api/auth/logout", { method: "POST", host, headers: { origin } });
  await s.step("Host evil.example, Origin http://evil.example → 421 (it was 200)", async () => {
    const res = await logout("evil.example", "http://evil.example");
    assertEquals(res.status, 421);
    assertEquals((await res.json()).error.code, "misdirected_request");
  });
  await s.step("our host with a foreign Origin → 403; with ours → 200", async () => {
    assertEquals((await logout(undefined, "http://evil.example")).status, 403);
    assertEquals((await logout(undefined, "http://127.0.0.1:8000")).status, 200);
  });
  await s.step("an extra origin is served, with its own Origin or PUBLIC_URL's", async () => {
    assertEquals((await logout("192.168.1.20:8000", "http://192.168.1.20:8000")).status, 200);
    assertEquals((await logout("192.168.1.20:8000", "http://127.0.0.1:8000")).status, 200);
    assertEquals((await logout("help.example.com:443", "https://help.example.com")).status, 200, "default port");
    assertEquals((await logout("HELP.example.com", "https://help.example.com")).status, 200, "any case");
    assertEquals((await logout("192.168.1.20:9999", "http://192.168.1.20:8000")).status, 421, "another port");
  });
  await s.step("pages and GET routes too; only the health check answers any host", async () => {
    for (const path of ["/", "/console", "/api/me", "/api/openapi.json", "/api/join/123456"]) {
      const res = await t.request(path, { host: "evil.example" });
      assertEquals(res.status, 421, path);
      assertMatch(res.headers.get("content-security-policy") ?? "", /default-src 'self'/, "with our headers");
    }
    const health = await t.request("/api/health", { host: "10.0.0.7:8000" });
    assertEquals([200, 503].includes(health.status), true, `health: ${health.status}`);
    assertEquals((await t.request("/api/health", { method: "HEAD", host: "10.0.0.7:8000" })).status !== 421, true);
    assertEquals((await t.request("/api/health", { method: "POST", host: "evil.example" })).status, 421);
  });
});

Deno.test("X-Forwarded-Host counts only from a trusted proxy", async () => {
  using t = await testApp({ env: { PUBLIC_URL: "https://help.example.com", TRUSTED_PROXIES: "10.0.0.0/8" } });
  const me = (address: string, host: string, forwardedHost?: string) =>
    t.request("/api/me", { address, host, headers: forwardedHost ? { "x-forwarded-host": forwardedHost } : {} });
  assertEquals((await me("10.0.0.5", "edge.internal:8000", "help.example.com")).status, 401, "ours, via the proxy");
  assertEquals((await me("10.0.0.5", "help.example.com", "evil.example")).status, 421, "the proxy says: not ours");
  assertEquals((await me("203.0.113.9", "evil.example", "help.example.com")).status, 421, "anyone else: Host counts");
  assertEquals((await me("203.0.113.9", "help.example.com")).status, 401);
});
