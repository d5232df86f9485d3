import { assert, assertEquals, assertMatch } from "./testing.ts";
import { loadConfig } from "./config.ts";
import { ALL_PERMISSIONS } from "./db/accounts.ts";
import { ADMIN_TOKEN, ORIGIN, testApp } from "./test_app.ts";

Deno.test("POST /api/auth/login sets an HttpOnly SameSite=Strict cookie and refuses bad passwords", async () => {
  using t = await testApp();
  const bad = await t.request("/api/auth/login", {
    method: "POST",
    json: { email: "tech@example.test", password: "wrong-password" },
  });
  assertEquals(bad.status, 401);
  assertEquals((await bad.json()).error.code, "invalid_credentials");
  const ok = await t.request("/api/auth/login", {
    method: "POST",
    json: { email: "tech@example.test", password: "long-password-1" },
  });
  const cookie = ok.headers.get("set-cookie") ?? "";
  assertMatch(cookie, /HttpOnly/);
  assertMatch(cookie, /SameSite=Strict/);
});

Deno.test("state-changing requests need our Origin and a JSON body", async (s) => {
  using t = await testApp();
  await s.step("foreign origin → 403", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      headers: { origin: "https://evil.example" },
      json: { email: "tech@example.test", password: "x" },
    });
    assertEquals(res.status, 403);
    assertEquals((await res.json()).error.code, "forbidden_origin");
  });
  await s.step("form body → 415", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=a&password=b",
    });
    assertEquals(res.status, 415);
  });
  await s.step("malformed JSON → 400, not 500", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    assertEquals(res.status, 400);
    assert((await res.json()).error.code);
  });
  await s.step("oversized body → 413", async () => {
    const res = await t.request("/api/auth/login", { method: "POST", json: { email: "x".repeat(100_000) } });
    assertEquals(res.status, 413);
  });
});

Deno.test("POST /api/sessions validates, checks permissions and returns PIN and link", async (s) => {
  await s.step("unauthenticated → 401", async () => {
    using t = await testApp();
    const res = await t.request("/api/sessions", {
      method: "POST",
      json: { type: "lens", name: "A", delivery: { method: "link" } },
    });
    assertEquals(res.status, 401);
  });
  await s.step("empty name → 400 with details", async () => {
    using t = await testApp();
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: " ", delivery: { method: "link" } },
    });
    assertEquals(res.status, 400);
    const body = await res.json();
    assertEquals(body.error.code, "validation_failed");
    assertEquals(body.error.details[0].path, "name");
  });
  await s.step("missing permission → 403 naming it", async () => {
    using t = await testApp({ permissions: { ...ALL_PERMISSIONS, useLinkMethod: false } });
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "Alice", delivery: { method: "link" } },
    });
    assertEquals(res.status, 403);
    assertEquals((await res.json()).error.code, "useLinkMethod");
  });
  await s.step("link method → 201 with link and PIN", async () => {
    using t = await testApp();
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "Alice", delivery: { method: "link" } },
    });
    assertEquals(res.status, 201);
    const body = await res.json();
    assertMatch(body.link, new RegExp(`^${ORIGIN}/j/${body.pin}#k=[\\w-]{43}$`));
    assertEquals(body.session.status, "pending");
    const join = await t.request(`/api/join/${body.pin}`);
    assertEquals(join.status, 200);
    assertEquals((await join.json()).technicianName, "Tess");
  });
  await s.step("email-client → a mailto whose body holds link and PIN", async () => {
    using t = await testApp();
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "Alice", delivery: { method: "email-client", locale: "de" } },
    });
    const body = await res.json();
    const mailto = new URL(body.mailto);
    const text = mailto.searchParams.get("body")!;
    assert(text.includes(body.link));
    assert(text.includes(`${body.pin.slice(0, 3)} ${body.pin.slice(3)}`));
    assertMatch(mailto.searchParams.get("subject")!, /Video-Support/);
  });
});

Deno.test("GET /api/join/:pin answers 404 for unknown or malformed PINs", async () => {
  using t = await testApp();
  for (const pin of ["000000", "12ab56", "1234567"]) {
    const res = await t.request(`/api/join/${pin}`);
    assertEquals(res.status, 404, pin);
    assertEquals((await res.json()).error.code, "pin_not_found");
  }
});

Deno.test("every response carries the security headers", async () => {
  using t = await testApp();
  const res = await t.request("/api/join/000000");
  const csp = res.headers.get("content-security-policy") ?? "";
  assertMatch(csp, /script-src 'self'/);
  assertMatch(csp, /object-src 'none'/);
  assertMatch(csp, /frame-ancestors 'none'/);
  assertMatch(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:9/);
  assertEquals(res.headers.get("referrer-policy"), "no-referrer");
  assertMatch(res.headers.get("permissions-policy") ?? "", /camera=\(self\)/);
  assertMatch(res.headers.get("strict-transport-security") ?? "", /max-age=/);
});

Deno.test("admin routes need the bearer token; webhooks need LiveKit's signature", async () => {
  using t = await testApp();
  assertEquals((await t.request("/api/admin/settings")).status, 401);
  const ok = await t.request("/api/admin/settings", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  assertEquals(ok.status, 200);
  const hook = await t.request("/api/livekit/webhook", {
    method: "POST",
    headers: { "content-type": "application/webhook+json", authorization: "forged" },
    body: JSON.stringify({ event: "room_finished", room: { name: "session-x" } }),
  });
  assertEquals(hook.status, 401);
});

Deno.test("loadConfig() refuses a missing or weak admin token and bad URLs", () => {
  const base = {
    ADMIN_TOKEN,
    LIVEKIT_URL: "ws://x",
    LIVEKIT_API_KEY: "k",
    LIVEKIT_API_SECRET: "s".repeat(32),
    RESEND_API_KEY: "re_x",
    MAIL_FROM: "help@example.test",
  };
  const fails = (env: Record<string, string>, pattern: RegExp) => {
    try {
      loadConfig(env);
    } catch (err) {
      assertMatch(String(err), pattern);
      return;
    }
    throw new Error(`expected loadConfig to fail for ${JSON.stringify(env)}`);
  };
  fails({ ...base, ADMIN_TOKEN: "short" }, /ADMIN_TOKEN/);
  fails({ ...base, LIVEKIT_URL: "http://x" }, /LIVEKIT_URL/);
  fails({ ...base, LIVEKIT_API_SECRET: "secret" }, /LIVEKIT_API_SECRET/);
  fails({ ...base, RESEND_API_KEY: "" }, /RESEND_API_KEY/);
  fails({ ...base, LIVEKIT_API_KEY: "devkey" }, /dev defaults/);
  fails({ ...base, MAIL_FROM: "" }, /MAIL_FROM/);
  assertEquals(loadConfig(base).livekit.apiUrl, "http://x");
});

Deno.test("POST /api/sessions refuses each missing permission with that permission's code", async (st) => {
  const methods = {
    link: { method: "link" },
    "email-client": { method: "email-client" },
    "email-server": { method: "email-server", to: "c@example.test" },
  } as const;
  const cases: [keyof typeof ALL_PERMISSIONS, keyof typeof methods][] = [
    ["startLensSessions", "link"],
    ["startPrivateSessions", "link"],
    ["useLinkMethod", "link"],
    ["useEmailMethod", "email-client"],
    ["useEmailMethod", "email-server"],
    ["startLensSessions", "email-server"],
  ];
  for (const [missing, method] of cases) {
    await st.step(`without ${missing}, ${method}`, async () => {
      using t = await testApp({ permissions: { ...ALL_PERMISSIONS, [missing]: false } });
      const cookie = await t.login();
      const res = await t.request("/api/sessions", {
        method: "POST",
        headers: { cookie },
        json: { type: "lens", name: "Alice", delivery: methods[method] },
      });
      assertEquals(res.status, 403);
      assertEquals((await res.json()).error.code, missing);
      const list = await (await t.request("/api/sessions", { headers: { cookie } })).json();
      assertEquals(list.sessions, [], "nothing was created");
    });
  }
  await st.step("a permission the method does not need does not matter", async () => {
    using t = await testApp({ permissions: { ...ALL_PERMISSIONS, useEmailMethod: false } });
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "Alice", delivery: methods.link },
    });
    assertEquals(res.status, 201);
  });
});

Deno.test("GET /api/me, POST /api/auth/logout and GET /api/health", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const me = await (await t.request("/api/me", { headers: { cookie } })).json();
  assertEquals([me.email, me.name, me.permissions.useLinkMethod], ["tech@example.test", "Tess", true]);
  const out = await t.request("/api/auth/logout", { method: "POST", headers: { cookie } });
  assertEquals(out.status, 200);
  assertMatch(out.headers.get("set-cookie") ?? "", /Max-Age=0/);
  assertEquals((await t.request("/api/me", { headers: { cookie } })).status, 401, "the old cookie is dead");
  const health = await t.request("/api/health");
  assertEquals(health.status, 503, "LiveKit is not reachable in this test");
  assertEquals(await health.json(), { ok: false, kv: true, livekit: false });
});

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
