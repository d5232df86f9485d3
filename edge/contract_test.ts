import type { Route } from "@sightline/shared/api";
import * as api from "@sightline/shared/api";
import { assert, assertEquals } from "./testing/assert.ts";
import { testApp } from "./testing/app.ts";
import { describedRoutes } from "./contract.ts";

/** Every route contract shared/api.ts exports, by its export name. */
const contracts = (Object.entries(api) as [string, unknown][]).filter((e): e is [string, Route] => {
  const v = e[1];
  return typeof v === "object" && v !== null && "method" in v && "path" in v && "auth" in v;
});

Deno.test("describedRoutes() finds one handler for every route contract of shared/api.ts, where it says", async () => {
  using t = await testApp();
  const described = describedRoutes(t.app);
  assert(contracts.length >= 35, `${contracts.length} contracts`);
  for (const [name, contract] of contracts) {
    const handlers = described.filter((d) => d.route === contract);
    assertEquals(handlers.length, 1, `${name}: described handlers`);
    assertEquals(`${handlers[0].method} ${handlers[0].path}`, `${contract.method} ${contract.path}`, name);
  }
  assertEquals(described.length, contracts.length, "a described route without a contract in shared/api.ts");
});

Deno.test("describedRoutes() leaves no /api route of the app without a description", async () => {
  using t = await testApp();
  const described = new Set(describedRoutes(t.app).map((d) => `${d.method} ${d.path}`));
  const undescribed = t.app.routes
    .filter((r) => r.path.startsWith("/api/") && r.method !== "ALL" && !r.path.includes("*"))
    .map((r) => `${r.method} ${r.path}`)
    .filter((route) => !described.has(route));
  assertEquals([...new Set(undescribed)], []);
});

Deno.test("describe() validates a JSON body and a query with the contract's schemas", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const body = await t.request("/api/sessions", { method: "POST", headers: { cookie }, json: { type: "lens" } });
  assertEquals(body.status, 400);
  assertEquals((await body.json()).error.message, "Request body is invalid");
  const query = await t.request("/api/admin/audit?limit=0", { headers: { authorization: `Bearer ${"a".repeat(40)}` } });
  assertEquals(query.status, 400);
  assertEquals((await query.json()).error.message, "Query parameters are invalid");
});
