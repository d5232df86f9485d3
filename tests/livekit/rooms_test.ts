/**
 * Rooms exist only while the edge says so (issue 18, finding 6), against a real livekit-server started as
 * `deno task test` starts it (`startSystem`: `.ci/services.ts` writes its configuration), over raw
 * signalling — `GET /rtc/validate` and the `/rtc` WebSocket, no browser. A LiveKit token is only a key to
 * a room the edge created: one minted before Accept joins nothing, and every token handed out before End
 * joins nothing after it, also with the edge down (no `participant_joined` webhook could close a room the
 * old token recreated). `tests/run.ts` runs this file as its own suite (`livekit`); it starts its own
 * livekit-server and edge on free ports and stops them.
 */
import { assert, assertEquals } from "../../edge/testing/assert.ts";
import { customerIdentity, roomName } from "../../shared/constants.ts";
import * as api from "../../shared/api.ts";
import { ensureLivekit } from "../../.ci/provision.ts";
import { createLiveKit, ROOM_OPTIONS } from "../../edge/services/livekit.ts";
import { livekitWebhookAuth } from "../../edge/testing/livekit.ts";
import { newGroup, newTechnician } from "../support/accounts.ts";
import { joinByLink } from "../support/join.ts";
import { startSystem, type System } from "../support/system.ts";

/** What livekit-server answers a token at `/rtc/validate`: 200 "success", or its refusal. */
async function validate(sys: System, token: string) {
  const res = await fetch(`${sys.livekit.apiUrl}/rtc/validate?access_token=${token}`);
  return { status: res.status, text: await res.text() };
}

/** JWTs in LiveKit's binary signal messages (its `refreshToken` carries one), with their claims. */
const JWT = /eyJ[\w-]+\.(eyJ[\w-]+)\.[\w-]+/g;
const claimsOf = (payload: string) => JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));

/** A signalling connection, and the tokens LiveKit refreshed on it so far. */
type Signal = WebSocket & { refreshed: { token: string; sub: string; ttl: number }[] };

/**
 * A join at the signalling level, as livekit-client makes it: open once LiveKit's JoinResponse (its first
 * message) arrives, refused when the WebSocket closes before (a refused upgrade closes it at once).
 */
function signal(sys: System, token: string): Promise<Signal | null> {
  const ws = new WebSocket(`${sys.livekit.url}/rtc?access_token=${token}&auto_subscribe=1&sdk=js&protocol=16`);
  ws.binaryType = "arraybuffer";
  const open = Object.assign(ws, { refreshed: [] as Signal["refreshed"] });
  return new Promise((resolve) => {
    ws.onmessage = (e) => {
      const text = new TextDecoder("latin1").decode(new Uint8Array(e.data as ArrayBuffer));
      for (const [jwt, payload] of text.matchAll(JWT)) {
        const claims = claimsOf(payload);
        open.refreshed.push({ token: jwt, sub: claims.sub, ttl: claims.exp - claims.nbf });
      }
      resolve(open);
    };
    ws.onclose = () => resolve(null);
    ws.onerror = () => {};
  });
}

/** The token LiveKit refreshed for this connection (it sends one as the participant joins). */
async function refreshedToken(ws: Signal, identity: string) {
  for (let i = 0; i < 50; i++) {
    const found = ws.refreshed.find((r) => r.sub === identity);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`LiveKit refreshed no token for ${identity}`);
}

/** Closes a signalling connection and waits until it is closed (LiveKit may have closed it already). */
async function hangUp(ws: WebSocket | null) {
  if (!ws || ws.readyState === WebSocket.CLOSED) return;
  const closed = new Promise((resolve) => ws.addEventListener("close", resolve));
  ws.close();
  await closed;
}

const roomExists = async (sys: System, sessionId: string) =>
  (await sys.rooms.listRooms([roomName(sessionId)])).length > 0;

/** LiveKit sends `participant_joined` only once media connects: signed here, as livekit-server signs it. */
async function customerJoined(sys: System, sessionId: string) {
  const identity = customerIdentity(sessionId);
  let sid = "";
  for (let i = 0; i < 100 && !sid; i++) {
    const listed = await sys.rooms.listParticipants(roomName(sessionId)).catch(() => []);
    sid = listed.find((p) => p.identity === identity)?.sid ?? "";
    if (!sid) await new Promise((r) => setTimeout(r, 100));
  }
  assert(sid, "the customer is listed in the room");
  const event = { event: "participant_joined", room: { name: roomName(sessionId) }, participant: { identity, sid } };
  const body = JSON.stringify({ id: crypto.randomUUID(), createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await sys.anonymous.raw(api.livekitWebhook.method, api.livekitWebhook.path, {
    body,
    origin: null,
    headers: {
      "content-type": "application/webhook+json",
      authorization: await livekitWebhookAuth(sys.livekit.apiKey, sys.livekit.apiSecret, body),
    },
  });
  await res.body?.cancel();
  assertEquals(res.status, 200);
}

/** The token joins nothing: LiveKit says the room does not exist, the WebSocket is refused, no room appears. */
async function refused(sys: System, sessionId: string, token: string, what: string) {
  const answer = await validate(sys, token);
  assertEquals(answer.status, 404, `${what}: /rtc/validate answers ${answer.status} ${answer.text}`);
  assert(answer.text.includes("requested room does not exist"), `${what}: ${answer.text}`);
  const ws = await signal(sys, token);
  await hangUp(ws);
  assertEquals(ws, null, `${what}: joined over /rtc`);
  assertEquals(await roomExists(sys, sessionId), false, `${what}: the room was created`);
}

async function joins(sys: System, token: string, what: string): Promise<Signal> {
  const answer = await validate(sys, token);
  assertEquals(answer.status, 200, `${what}: /rtc/validate answers ${answer.status} ${answer.text}`);
  const ws = await signal(sys, token);
  assert(ws, `${what}: refused over /rtc`);
  return ws;
}

Deno.test({
  name: "LiveKit rooms exist only while the edge says so: no room before Accept, none after End, edge up or down",
  // The services' log pipes finish after the processes exit, outside the test's own operations.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const sys = await startSystem({ kind: "rooms", livekitBin: await ensureLivekit() });
    const sockets: (WebSocket | null)[] = [];
    try {
      const group = await newGroup(sys.admin);
      const account = await newTechnician(sys.admin, group.id);
      const tech = await sys.anonymous.login({ email: account.email, password: account.password });
      const { session, link } = await tech.call(api.createSession, {
        body: { type: "lens", name: "Rooms", delivery: { method: "link" } },
      });
      const id = session.id;
      // Every token the session's participants ever held, to try again after End.
      const held: [string, string][] = [];

      await t.step("(a) a valid token cannot join before the edge creates the room", async () => {
        const { url, apiUrl, apiKey, apiSecret } = sys.livekit;
        const early = await createLiveKit({ url, apiUrl, apiKey, apiSecret }).customerToken(id, "Early");
        held.push(["a customer token minted before Accept", early]);
        await refused(sys, id, early, "before Accept");
      });

      const join = joinByLink(link);
      const accepted = await sys.anonymous.call(api.acceptEula, join.accept(await eulaVersion(sys, join)));
      const customer = sys.anonymous.as({ kind: "customer", key: accepted.customerKey });

      await t.step("(b) after Accept (the edge creates the room) the tokens it hands out join", async () => {
        const [room] = await sys.rooms.listRooms([roomName(id)]);
        assert(room, "Accept created the room");
        const { emptyTimeout, departureTimeout, maxParticipants } = room;
        assertEquals({ emptyTimeout, departureTimeout, maxParticipants }, { ...ROOM_OPTIONS });
        held.push(["the customer's token from Accept", accepted.livekit.token]);
        const joined = await joins(sys, accepted.livekit.token, "customer after Accept");
        sockets.push(joined);
        // What a connected livekit-client holds (and reconnects with) is LiveKit's refreshed token, which
        // lives 10 minutes whatever the edge's TTL: only the missing room stops it after End.
        const refreshed = await refreshedToken(joined, customerIdentity(id));
        assertEquals(refreshed.ttl, 600);
        held.push(["the customer's token LiveKit refreshed", refreshed.token]);
        await customerJoined(sys, id);
        const started = await tech.call(api.startSession, { params: { id } });
        held.push(["the technician's token from Start", started.livekit.token]);
        sockets.push(await joins(sys, started.livekit.token, "technician after Start"));
      });

      await t.step(
        "a restarted livekit-server has lost the room: old tokens do not recreate it, the edge does",
        async () => {
          await sys.livekitService.kill();
          await sys.livekitService.start();
          await refused(sys, id, accepted.livekit.token, "the customer's old token after the restart");
          const rejoined = await customer.call(api.rejoinSession);
          held.push(["the customer's token from rejoin", rejoined.livekit.token]);
          sockets.push(await joins(sys, rejoined.livekit.token, "customer after rejoin"));
          const again = await tech.call(api.startSession, { params: { id } });
          held.push(["the technician's token from Start again", again.livekit.token]);
          sockets.push(await joins(sys, again.livekit.token, "technician after Start again"));
        },
      );

      await tech.call(api.endSession, { params: { id } });

      await t.step("(c) after End no old token joins and the room stays gone", async () => {
        for (const [what, token] of held) await refused(sys, id, token, `${what}, after End`);
      });

      await t.step("(c) … also with the edge down, when no webhook could close a recreated room", async () => {
        await sys.edge.kill();
        for (const [what, token] of held) await refused(sys, id, token, `${what}, after End, edge down`);
        await new Promise((r) => setTimeout(r, 1000));
        assertEquals(await roomExists(sys, id), false, "a room appeared after End");
      });
    } finally {
      for (const ws of sockets) await hangUp(ws);
      await sys.stop();
    }
  },
});

async function eulaVersion(sys: System, join: ReturnType<typeof joinByLink>) {
  return (await sys.anonymous.call(api.lookUpPin, join.lookUp)).eula.en!.version;
}
