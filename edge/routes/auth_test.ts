import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { TECH, testApp } from "../testing/app.ts";
import { listAudit } from "../db/audit.ts";
import { listOutbox } from "../db/outbox.ts";
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

const A = "203.0.113.10"; // the attacker
const B = "198.51.100.20"; // the technician

/** Signs in as the test technician from `address`; `password` defaults to the right one. */
const signIn = (t: Awaited<ReturnType<typeof testApp>>, address: string, password = TECH.password) =>
  t.request("/api/auth/login", { method: "POST", address, json: { email: TECH.email, password } });

Deno.test("five wrong passwords from one address do not lock the owner out at another (issue 18)", async () => {
  using t = await testApp();
  for (let i = 0; i < 5; i++) assertEquals((await signIn(t, A, "wrong-password")).status, 401);
  assertEquals((await signIn(t, B)).status, 200, "the owner's right password from their own address");
});

Deno.test("after five failures an address waits twice as long each time; fifty never lock the owner out", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const waits: number[] = [];
  let failures = 0;
  while (failures < 50) {
    const res = await signIn(t, A, "wrong-password");
    if (res.status === 401) {
      failures++;
      await res.body?.cancel();
    } else {
      assertEquals(res.status, 429);
      const body = await res.json();
      assertEquals(body.error.code, "rate_limited");
      const seconds = Number(res.headers.get("retry-after"));
      waits.push(seconds);
      clock.advance(seconds * 1000);
    }
  }
  assertEquals(waits.slice(0, 10), [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], "doubling after the free five");
  assert(Math.max(...waits) <= 900, `capped at 15 minutes: ${waits}`);
  assertEquals((await signIn(t, A)).status, 429, "even A's right password waits its turn");
  assertEquals((await signIn(t, B)).status, 200, "the owner at B is never refused for A's failures");
  assertEquals((await listAudit(t.kv, { action: "login.throttled" })).length, 0, "one address is no attack alert");
});

Deno.test("a success forgets the address's failures; concurrent guesses cannot slip past the wait", async () => {
  using t = await testApp();
  for (let i = 0; i < 4; i++) assertEquals((await signIn(t, A, "wrong-password")).status, 401);
  assertEquals((await signIn(t, A)).status, 200);
  const statuses = await Promise.all(Array.from({ length: 12 }, () => signIn(t, A, "wrong-password")))
    .then((all) => all.map((r) => (r.body?.cancel(), r.status)));
  assertEquals(statuses.filter((s) => s === 401).length, 5, `five free failures again, the rest 429: ${statuses}`);
  assertEquals(statuses.filter((s) => s === 429).length, 7);
});

Deno.test("above fifty failures an hour the account is slowed for everyone and both are told once", async () => {
  const clock = manualClock();
  using t = await testApp({ clock, env: { ADMIN_EMAIL: "it@example.test" } });
  // A botnet: each address fails once, so no address is delayed; the account's bound is what stops it.
  for (let i = 0; i < 50; i++) assertEquals((await signIn(t, `10.0.${i}.1`, "wrong-password")).status, 401);
  const slowed = await signIn(t, B);
  assertEquals(slowed.status, 429, "slowed for everyone, the owner too");
  assertEquals((await slowed.json()).error.details.limit, "login_account");
  assertEquals(slowed.headers.get("retry-after"), "30");
  clock.advance(30_000);
  assertEquals((await signIn(t, B)).status, 200, "after the wait the owner is in");
  // The attack goes on at the slowed pace: no new mail, no new audit entry.
  for (let i = 0; i < 5; i++) {
    clock.advance(30_000);
    assertEquals((await signIn(t, `10.1.${i}.1`, "wrong-password")).status, 401);
  }
  const alerts = (await listOutbox(t.kv)).filter((m) => /failed sign-ins|password-guessing/.test(m.subject));
  assertEquals(alerts.map((m) => m.to).sort(), ["it@example.test", TECH.email]);
  const mail = alerts.find((m) => m.to === TECH.email)!;
  assertMatch(mail.text, /50 failed attempts to sign in to your Sightline account tech@example\.test/);
  assertMatch(mail.text, /50 fehlgeschlagene Versuche/);
  const audit = await listAudit(t.kv, { action: "login.throttled" });
  assertEquals(audit.map((e) => [e.technicianId, e.details?.email]), [[t.technician.id, TECH.email]]);
});

Deno.test("an unknown account is throttled the same way and alerts nobody", async () => {
  using t = await testApp({ env: { ADMIN_EMAIL: "it@example.test" } });
  const guess = (address: string) =>
    t.request("/api/auth/login", { method: "POST", address, json: { email: "nobody@example.test", password: "x" } });
  for (let i = 0; i < 50; i++) assertEquals((await guess(`10.0.${i}.1`)).status, 401);
  assertEquals((await guess("10.9.9.9")).status, 429, "the same answers as for a real account");
  assertEquals(await listOutbox(t.kv), []);
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
