import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { testApp } from "../testing/app.ts";
import { manualClock } from "../clock.ts";

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

Deno.test("GET /api/me and POST /api/auth/logout", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const me = await (await t.request("/api/me", { headers: { cookie } })).json();
  assertEquals([me.email, me.name, me.permissions.useLinkMethod], ["tech@example.test", "Tess", true]);
  const out = await t.request("/api/auth/logout", { method: "POST", headers: { cookie } });
  assertEquals(out.status, 200);
  assertMatch(out.headers.get("set-cookie") ?? "", /Max-Age=0/);
  assertEquals((await t.request("/api/me", { headers: { cookie } })).status, 401, "the old cookie is dead");
});

Deno.test("POST /api/auth/login is throttled per account after five failures", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const login = (password: string) =>
    t.request("/api/auth/login", { method: "POST", json: { email: "tech@example.test", password } });
  for (let i = 0; i < 5; i++) assertEquals((await login("wrong-password")).status, 401);
  const throttled = await login("long-password-1");
  assertEquals(throttled.status, 429, "even the right password waits");
  assertEquals((await throttled.json()).error.code, "rate_limited");
  clock.advance(15 * 60_000);
  assertEquals((await login("long-password-1")).status, 200);
});

Deno.test("sign-in sets a script-readable hint beside the HttpOnly cookie; sign-out clears both", async () => {
  using t = await testApp();
  const ok = await t.request("/api/auth/login", {
    method: "POST",
    json: { email: "tech@example.test", password: "long-password-1" },
  });
  const [session, hint] = ok.headers.getSetCookie();
  assertMatch(session, /^sightline=[^;]{20,}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
  assertEquals(hint, "sightline-console=1; Max-Age=43200; Path=/; SameSite=Strict", "no secret, not HttpOnly");
  const cookie = session.split(";")[0];
  const out = await t.request("/api/auth/logout", { method: "POST", headers: { cookie } });
  assertEquals(out.headers.getSetCookie().map((c) => c.split("=")[0]), ["sightline", "sightline-console"]);
  assert(out.headers.getSetCookie().every((c) => /Max-Age=0/.test(c)));
});

Deno.test("a refused sign-in clears its cookies; a request without any sets none", async () => {
  using t = await testApp();
  const cookie = await t.login();
  await t.request("/api/auth/logout", { method: "POST", headers: { cookie } });
  for (const stale of [cookie, "sightline-console=1", `${cookie}; sightline-console=1`]) {
    const me = await t.request("/api/me", { headers: { cookie: stale } });
    assertEquals(me.status, 401);
    assertEquals(me.headers.getSetCookie().map((c) => c.replace(/=.*Max-Age=0.*/, "")), [
      "sightline",
      "sightline-console",
    ], stale);
  }
  const none = await t.request("/api/me");
  assertEquals(none.status, 401);
  assertEquals(none.headers.getSetCookie(), []);
});
