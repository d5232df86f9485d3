import { assert, assertEquals } from "./testing/assert.ts";
import { createLog, memoryLog, withRequestId } from "./log.ts";
import { testApp } from "./testing/app.ts";
import { localLiveKit } from "./testing/livekit.ts";
import { REQUEST_ID_HEADER } from "./middleware/request_id.ts";
import { errorRenderer } from "./error_response.ts";
import { Hono } from "hono";

Deno.test("log: one JSON object a line; no string in it can break the line", () => {
  const lines: string[] = [];
  const log = createLog((l) => lines.push(l), () => Date.UTC(2026, 0, 2, 3, 4, 5));
  const forged = "x\n[error] POST /api/admin/technicians: forged\r\u2028\u2029\u0085\u001b[31m";
  log.warn(`msg ${forged}`, { directive: forged, nested: { deeper: [forged] } });
  assertEquals(lines.length, 1);
  // deno-lint-ignore no-control-regex
  assert(!/[\n\r\u2028\u2029\u0085\u001b]/.test(lines[0]), lines[0]);
  const entry = JSON.parse(lines[0]);
  assertEquals(entry.time, "2026-01-02T03:04:05.000Z");
  assertEquals(entry.level, "warn");
  assertEquals(entry.msg, `msg ${forged}`);
  assertEquals(entry.directive, forged);
  assertEquals(entry.nested.deeper[0], forged);
});

Deno.test("log: fields cannot overwrite time, level, msg or the request id; errors keep their message", () => {
  const log = memoryLog();
  withRequestId(
    "abc",
    () => log.error("real", { level: "info", msg: "fake", requestId: "other", error: new Error("boom") }),
  );
  const [entry] = log.entries();
  assertEquals([entry.level, entry.msg, entry.requestId], ["error", "real", "abc"]);
  assertEquals(Object.keys(entry).slice(0, 4), ["time", "level", "msg", "requestId"]);
  assertEquals((entry.error as { message: string }).message, "boom");
  log.info("outside a request", { n: 10n, self: undefined });
  assertEquals(log.entries()[1].requestId, undefined);
  assertEquals(log.entries()[1].n, "10");
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  log.info("circular", { circular });
  assertEquals(log.entries()[2].msg, "circular");
});

Deno.test("X-Request-Id: every answer has its own; a client's id is ignored", async () => {
  using t = await testApp();
  const ids = new Set<string>();
  for (const path of ["/api/health", "/api/nope", "/api/openapi.json"]) {
    const res = await t.request(path, { headers: { [REQUEST_ID_HEADER]: "chosen-by-the-client-1234" } });
    await res.body?.cancel();
    const id = res.headers.get(REQUEST_ID_HEADER) ?? "";
    assert(/^[0-9a-f]{24}$/.test(id), `${path}: ${id}`);
    ids.add(id);
  }
  assertEquals(ids.size, 3);
});

Deno.test("a 500's log line is JSON with the request id of its answer and the error's message escaped", async () => {
  const livekit = { ...localLiveKit(), healthy: () => Promise.reject(new Error("down\n[error] forged")) };
  using t = await testApp({ livekit });
  const res = await t.request("/api/health");
  assertEquals(res.status, 500);
  const body = await res.json();
  assertEquals(body.error.code, "internal_error");
  assert(!JSON.stringify(body).includes("forged"), "no internals in the answer");
  const [entry] = t.log.entries().filter((e) => e.level === "error");
  assertEquals(entry.requestId, res.headers.get(REQUEST_ID_HEADER));
  assertEquals(entry.path, "/api/health");
  assertEquals((entry.error as { message: string }).message, "down\n[error] forged");
  for (const line of t.log.lines) assert(!line.includes("\n") && !line.startsWith("[error]"), line);
});

Deno.test("a 500's log line has the PINs of its path masked", async () => {
  const log = memoryLog();
  const app = new Hono().get("/api/join/:pin", () => {
    throw new Error("broken");
  }).onError(errorRenderer(log));
  assertEquals((await app.request("/api/join/123456")).status, 500);
  assertEquals(log.entries()[0].path, "/api/join/******");
  assert(!log.lines[0].includes("123456"));
});
