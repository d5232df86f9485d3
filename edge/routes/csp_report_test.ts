import { assertEquals } from "../testing/assert.ts";
import { ADMIN_TOKEN, testApp } from "../testing/app.ts";

Deno.test("POST /api/csp-report keeps a scrubbed report that admins can read", async () => {
  using t = await testApp();
  const res = await t.request("/api/csp-report", {
    method: "POST",
    headers: { "content-type": "application/csp-report" },
    body: JSON.stringify({
      "csp-report": {
        "document-uri": "http://127.0.0.1:8000/j/123456?x=secret",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
      },
    }),
  });
  assertEquals(res.status, 204);
  assertEquals((await t.request("/api/csp-report", { method: "POST", body: "garbage" })).status, 204);
  const { reports } = await (await t.request("/api/admin/csp-reports", {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })).json();
  assertEquals(reports.length, 1);
  assertEquals(reports[0].page, "http://127.0.0.1:8000/j/******");
  assertEquals(reports[0].directive, "script-src-elem");
});
