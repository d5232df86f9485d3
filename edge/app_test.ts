import { assertEquals } from "./testing/assert.ts";
import { testApp } from "./testing/app.ts";

Deno.test("GET /api/health", async () => {
  using t = await testApp();
  const health = await t.request("/api/health");
  assertEquals(health.status, 503, "LiveKit is not reachable in this test");
  assertEquals(await health.json(), { ok: false, kv: true, livekit: false });
});
