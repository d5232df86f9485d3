/**
 * The error paths every route shares, generated from the OpenAPI route table so that a new route
 * cannot be forgotten: authentication (401), CSRF origin (403), JSON only (415), body limit (413)
 * and schema validation (400).
 */
import { assertEquals } from "./testing/assert.ts";
import { ADMIN_TOKEN, testApp } from "./testing/app.ts";
import { type RouteDoc, ROUTES } from "./openapi.ts";

const concrete = (path: string) => path.replace(":pin", "123456").replace(/:(\w+)/g, () => crypto.randomUUID());
const mutating = (r: RouteDoc) => r.method !== "get";
const BIG = JSON.stringify({ padding: "x".repeat(70 * 1024) });

Deno.test("every route shares the error paths of its kind", async (st) => {
  using t = await testApp();
  const cookie = await t.login();
  const credentials: Record<RouteDoc["auth"], Record<string, string>> = {
    technician: { cookie },
    admin: { authorization: `Bearer ${ADMIN_TOKEN}` },
    customer: {},
    livekit: {},
    none: {},
  };

  for (const r of ROUTES) {
    const path = concrete(r.path);
    const method = r.method.toUpperCase();
    await st.step(`${method} ${r.path}`, async () => {
      if (r.auth !== "none") {
        const res = await t.request(path, { method, json: mutating(r) ? {} : undefined });
        assertEquals(res.status, 401, "without credentials");
        assertEquals((await res.json()).error.code, "unauthenticated");
      }
      if (!mutating(r) || r.auth === "livekit" || r.contentType) return;
      const headers = credentials[r.auth];

      const notJson = await t.request(path, {
        method,
        headers: { ...headers, "content-type": "text/plain" },
        body: "hello",
      });
      assertEquals(notJson.status, 415, "text body");

      const big = await t.request(path, {
        method,
        headers: { ...headers, "content-type": "application/json" },
        body: BIG,
      });
      assertEquals(big.status, 413, "oversized body");
      assertEquals((await big.json()).error.code, "payload_too_large");

      if (r.auth !== "admin") {
        const foreign = await t.request(path, {
          method,
          headers: { ...headers, origin: "https://evil.example" },
          json: {},
        });
        assertEquals(foreign.status, 403, "foreign origin");
      }
      if (r.body) {
        const invalid = await t.request(path, { method, headers, json: { unexpected: [1, 2, 3] } });
        // A body that fails the schema is a 400 with details — or, where the path names nothing that
        // exists, the 404/401 that comes first is fine too; never a 500.
        if (invalid.status === 400) {
          const body = await invalid.json();
          assertEquals(body.error.code, "validation_failed");
          assertEquals(Array.isArray(body.error.details), true);
        } else {
          assertEquals([401, 404].includes(invalid.status), true, `status ${invalid.status}`);
        }
      }
    });
  }
});
