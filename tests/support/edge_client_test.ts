import assert from "node:assert/strict";
import * as api from "../../shared/api.ts";
import { ERROR_CODES } from "../../shared/constants.ts";
import { EdgeClient, EdgeRefusal } from "./edge_client.ts";
import { joinByLink } from "./join.ts";
import { isCallOf, ROUTES } from "./routes.ts";

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A stand-in edge on a free port that records each request and answers with `answer(request)`. */
function fakeEdge(answer: (seen: Seen) => Response) {
  const seen: Seen[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const s = { method: req.method, url: new URL(req.url), headers: req.headers, body: await req.text() };
    seen.push(s);
    return answer(s);
  });
  return { seen, base: `http://127.0.0.1:${server.addr.port}`, [Symbol.asyncDispose]: () => server.shutdown() };
}

const session = {
  id: "s1",
  type: "lens",
  name: "Ann",
  status: "pending",
  method: "link",
  pin: "123456",
  pinExpiresAt: 1,
  customerPresent: false,
  customerProgress: null,
  waitingSince: null,
  createdAt: 1,
  startedAt: null,
  endedAt: null,
  endedBy: null,
};

Deno.test("EdgeClient.call() sends a route as its contract says and parses the answer", async (t) => {
  await t.step("a technician's mutation: cookie, our Origin, JSON body, the contract's status", async () => {
    await using edge = fakeEdge(() =>
      Response.json({ session, pin: "123456", link: "x", expiresAt: 1 }, { status: 201 })
    );
    const tech = new EdgeClient(edge.base).as({ kind: "technician", cookie: "sid=abc" });
    const created = await tech.call(api.createSession, {
      body: { type: "lens", name: "Ann", delivery: { method: "link" } },
    });
    assert.equal(created.session.id, "s1");
    const [req] = edge.seen;
    assert.equal(`${req.method} ${req.url.pathname}`, "POST /api/sessions");
    assert.equal(req.headers.get("cookie"), "sid=abc");
    assert.equal(req.headers.get("origin"), edge.base);
    assert.equal(req.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(req.body), { type: "lens", name: "Ann", delivery: { method: "link" } });
  });

  await t.step("the admin's read: bearer token, no Origin, path parameters and query filled in", async () => {
    await using edge = fakeEdge(() => Response.json({ sessions: [] }));
    const admin = new EdgeClient(edge.base).as({ kind: "admin", token: "t0k" });
    await admin.call(api.adminSessions, { query: { status: "active", limit: 5 } });
    await admin.call(api.getGroup, { params: { id: "a/b" } }).catch(() => {});
    const [list, group] = edge.seen;
    assert.equal(list.url.pathname + list.url.search, "/api/admin/sessions?status=active&limit=5");
    assert.equal(list.headers.get("authorization"), "Bearer t0k");
    assert.equal(list.headers.get("origin"), null);
    assert.equal(group.url.pathname, "/api/admin/groups/a%2Fb");
  });

  await t.step("a customer's call carries the customer key as bearer", async () => {
    await using edge = fakeEdge(() => Response.json({ ok: true }));
    await new EdgeClient(edge.base).as({ kind: "customer", key: "ck" }).call(api.endSessionAsCustomer);
    assert.equal(edge.seen[0].headers.get("authorization"), "Bearer ck");
  });

  await t.step("an answer the response schema refuses is an error, not a value", async () => {
    await using edge = fakeEdge(() => Response.json({ ok: "yes" }));
    await assert.rejects(new EdgeClient(edge.base).call(api.logout));
  });
});

Deno.test("EdgeClient refusals carry status, error code and Retry-After", async (t) => {
  await using edge = fakeEdge(() =>
    Response.json({ error: { code: ERROR_CODES.rateLimited, message: "Slow down" } }, {
      status: 429,
      headers: { "retry-after": "30" },
    })
  );
  const client = new EdgeClient(edge.base);
  await t.step("call() throws an EdgeRefusal", async () => {
    const err = await client.call(api.lookUpPin, { params: { pin: "000000" } }).catch((e) => e);
    assert.ok(err instanceof EdgeRefusal);
    assert.equal(err.status, 429);
    assert.equal(err.code, ERROR_CODES.rateLimited);
    assert.equal(err.retryAfterSeconds, 30);
    assert.match(err.message, /GET \/api\/join\/:pin: 429 rate_limited: Slow down/);
  });
  await t.step("attempt() returns it", async () => {
    const outcome = await client.attempt(api.lookUpPin, { params: { pin: "000000" } });
    assert.equal(outcome.ok, false);
    assert.equal(!outcome.ok && outcome.refusal.code, ERROR_CODES.rateLimited);
  });
});

Deno.test("EdgeClient.login() keeps the session cookie; raw() sends anything", async () => {
  await using edge = fakeEdge(({ url }) =>
    url.pathname === api.login.path
      ? new Response(JSON.stringify({ ok: true }), { headers: { "set-cookie": "sid=s3cret; HttpOnly; Path=/" } })
      : new Response("no", { status: 415 })
  );
  const tech = await new EdgeClient(edge.base).login({ email: "a@b.test", password: "pw-pw-pw-pw" });
  assert.deepEqual(tech.caller, { kind: "technician", cookie: "sid=s3cret" });
  const res = await tech.raw("POST", api.createSession.path, {
    body: "<xml/>",
    headers: { "content-type": "text/xml" },
  });
  assert.equal(res.status, 415);
  await res.body?.cancel();
  const sent = edge.seen[1];
  assert.equal(sent.body, "<xml/>");
  assert.equal(sent.headers.get("cookie"), "sid=s3cret");
  assert.equal(sent.headers.get("origin"), edge.base);
});

Deno.test("joinByLink() reads a customer link into look-up and accept arguments", () => {
  const join = joinByLink(api.customerLink("http://edge.test", "123456", "secret-secret-secret"));
  assert.equal(join.pin, "123456");
  assert.deepEqual(join.lookUp, {
    params: { pin: "123456" },
    headers: { [api.LINK_SECRET_HEADER]: "secret-secret-secret" },
  });
  assert.deepEqual(join.accept("2").body, { eulaVersion: "2", linkSecret: "secret-secret-secret" });
  assert.throws(() => joinByLink("http://edge.test/console"));
});

Deno.test("isCallOf() tells a route's requests by method and path", () => {
  assert.ok(ROUTES.includes(api.createGroup) && ROUTES.includes(api.lookUpPin));
  assert.ok(isCallOf(api.startSession, "POST", "/api/sessions/abc/start"));
  assert.ok(!isCallOf(api.startSession, "GET", "/api/sessions/abc/start"));
  assert.ok(!isCallOf(api.startSession, "POST", "/api/sessions/abc/start/x"));
  assert.ok(isCallOf(api.createSession, "POST", "/api/sessions"));
  assert.ok(!isCallOf(api.createSession, "POST", "/api/sessions/events"));
});
