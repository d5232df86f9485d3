import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
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

Deno.test("csp-report log injection: fields with line breaks never forge a log line; every line is JSON", async () => {
  using t = await testApp();
  const forged = "\n[error] POST /api/admin/technicians: forged\n";
  const res = await t.request("/api/csp-report", {
    method: "POST",
    headers: { "content-type": "application/csp-report" },
    body: JSON.stringify({
      "csp-report": {
        "effective-directive": `script-src${forged}`,
        "blocked-uri": `inline${forged}`,
        "document-uri": `http://127.0.0.1:8000/console${forged}`,
        "source-file": `x${forged}\u2028[error] forged too`,
      },
    }),
  });
  assertEquals(res.status, 204);
  assert(t.log.lines.length > 0, "the report is logged");
  for (const line of t.log.lines) {
    assert(!line.includes("\n") && !line.includes("\u2028"), line);
    assert(!line.startsWith("[error]"), line);
    const entry = JSON.parse(line);
    assertEquals(typeof entry.time, "string");
    assertEquals(typeof entry.requestId, "string");
  }
  const entry = t.log.entries().find((e) => e.msg === "CSP violation reported")!;
  assertMatch(String(entry.directive), /^script-src\s\[error\] POST/);
});
