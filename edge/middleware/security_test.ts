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
