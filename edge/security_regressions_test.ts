/** Bugs the fuzzers found, each pinned by a small test. */
import { assertEquals } from "./testing.ts";
import { ADMIN_TOKEN, testApp } from "./test_app.ts";

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
