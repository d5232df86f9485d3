import { assertEquals } from "../testing/assert.ts";
import { customerJoined, LIVEKIT_KEY, LIVEKIT_SECRET, testApp } from "../testing/app.ts";
import { acceptSession, endSession, getSession, recordProgress } from "../db/sessions.ts";
import { createLiveKit } from "../services/livekit.ts";

Deno.test("webhooks need LiveKit's signature", async () => {
  using t = await testApp();
  const hook = await t.request("/api/livekit/webhook", {
    method: "POST",
    headers: { "content-type": "application/webhook+json", authorization: "forged" },
    body: JSON.stringify({ event: "room_finished", room: { name: "session-x" } }),
  });
  assertEquals(hook.status, 401);
});

Deno.test("a signed participant_joined webhook makes an accepted session Waiting; a forged one changes nothing", async () => {
  using t = await testApp();
  const s = await t.createLinkSession(await t.login());
  await acceptSession(t.kv, s.pin, { eulaVersion: "2", linkSecret: s.secret, client: {} }, t.clock.now());
  const forged = await t.webhook(customerJoined(s.session.id), "x".repeat(32));
  assertEquals(forged.status, 401);
  assertEquals((await getSession(t.kv, s.session.id))?.status, "pending");
  assertEquals((await t.webhook(customerJoined(s.session.id))).status, 200);
  assertEquals((await getSession(t.kv, s.session.id))?.status, "waiting");
  const left = { ...customerJoined(s.session.id), event: "participant_left" };
  assertEquals((await t.webhook(left)).status, 200);
  assertEquals((await getSession(t.kv, s.session.id))?.status, "pending");
  await t.webhook({ event: "room_finished", room: { name: `session-${s.session.id}` } });
  assertEquals((await getSession(t.kv, s.session.id))?.endedBy, "room_finished");
});

Deno.test("a participant joining the room of an ended session (LiveKit restarted) gets the room closed", async () => {
  const closed: string[] = [];
  const base = createLiveKit({
    url: "ws://127.0.0.1:9",
    apiUrl: "http://127.0.0.1:9",
    apiKey: LIVEKIT_KEY,
    apiSecret: LIVEKIT_SECRET,
  });
  using t = await testApp({ livekit: { ...base, closeRoom: (id) => (closed.push(id), Promise.resolve(true)) } });
  const id = await t.waitingSession(await t.login(), "Stale");
  assertEquals(closed, []);
  await endSession(t.kv, id, "technician", t.clock.now());
  assertEquals((await t.webhook(customerJoined(id))).status, 200);
  assertEquals(closed, [id]);
  assertEquals((await getSession(t.kv, id))?.status, "ended");
});

Deno.test("room_finished leaves the session of a customer who cannot connect yet; it ends once they were in and left", async () => {
  using t = await testApp();
  const s = await t.createLinkSession(await t.login());
  await acceptSession(t.kv, s.pin, { eulaVersion: "1", linkSecret: s.secret, client: {} }, t.clock.now());
  await recordProgress(t.kv, s.session.id, { event: "cannot-connect", reason: "network" }, t.clock.now());
  const finished = { event: "room_finished", room: { name: `session-${s.session.id}` } };
  assertEquals((await t.webhook(finished)).status, 200);
  assertEquals((await getSession(t.kv, s.session.id))?.status, "pending", "the customer may still get in");
  await t.webhook(customerJoined(s.session.id));
  assertEquals((await getSession(t.kv, s.session.id))?.status, "waiting");
  await t.webhook({ ...customerJoined(s.session.id), event: "participant_left" });
  await t.webhook(finished);
  assertEquals((await getSession(t.kv, s.session.id))?.endedBy, "room_finished");
});
