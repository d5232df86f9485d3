import { assert, assertEquals } from "../testing/assert.ts";
import { ADMIN_TOKEN, customerJoined, testApp } from "../testing/app.ts";
import { manualClock } from "../clock.ts";

type View = { id: string; status: string; customerProgress: { event: string } | null; waitingSince: number | null };

async function listed(t: Awaited<ReturnType<typeof testApp>>, cookie: string, id: string): Promise<View> {
  const list = await (await t.request("/api/sessions", { headers: { cookie } })).json();
  return list.sessions.find((s: View) => s.id === id);
}

Deno.test("POST /api/join/:pin/progress shows each step before Accept in the list, audited", async (st) => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  const report = (json: unknown, address?: string) =>
    t.request(`/api/join/${s.pin}/progress`, { method: "POST", json, address });

  await st.step("each step with the link secret", async () => {
    for (const event of ["link-opened", "tutorial", "camera-denied", "camera-allowed", "eula-shown"]) {
      clock.advance(1000);
      assertEquals((await report({ event, linkSecret: s.secret })).status, 200, event);
      const view = await listed(t, cookie, s.session.id);
      assertEquals(view.customerProgress?.event, event);
      assertEquals(view.status, "pending");
    }
    const audit = await (await t.request(`/api/admin/audit?sessionId=${s.session.id}&action=customer.progress`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })).json();
    assertEquals(audit.entries.length, 5);
  });
  await st.step("the same step again writes nothing", async () => {
    assertEquals((await report({ event: "eula-shown", linkSecret: s.secret })).status, 200);
    const audit = await (await t.request(`/api/admin/audit?sessionId=${s.session.id}&action=customer.progress`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })).json();
    assertEquals(audit.entries.length, 5);
  });
  await st.step("bad input → 400, never 500", async () => {
    for (const json of [{}, { event: "cannot-connect" }, { event: "tutorial", linkSecret: 5 }, [], "x"]) {
      const res = await report(json);
      assertEquals(res.status, 400, JSON.stringify(json));
      assertEquals((await res.json()).error.code, "validation_failed");
    }
    const malformed = await t.request(`/api/join/12ab56/progress`, { method: "POST", json: { event: "tutorial" } });
    assertEquals(malformed.status, 404);
  });
  await st.step("a wrong link secret → 403, and nothing is written", async () => {
    const res = await report({ event: "tutorial", linkSecret: "x".repeat(43) }, "198.51.100.9");
    assertEquals(res.status, 403);
    assertEquals((await listed(t, cookie, s.session.id)).customerProgress?.event, "eula-shown");
  });
  await st.step("a typed PIN (no secret) may report; an unknown PIN counts as a failed guess", async () => {
    assertEquals((await report({ event: "tutorial" }, "198.51.100.10")).status, 200);
    assertEquals((await listed(t, cookie, s.session.id)).customerProgress?.event, "tutorial");
    const unknown = (pin: string) =>
      t.request(`/api/join/${pin}/progress`, { method: "POST", json: { event: "tutorial" }, address: "198.51.100.11" });
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await unknown(String(100000 + i))).status);
    assert(statuses.slice(0, 10).every((x) => x === 404), statuses.join());
    assertEquals(statuses.at(-1), 429);
  });
  await st.step("after Accept the PIN is used up: 404", async () => {
    const accept = await t.request(`/api/join/${s.pin}/accept`, {
      method: "POST",
      json: { eulaVersion: "2", linkSecret: s.secret },
    });
    assertEquals(accept.status, 200);
    assertEquals((await listed(t, cookie, s.session.id)).customerProgress?.event, "accepted");
    assertEquals((await report({ event: "tutorial", linkSecret: s.secret })).status, 404);
  });
});

Deno.test("progress reports are limited per session", async () => {
  using t = await testApp();
  const s = await t.createLinkSession(await t.login());
  const events = ["tutorial", "eula-shown"];
  let last = 0;
  for (let i = 0; i < 41; i++) {
    last = (await t.request(`/api/join/${s.pin}/progress`, {
      method: "POST",
      json: { event: events[i % 2], linkSecret: s.secret },
    })).status;
  }
  assertEquals(last, 429);
});

Deno.test("the list says since when a customer waits, connecting before, and clears it after Start", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  const accept = await (await t.request(`/api/join/${s.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: s.secret },
  })).json();
  const res = await t.request("/api/customer/progress", {
    method: "POST",
    headers: { authorization: `Bearer ${accept.customerKey}` },
    json: { event: "connecting" },
  });
  assertEquals(res.status, 200);
  assertEquals((await listed(t, cookie, s.session.id)).customerProgress?.event, "connecting");
  clock.advance(5000);
  const joinedAt = clock.now();
  await t.webhook(customerJoined(s.session.id));
  const waiting = await listed(t, cookie, s.session.id);
  assertEquals(waiting.status, "waiting");
  assertEquals(waiting.customerProgress, null);
  assertEquals(waiting.waitingSince, joinedAt);
  clock.advance(5000);
  assertEquals((await listed(t, cookie, s.session.id)).waitingSince, joinedAt, "still since the customer came");
});
