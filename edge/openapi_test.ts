import { Validator } from "@seriousme/openapi-schema-validator";
import { assert, assertEquals } from "./testing/assert.ts";
import { testApp } from "./testing/app.ts";
import { describedRoutes } from "./contract.ts";
import { toOpenApiPath } from "./openapi.ts";

Deno.test("the OpenAPI document describes every /api route of the app, and only those", async () => {
  using t = await testApp();
  const doc = await (await t.request("/api/openapi.json")).json();
  const appRoutes = new Set(
    t.app.routes
      .filter((r) => r.path.startsWith("/api/") && r.method !== "ALL" && !r.path.includes("*"))
      .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`),
  );
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`)),
  );
  assertEquals([...appRoutes].filter((r) => !documented.has(r)), [], "routes missing from the document");
  assertEquals([...documented].filter((r) => !appRoutes.has(r)), [], "documented routes the app lacks");
  assertEquals(documented.size, describedRoutes(t.app).length);
});

Deno.test("the OpenAPI document validates as OpenAPI 3.1", async () => {
  using t = await testApp();
  const doc = await (await t.request("/api/openapi.json")).json();
  assertEquals(doc.openapi, "3.1.0");
  const result = await new Validator().validate(doc);
  assert(result.valid, JSON.stringify(result.errors, null, 2));
});

Deno.test("GET /api/docs renders every operation as HTML without scripts", async () => {
  using t = await testApp();
  const res = await t.request("/api/docs");
  assertEquals(res.status, 200);
  const html = await res.text();
  assert(html.includes("POST /api/sessions/{id}/start"));
  assert(!html.includes("<script"));
});
