/**
 * The error paths every route shares, generated from the app's described routes so that a new route
 * cannot be forgotten: authentication (401), CSRF origin (403), JSON only (415), body limit (413)
 * and schema validation (400). The OpenAPI document must list each of them where a route's contract
 * says it can happen (a body or query, a credential, a browser's state-changing call).
 */
import { assertEquals } from "./testing/assert.ts";
import { ADMIN_TOKEN, testApp } from "./testing/app.ts";
import type { Auth } from "@sightline/shared/api";
import { type DescribedRoute, describedRoutes } from "./contract.ts";
import { toOpenApiPath } from "./openapi.ts";

const concrete = (path: string) => path.replace(":pin", "123456").replace(/:(\w+)/g, () => crypto.randomUUID());
const mutating = (r: DescribedRoute) => r.method !== "GET";
const BIG = JSON.stringify({ padding: "x".repeat(70 * 1024) });

Deno.test("every route shares the error paths of its kind", async (st) => {
  using t = await testApp();
  const cookie = await t.login();
  const credentials: Record<Auth, Record<string, string>> = {
    technician: { cookie },
    admin: { authorization: `Bearer ${ADMIN_TOKEN}` },
    customer: {},
    livekit: {},
    none: {},
  };

  const doc = await (await t.request("/api/openapi.json")).json();
  for (const r of describedRoutes(t.app)) {
    const path = concrete(r.path);
    const { method, route } = r;
    const documented = Object.keys(doc.paths[toOpenApiPath(r.path)][method.toLowerCase()].responses).map(Number);
    const isDocumented = (status: number) => assertEquals(documented.includes(status), true, `${status} documented`);
    await st.step(`${method} ${r.path}`, async () => {
      if (route.auth !== "none") {
        const res = await t.request(path, { method, json: mutating(r) ? {} : undefined });
        assertEquals(res.status, 401, "without credentials");
        assertEquals((await res.json()).error.code, "unauthenticated");
        isDocumented(401);
      }
      if (!mutating(r) || route.auth === "livekit" || route.bodyType) return;
      const headers = credentials[route.auth];

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
      if (route.body) [413, 415].forEach(isDocumented);

      if (route.auth !== "admin") {
        const foreign = await t.request(path, {
          method,
          headers: { ...headers, origin: "https://evil.example" },
          json: {},
        });
        assertEquals(foreign.status, 403, "foreign origin");
        isDocumented(403);
      }
      if (route.body) {
        const invalid = await t.request(path, { method, headers, json: { unexpected: [1, 2, 3] } });
        // A body that fails the schema is a 400 with details — or, where the path names nothing that
        // exists, the 404/401 that comes first is fine too; never a 500.
        if (invalid.status === 400) {
          const body = await invalid.json();
          assertEquals(body.error.code, "validation_failed");
          assertEquals(Array.isArray(body.error.details), true);
          isDocumented(400);
        } else {
          assertEquals([401, 404].includes(invalid.status), true, `status ${invalid.status}`);
        }
      }
    });
  }
});
