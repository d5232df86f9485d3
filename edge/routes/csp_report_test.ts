import type { CspReport, CspReportList } from "@sightline/shared";
import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { ADMIN_TOKEN, testApp } from "../testing/app.ts";
import { manualClock } from "../clock.ts";
import { keys } from "../db/keys.ts";
import { LIMITS } from "../db/rate_limit.ts";
import { DEDUPE_WINDOW_MS, saveCspReport } from "../db/csp_reports.ts";

type App = Awaited<ReturnType<typeof testApp>>;

const report = (fields: Record<string, string>) =>
  JSON.stringify({ "csp-report": { "document-uri": "http://127.0.0.1:8000/console", ...fields } });

/** Posts a browser's report from `address`; the answer is 204 whatever happens to it. */
async function post(t: App, fields: Record<string, string>, address = "192.0.2.1") {
  const res = await t.request("/api/csp-report", {
    method: "POST",
    headers: { "content-type": "application/csp-report" },
    body: report(fields),
    address,
  });
  assertEquals(res.status, 204);
}

const blockedScript = (n: number) => ({
  "effective-directive": "script-src-elem",
  "blocked-uri": `https://x${n}.example/a.js`,
});

async function list(t: App, query = ""): Promise<CspReportList> {
  const res = await t.request(`/api/admin/csp-reports${query}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assertEquals(res.status, 200);
  return await res.json();
}

/** Every kept report, walking the pages `limit` at a time. */
async function listAll(t: App, limit: number): Promise<CspReport[]> {
  const all: CspReport[] = [];
  let cursor: string | null = null;
  do {
    const page: CspReportList = await list(t, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    assert(page.reports.length <= limit);
    all.push(...page.reports);
    cursor = page.next;
  } while (cursor);
  return all;
}

async function keptInKv(t: App): Promise<number> {
  let n = 0;
  for await (const _ of t.kv.list({ prefix: keys.cspReports() })) n++;
  return n;
}

Deno.test("POST /api/csp-report keeps a scrubbed report that admins can read", async () => {
  using t = await testApp();
  await post(t, {
    "document-uri": "http://127.0.0.1:8000/j/123456?x=secret",
    "effective-directive": "script-src-elem",
    "blocked-uri": "inline",
    "source-file": "http://127.0.0.1:8000/assets/app.js?token=secret",
  });
  assertEquals((await t.request("/api/csp-report", { method: "POST", body: "garbage" })).status, 204);
  const { reports, next } = await list(t);
  assertEquals(reports.length, 1);
  assertEquals(next, null);
  assertEquals(reports[0].page, "http://127.0.0.1:8000/j/******");
  assertEquals(reports[0].source, "http://127.0.0.1:8000/assets/app.js");
  assertEquals(reports[0].directive, "script-src-elem");
  assertEquals(reports[0].count, 1);
  assertMatch(reports[0].id, /^[0-9a-z]{10}-[0-9a-f]{8}$/);
});

Deno.test("csp-report flood: 520 reports from one client in a burst are all answered 204, at most the client's bound kept", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  for (let i = 0; i < 520; i++) await post(t, blockedScript(i), "198.51.100.7");
  assertEquals(await keptInKv(t), LIMITS.cspPerClient.max);
  // The next window takes the client's reports again.
  clock.advance(LIMITS.cspPerClient.windowMs);
  await post(t, blockedScript(1000), "198.51.100.7");
  assertEquals(await keptInKv(t), LIMITS.cspPerClient.max + 1);
});

Deno.test("csp-report: many clients together keep at most the hourly total", async () => {
  using t = await testApp();
  for (let i = 0; i < LIMITS.cspTotal.max + 50; i++) {
    await post(t, blockedScript(i), `10.0.${Math.floor(i / 250)}.${i % 250}`);
  }
  assertEquals(await keptInKv(t), LIMITS.cspTotal.max);
  const full = t.log.entries().filter((e) => e.msg === "CSP reports of all clients reached their hourly bound");
  assertEquals(full.length, 1, "the bound is logged once, not for every report over it");
});

Deno.test("csp-report: the same report repeated is one entry with its count; after the window a new entry", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  for (let i = 0; i < 12; i++) {
    clock.advance(1000);
    await post(t, blockedScript(1));
  }
  let { reports } = await list(t);
  assertEquals(reports.length, 1);
  assertEquals(reports[0].count, 12);
  assertEquals(reports[0].lastAt - reports[0].at, 11_000);
  assertEquals(t.log.entries().filter((e) => e.msg === "CSP violation reported").length, 1, "logged when new only");

  clock.advance(DEDUPE_WINDOW_MS);
  await post(t, blockedScript(1));
  ({ reports } = await list(t));
  assertEquals(reports.map((r) => r.count), [1, 12]);
});

Deno.test("csp-report: concurrent repeats are counted exactly (each count is one atomic commit)", async () => {
  using t = await testApp();
  const fields = { directive: "img-src", blocked: "https://img.example", page: "http://127.0.0.1:8000/", source: "" };
  const results = await Promise.all(
    Array.from({ length: 25 }, (_, i) => saveCspReport(t.kv, fields, `192.0.2.${i}`, t.clock.now())),
  );
  const kept = results.filter((r) => r.outcome !== "dropped").length;
  assert(kept > 0);
  const { reports } = await list(t);
  assertEquals(reports.length, 1);
  assertEquals(reports[0].count, kept);
  assertEquals(results.filter((r) => r.outcome === "stored").length, 1);
});

Deno.test("csp-report: after a flood, another client's real report is listed first; paging returns the rest", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  for (let i = 0; i < 520; i++) {
    clock.advance(5); // 520 reports in 2.6 s
    await post(t, blockedScript(i), "198.51.100.7");
  }
  clock.advance(5);
  await post(t, { "effective-directive": "connect-src", "blocked-uri": "wss://evil.example" }, "192.0.2.44");

  const first = await list(t, "?limit=5");
  assertEquals(first.reports[0].directive, "connect-src");
  assertEquals(first.reports[0].blocked, "wss://evil.example/");
  assertEquals(first.reports.length, 5);
  assert(first.next);

  const all = await listAll(t, 7);
  assertEquals(all.length, LIMITS.cspPerClient.max + 1);
  assertEquals(new Set(all.map((r) => r.id)).size, all.length, "no report on two pages");
  assertEquals(all.map((r) => r.at), all.map((r) => r.at).toSorted((a, b) => b - a), "newest first");
  assertEquals(all[all.length - 1].blocked, "https://x0.example/a.js", "the oldest comes last");
});

Deno.test("GET /api/admin/csp-reports: a bad cursor or limit is a 400 validation error", async () => {
  using t = await testApp();
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  for (const q of ["cursor=../../x", "cursor=", "cursor=ZZZZZZZZZZ-00000000", "limit=0", "limit=abc", "limit=1.5"]) {
    const res = await t.request(`/api/admin/csp-reports?${q}`, { headers: auth });
    assertEquals(res.status, 400, q);
    assertEquals((await res.json()).error.code, "validation_failed", q);
  }
  // A well-formed cursor of no report is a page like any other.
  assertEquals((await list(t, "?cursor=0000000000-00000000")).reports, []);
});

Deno.test("csp-report: every kept text is cut to 200 characters, without control characters", async () => {
  using t = await testApp();
  await post(t, {
    "effective-directive": `script-src\r\n${"d".repeat(5000)}`,
    "blocked-uri": `https://x.example/${"b".repeat(5000)}`,
    "document-uri": `not a url \u2028${"p".repeat(5000)}`,
    "source-file": "s".repeat(5000),
  });
  const [r] = (await list(t)).reports;
  for (const text of [r.directive, r.blocked, r.page, r.source]) {
    assertEquals(text.length, 200);
    // deno-lint-ignore no-control-regex
    assert(!/[\u0000-\u001f\u2028]/.test(text), text.slice(0, 40));
  }
  assert(r.directive.startsWith("script-src  ddd"));
});

Deno.test("csp-report log injection: fields with line breaks never forge a log line; every line is JSON", async () => {
  using t = await testApp();
  const forged = "\n[error] POST /api/admin/technicians: forged\n";
  await post(t, {
    "effective-directive": `script-src${forged}`,
    "blocked-uri": `inline${forged}`,
    "document-uri": `http://127.0.0.1:8000/console${forged}`,
    "source-file": `x${forged}\u2028[error] forged too`,
  });
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
