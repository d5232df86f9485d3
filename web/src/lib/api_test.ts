import assert from "node:assert/strict";
import { acceptEula, lookUpPin, rejoinSession } from "../../../shared/customer_api.ts";
import { type ApiError, createApi, HTTP_ERROR, NETWORK_ERROR } from "./api.ts";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

Deno.test("createApi() calls a route by its contract and parses the answer with its schema", async () => {
  const seen: { url: string; init: RequestInit }[] = [];
  const api = createApi((url, init) => (seen.push({ url: String(url), init: init! }),
    Promise.resolve(json(200, {
      sessionId: "s",
      customerKey: "k",
      livekit: { url: "ws://x", token: "t" },
    })))
  );
  const res = await api(acceptEula, { params: { pin: "123456" }, body: { eulaVersion: "2" } });
  assert.equal(res.customerKey, "k");
  assert.equal(seen[0].url, "/api/join/123456/accept");
  assert.equal(seen[0].init.method, "POST");
  assert.equal(seen[0].init.body, JSON.stringify({ eulaVersion: "2" }));
  assert.equal((seen[0].init.headers as Record<string, string>)["content-type"], "application/json");
  assert.ok(seen[0].init.signal, "a call that hangs times out");
  await api(rejoinSession, { bearer: "key" }).catch(() => {});
  assert.equal((seen[1].init.headers as Record<string, string>).authorization, "Bearer key");
  assert.equal(seen[1].init.body, "{}", "a mutation without a body sends an empty JSON object");
});

Deno.test("createApi() turns refusals, network failures and foreign error pages into ApiErrors with a code", async () => {
  const answers = [
    () =>
      Promise.resolve(json(429, { error: { code: "rate_limited", message: "Slow down" } }, { "retry-after": "42" })),
    () => Promise.reject(new TypeError("Failed to fetch")),
    () => Promise.resolve(new Response("<h1>Bad gateway</h1>", { status: 502 })),
  ];
  const api = createApi(() => answers.shift()!());
  const refused = await api(lookUpPin, { params: { pin: "123456" } }).catch((e) => e) as ApiError;
  assert.deepEqual([refused.status, refused.code, refused.retryAfterSeconds], [429, "rate_limited", 42]);
  const offline = await api(lookUpPin, { params: { pin: "123456" } }).catch((e) => e) as ApiError;
  assert.deepEqual([offline.status, offline.code], [0, NETWORK_ERROR]);
  const proxy = await api(lookUpPin, { params: { pin: "123456" } }).catch((e) => e) as ApiError;
  assert.deepEqual([proxy.status, proxy.code], [502, HTTP_ERROR]);
});
