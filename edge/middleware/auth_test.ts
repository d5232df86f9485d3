import { assertEquals } from "../testing/assert.ts";
import { ADMIN_TOKEN, testApp } from "../testing/app.ts";

Deno.test("admin routes need the bearer token", async () => {
  using t = await testApp();
  assertEquals((await t.request("/api/admin/settings")).status, 401);
  const ok = await t.request("/api/admin/settings", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  assertEquals(ok.status, 200);
});
