/** Bugs the fuzzers found, each pinned by a small test. */
import { assertEquals } from "./testing/assert.ts";
import { ADMIN_TOKEN, testApp } from "./testing/app.ts";

Deno.test("an over-long path id answers the route's 404, not a 500 (KV keys are limited to 2 KB)", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const long = "a".repeat(5000);
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const cases: [string, string, Record<string, string>, string][] = [
    ["POST", `/api/sessions/${long}/start`, { cookie }, "not_found"],
    ["POST", `/api/sessions/${long}/end`, { cookie }, "not_found"],
    ["GET", `/api/admin/groups/${long}`, admin, "group_not_found"],
    ["DELETE", `/api/admin/groups/${long}`, admin, "group_not_found"],
    ["GET", `/api/admin/technicians/${long}`, admin, "technician_not_found"],
    ["POST", `/api/admin/technicians/${long}/invite`, admin, "technician_not_found"],
  ];
  for (const [method, path, headers, code] of cases) {
    const res = await t.request(path, { method, headers });
    assertEquals([res.status, (await res.json()).error.code], [404, code], `${method} ${path.slice(0, 40)}`);
  }
  // Ids of the edge's own length still work.
  const s = await t.createLinkSession(cookie);
  assertEquals(
    (await t.request(`/api/sessions/${s.session.id}/end`, { method: "POST", headers: { cookie } })).status,
    200,
  );
});

Deno.test("a body that is not JSON at all is a 400 validation error with details", async () => {
  using t = await testApp();
  const res = await t.request("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{'email':",
  });
  assertEquals(res.status, 400);
  const { error } = await res.json();
  assertEquals(error.code, "validation_failed");
  assertEquals(Array.isArray(error.details) && error.details.length > 0, true);
});

Deno.test("a known API path with a method it lacks answers 405 with Allow; an unknown path 404", async () => {
  using t = await testApp();
  const trace = await t.request("/api/health", { method: "PUT" });
  assertEquals([trace.status, trace.headers.get("allow")], [405, "GET, HEAD"]);
  assertEquals((await trace.json()).error.code, "method_not_allowed");
  const put = await t.request("/api/admin/groups/x", {
    method: "PUT",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assertEquals([put.status, put.headers.get("allow")], [405, "GET, PATCH, DELETE, HEAD"]);
  assertEquals((await t.request("/api/nothing-here")).status, 404);
});

Deno.test("the OpenAPI document says what the edge checks: cookie name, non-empty PATCH, password or invite", async () => {
  using t = await testApp();
  const doc = await (await t.request("/api/openapi.json")).json();
  // The test app runs on plain-http 127.0.0.1, where the cookie has no __Host- prefix.
  assertEquals(doc.components.securitySchemes.technicianCookie.name, "sightline");
  const body = (path: string, method: string) => doc.paths[path][method].requestBody.content["application/json"].schema;
  assertEquals(body("/api/admin/settings", "patch").minProperties, 1);
  assertEquals(body("/api/admin/technicians", "post").anyOf.length, 2);
  assertEquals(Object.keys(doc.paths["/api/csp-report"].post.requestBody.content), [
    "application/csp-report",
    "application/json",
  ]);
});

Deno.test("API answers, which carry PINs, tokens and keys, are never cached", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  const accepted = await t.request(`/api/join/${s.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: s.secret },
  });
  assertEquals(accepted.status, 200);
  assertEquals(accepted.headers.get("cache-control"), "no-store");
  for (const path of ["/api/sessions", "/api/join/000000", "/api/nothing"]) {
    const res = await t.request(path, { headers: { cookie } });
    assertEquals(res.headers.get("cache-control"), "no-store", path);
  }
});
