import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { ADMIN_TOKEN, testApp } from "../testing/app.ts";
import { manualClock } from "../clock.ts";
import { updateGroup } from "../db/groups.ts";

type App = Awaited<ReturnType<typeof testApp>>;
type View = { id: string; status: string; endedBy: string | null; pinExpiresAt: number; pin: string };

const post = (t: App, cookie: string, path: string) => t.request(path, { method: "POST", headers: { cookie } });
const listed = async (t: App, cookie: string): Promise<View[]> =>
  (await (await t.request("/api/sessions", { headers: { cookie } })).json()).sessions;
const audit = async (t: App, id: string, action: string) =>
  (await (await t.request(`/api/admin/audit?sessionId=${id}&action=${action}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })).json()).entries;
const lookUp = (t: App, pin: string, secret: string) =>
  t.request(`/api/join/${pin}`, { headers: { "x-link-secret": secret } });

Deno.test("an expired link says why, with the company's name; Extend makes it work again", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  clock.advance(21 * 60_000);
  const gone = await lookUp(t, s.pin, s.secret);
  assertEquals(gone.status, 404);
  const { error } = await gone.json();
  assertEquals([error.code, error.details.reason, error.details.companyName], [
    "pin_not_found",
    "expired",
    "Sightline",
  ]);
  assertEquals((await listed(t, cookie))[0].endedBy, "expired");

  const extended = await post(t, cookie, `/api/sessions/${s.session.id}/extend`);
  assertEquals(extended.status, 200);
  const view: View = (await extended.json()).session;
  assertEquals([view.status, view.pinExpiresAt], ["pending", clock.now() + 20 * 60_000]);
  assertEquals((await lookUp(t, s.pin, s.secret)).status, 200);
  assertEquals((await audit(t, s.session.id, "session.extended")).length, 1);
});

Deno.test("a typed PIN that is gone learns no reason", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const s = await t.createLinkSession(await t.login());
  clock.advance(21 * 60_000);
  const { error } = await (await t.request(`/api/join/${s.pin}`)).json();
  assertEquals([error.code, error.details], ["pin_not_found", undefined]);
});

Deno.test("POST /api/sessions/:id/resend: a new PIN and link, same name and way; the old link says replaced", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie, "Carol");
  clock.advance(30 * 60_000);
  const res = await post(t, cookie, `/api/sessions/${s.session.id}/resend`);
  assertEquals(res.status, 200);
  const body = await res.json();
  assertEquals([body.session.id, body.session.name, body.session.method], [s.session.id, "Carol", "link"]);
  assert(body.pin !== s.pin);
  assertMatch(body.link, new RegExp(`/j/${body.pin}#k=`));
  assertEquals(body.mailto, undefined);
  const secret = new URL(body.link).hash.slice(3);
  assertEquals((await lookUp(t, body.pin, secret)).status, 200);
  const old = await (await lookUp(t, s.pin, s.secret)).json();
  assertEquals(old.error.details.reason, "replaced");
  assertEquals((await listed(t, cookie)).length, 1, "the same entry in the list");
  assertEquals((await audit(t, s.session.id, "session.resent")).length, 1);
});

Deno.test("Resend by email goes out again to the same address; it needs the method's permission", async () => {
  const sent: { to: string; text: string }[] = [];
  using t = await testApp({ mailer: { send: (m) => (sent.push(m), Promise.resolve()) } });
  const cookie = await t.login();
  const created = await (await t.request("/api/sessions", {
    method: "POST",
    headers: { cookie },
    json: { type: "lens", name: "Dan", delivery: { method: "email-server", to: "dan@example.test", locale: "de" } },
  })).json();
  const res = await post(t, cookie, `/api/sessions/${created.session.id}/resend`);
  assertEquals(res.status, 200);
  const body = await res.json();
  assertEquals(sent.map((m) => m.to), ["dan@example.test", "dan@example.test"]);
  assert(sent[1].text.includes(body.pin) && !sent[1].text.includes(created.pin));

  // The group loses the email permission: Resend by email is refused with its name, nothing is sent.
  await updateGroup(t.kv, t.group.id, { permissions: { useEmailMethod: false } }, t.clock.now());
  const refused = await post(t, cookie, `/api/sessions/${created.session.id}/resend`);
  assertEquals([refused.status, (await refused.json()).error.code], [403, "useEmailMethod"]);
  assertEquals(sent.length, 2);
});

Deno.test("POST /api/sessions/:id/cancel ends a pending session; its link says cancelled; only once", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  const res = await post(t, cookie, `/api/sessions/${s.session.id}/cancel`);
  assertEquals(res.status, 200);
  const view = (await res.json()).session;
  assertEquals([view.status, view.endedBy], ["ended", "cancelled"]);
  assertEquals((await (await lookUp(t, s.pin, s.secret)).json()).error.details.reason, "cancelled");
  const again = await post(t, cookie, `/api/sessions/${s.session.id}/cancel`);
  assertEquals([again.status, (await again.json()).error.code], [409, "session_not_pending"]);
  const extend = await post(t, cookie, `/api/sessions/${s.session.id}/extend`);
  assertEquals(extend.status, 409);
  // A cancelled session can be sent again: it is pending once more.
  const resent = await post(t, cookie, `/api/sessions/${s.session.id}/resend`);
  assertEquals([resent.status, (await resent.json()).session.status], [200, "pending"]);
});

Deno.test("a used link says so; Resend and Extend refuse a session the customer joined", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  const accept = await t.request(`/api/join/${s.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: s.secret },
  });
  assertEquals(accept.status, 200);
  assertEquals((await (await lookUp(t, s.pin, s.secret)).json()).error.details.reason, "used");
  for (const action of ["resend", "extend"]) {
    const res = await post(t, cookie, `/api/sessions/${s.session.id}/${action}`);
    assertEquals([res.status, (await res.json()).error.code], [409, "session_not_pending"], action);
  }
});

Deno.test("POST /api/sessions/:id/clear hides an ended session from the list, not from the admin", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const cookie = await t.login();
  const live = await t.createLinkSession(cookie, "Live");
  const refused = await post(t, cookie, `/api/sessions/${live.session.id}/clear`);
  assertEquals([refused.status, (await refused.json()).error.code], [409, "session_not_ended"]);
  clock.advance(21 * 60_000);
  const expired = live.session.id;
  assertEquals((await post(t, cookie, `/api/sessions/${expired}/clear`)).status, 200);
  assertEquals((await post(t, cookie, `/api/sessions/${expired}/clear`)).status, 200, "again: nothing to do");
  assertEquals((await listed(t, cookie)).length, 0);
  const admin = await (await t.request("/api/admin/sessions", {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })).json();
  assertEquals(admin.sessions[0].id, expired);
  assertEquals(admin.sessions[0].clearedAt, clock.now());
  assertEquals((await audit(t, expired, "session.cleared")).length, 1);
});

Deno.test("an unknown session id answers 404 to every action", async () => {
  using t = await testApp();
  const cookie = await t.login();
  for (const action of ["resend", "extend", "cancel", "clear"]) {
    const res = await post(t, cookie, `/api/sessions/${crypto.randomUUID()}/${action}`);
    assertEquals([res.status, (await res.json()).error.code], [404, "not_found"], action);
  }
});
