/**
 * The session's LiveKit room is the edge's (DESIGN §6, issue 18): opened before every token for it leaves
 * the edge (Accept, rejoin, Start) and closed at End. With the local LiveKit, whose rooms behave as
 * livekit-server's with `auto_create: false`; against the real one: `tests/livekit/rooms_test.ts`.
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { customerJoined, testApp } from "../testing/app.ts";
import { localLiveKit } from "../testing/livekit.ts";
import { endSession, getSession } from "../db/sessions.ts";
import { openSessionRoom } from "../services/session_room.ts";

async function acceptedSession() {
  const livekit = localLiveKit();
  const t = await testApp({ livekit });
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  const res = await t.request(`/api/join/${s.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: s.secret },
  });
  assertEquals(res.status, 200);
  const { customerKey } = await res.json();
  const id: string = s.session.id;
  const rejoin = () =>
    t.request("/api/customer/rejoin", { method: "POST", headers: { authorization: `Bearer ${customerKey}` } });
  const post = (action: string) => t.request(`/api/sessions/${id}/${action}`, { method: "POST", headers: { cookie } });
  return { t, livekit, id, rejoin, post };
}

Deno.test("Accept, rejoin and Start open the session's room before handing out a token; End closes it", async () => {
  const { t, livekit, id, rejoin, post } = await acceptedSession();
  using _ = t;
  assertEquals(livekit.opened, [id], "Accept opened the room");
  assert(livekit.rooms.has(id));

  // A restarted livekit-server has lost its rooms: the customer's rejoin opens it again.
  livekit.rooms.clear();
  assertEquals((await rejoin()).status, 200);
  assert(livekit.rooms.has(id), "rejoin opened the room again");

  await t.webhook(customerJoined(id));
  livekit.rooms.clear();
  assertEquals((await post("start")).status, 200, "Start opens the room before its grant");
  assertEquals(livekit.granted, [id]);
  // The console gets back in by Start on its active session: the room is opened again if it must be.
  livekit.rooms.clear();
  assertEquals((await post("start")).status, 200);
  assert(livekit.rooms.has(id), "Start again opened the room again");

  assertEquals((await post("end")).status, 200);
  assertEquals(livekit.rooms.has(id), false, "End closed the room");
  assertEquals((await rejoin()).status, 409);
  assertEquals((await post("start")).status, 409);
  assertEquals(livekit.rooms.has(id), false, "nothing opens the room of an ended session");
  assertEquals(livekit.opened.length, 4);
});

Deno.test("the tokens the edge hands out open a connection for 2 minutes (LiveKit refreshes them while connected)", async () => {
  const { t, livekit, id, rejoin, post } = await acceptedSession();
  using _ = t;
  await t.webhook(customerJoined(id));
  const lifetime = (token: string) => {
    const claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return claims.exp - claims.nbf;
  };
  assertEquals(lifetime((await (await rejoin()).json()).livekit.token), 120);
  assertEquals(lifetime((await (await post("start")).json()).livekit.token), 120);
  assertEquals(livekit.granted, [id]);
});

Deno.test("a room opened as the session ends (End between the look at the session and the opening) is closed again", async () => {
  const { t, livekit, id } = await acceptedSession();
  using _ = t;
  await endSession(t.kv, id, "technician", t.clock.now());
  await openSessionRoom(t.kv, livekit, id);
  assertEquals(livekit.rooms.has(id), false);
  assertEquals(livekit.closed, [id]);
});

Deno.test("Accept hands out the customer's key and token even when LiveKit cannot open the room", async () => {
  using t = await testApp(); // LiveKit at a closed port
  const s = await t.createLinkSession(await t.login());
  const res = await t.request(`/api/join/${s.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: s.secret },
  });
  assertEquals(res.status, 200, "the PIN is used up: the key is the customer's only way back in (rejoin)");
  const body = await res.json();
  assert(body.customerKey && body.livekit.token);
});

Deno.test("room_finished of a room the customer was never in (LiveKit's empty timeout) leaves the session", async () => {
  const { t, id } = await acceptedSession();
  using _ = t;
  const finished = { event: "room_finished", room: { name: `session-${id}` } };
  assertEquals((await t.webhook(finished)).status, 200);
  assertEquals((await getSession(t.kv, id))?.status, "pending", "the customer may still come");
  await t.webhook(customerJoined(id));
  await t.webhook({ ...customerJoined(id), event: "participant_left" });
  await t.webhook(finished);
  assertEquals((await getSession(t.kv, id))?.endedBy, "room_finished", "once they were in and left, it ends");
});
