import { assertEquals } from "../testing/assert.ts";
import { manualClock } from "../clock.ts";
import { testApp } from "../testing/app.ts";
import { getSession } from "./sessions.ts";
import { listAudit } from "./audit.ts";
import { purgeExpired } from "./retention.ts";
import { keys } from "./keys.ts";

const DAY = 24 * 60 * 60 * 1000;

Deno.test("purgeExpired() deletes sessions and audit entries past the retention, nothing live", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const cookie = await t.login();
  const old = await t.createLinkSession(cookie, "Old");
  await t.request(`/api/sessions/${old.session.id}/end`, { method: "POST", headers: { cookie } });
  clock.advance(31 * DAY);
  const recent = await t.createLinkSession(cookie, "Recent");

  // A transcript line of the old session, as the console stores them.
  await t.kv.set(["chat_lines", old.session.id, "m1"], { id: "m1", from: "customer", text: "Hi", at: 1 });
  await t.kv.set(["chat_lines", recent.session.id, "m2"], { id: "m2", from: "customer", text: "Hi", at: 2 });

  assertEquals(await purgeExpired(t.kv, 30, clock.now()), { sessions: 1, chatLines: 1, audit: 2 });
  assertEquals((await t.kv.get(["chat_lines", old.session.id, "m1"])).value, null);
  assertEquals((await t.kv.get(["chat_lines", recent.session.id, "m2"])).value !== null, true);
  assertEquals(await getSession(t.kv, old.session.id), null);
  assertEquals((await getSession(t.kv, recent.session.id))?.status, "pending");
  const list = await (await t.request("/api/sessions", { headers: { cookie } })).json();
  assertEquals(list.sessions.map((s: { name: string }) => s.name), ["Recent"]);
  // No index entry of the purged session is left behind.
  for (const index of [keys.sessionsByTime(), keys.sessionsByTechnician(t.technician.id)]) {
    const ids = (await Array.fromAsync(t.kv.list<string>({ prefix: index }))).map((e) => e.value);
    assertEquals(ids, [recent.session.id]);
  }
  const audit = await listAudit(t.kv);
  assertEquals(audit.every((e) => e.at >= clock.now() - 30 * DAY), true);
  assertEquals(audit.some((e) => e.sessionId === recent.session.id), true);
});
