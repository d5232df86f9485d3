/**
 * How the load tools act as LiveKit and its participants do, against the real system
 * (`tests/support/system.ts`).
 *
 * Customers join LiveKit for real at the signalling level: a WebSocket to `/rtc` with the token the
 * edge issued, which makes them participants of the room (so Start's `UpdateParticipant` and End's
 * `DeleteRoom` act on a live participant), without WebRTC media — Deno has no RTCPeerConnection, and
 * 200 media streams would not fit the machine anyway. LiveKit sends `participant_joined` only once
 * ICE connects, so the presence webhook is posted by the client, signed with the LiveKit API key
 * exactly as livekit-server signs it (JWT carrying the body's SHA-256) and verified by the edge's
 * real webhook receiver.
 */
import { livekitWebhook } from "../../shared/api.ts";
import { customerIdentity, roomName } from "../../shared/constants.ts";
import { livekitWebhookAuth } from "../../edge/testing/livekit.ts";
import type { System } from "../support/system.ts";
import type { StatusCounter } from "./report.ts";

/** Counts of LiveKit signalling connections: opened, and reopened after LiveKit dropped one. */
export const livekitStats = { joins: 0, reconnects: 0, closeCodes: {} as Record<string, number> };

/**
 * A LiveKit participant at the signalling level (see the header), open until `close()`. Like
 * livekit-client, it reconnects with the same token when the connection drops (LiveKit replaces a
 * participant whose identity joins again, and a loaded machine drops the odd signalling socket).
 */
export async function joinLiveKit(sys: System, token: string): Promise<{ close(): void; expectEnd(): void }> {
  const url = `${sys.livekit.url}/rtc?access_token=${token}&auto_subscribe=1&sdk=js&protocol=16`;
  let closed = false;
  let ws: WebSocket;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      ws = new WebSocket(url);
      ws.binaryType = "arraybuffer";
      let joined = false;
      // The first message is LiveKit's JoinResponse; it arrives only for a token LiveKit accepts.
      ws.onmessage = () => {
        joined = true;
        ws.onmessage = null;
        resolve();
      };
      ws.onerror = () => {};
      ws.onclose = (e) => {
        if (!joined) return reject(new Error(`LiveKit refused the join: ${e.code} ${e.reason}`));
        if (closed) return;
        livekitStats.closeCodes[e.code] = (livekitStats.closeCodes[e.code] ?? 0) + 1;
        livekitStats.reconnects++;
        setTimeout(() => !closed && open().catch(() => {}), 200);
      };
    });
  await open();
  livekitStats.joins++;
  return {
    close: () => {
      closed = true;
      ws.close();
    },
    /** The session is about to end: LiveKit will close the connection, which is then no drop. */
    expectEnd: () => {
      closed = true;
    },
  };
}

/** The participant sid of `identity` in `room`, once LiveKit lists it. */
export async function participantSid(sys: System, room: string, identity: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const p = (await sys.rooms.listParticipants(room).catch(() => [])).find((p) => p.identity === identity);
    if (p) return p.sid;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${identity} never appeared in ${room}`);
}

/**
 * The customer of `sessionId` is in the room: waits until LiveKit lists them, then posts the
 * `participant_joined` webhook signed as livekit-server signs it. The edge's status, counted as "webhook".
 */
export async function customerJoined(sys: System, counter: StatusCounter, sessionId: string): Promise<number> {
  const room = roomName(sessionId);
  const identity = customerIdentity(sessionId);
  const sid = await participantSid(sys, room, identity);
  const event = { event: "participant_joined", room: { name: room }, participant: { identity, sid } };
  const body = JSON.stringify({ id: crypto.randomUUID(), createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await counter.of(
    "webhook",
    sys.anonymous.raw(livekitWebhook.method, livekitWebhook.path, {
      body,
      origin: null,
      headers: {
        "content-type": "application/webhook+json",
        authorization: await livekitWebhookAuth(sys.livekit.apiKey, sys.livekit.apiSecret, body),
      },
    }),
  );
  await res.body?.cancel();
  return res.status;
}
