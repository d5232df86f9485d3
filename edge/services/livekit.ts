import { AccessToken, RoomServiceClient, TrackSource, type WebhookEvent, WebhookReceiver } from "livekit-server-sdk";
import { customerIdentity, roomName, technicianIdentity } from "@sightline/shared";
import type { Config } from "../config.ts";
import { createLog, type Log } from "../log.ts";

/**
 * The edge's whole use of LiveKit: its rooms, scoped tokens, the Start grant, webhooks. LiveKit runs with
 * `room.auto_create: false` (DESIGN §6): a token joins only a room the edge opened, so a token handed out
 * before End joins nothing after it, whether or not the edge is there to close a room it would recreate.
 */
export interface LiveKit {
  url: string;
  /**
   * Opens the session's room before a token for it leaves the edge (Accept, rejoin, Start): idempotent, an
   * open room is left as it is, and a room LiveKit lost (a restarted livekit-server) is opened again. Never
   * throws: the caller hands its token out anyway, since a token that finds no room is refused by LiveKit
   * and the app asks the edge again (and a failed Accept must not cost the customer the key it returns).
   * Returns whether the room is open.
   */
  openRoom(sessionId: string): Promise<boolean>;
  /** The customer's token; `started`: the session is active, so the grant of Start is in the token too. */
  customerToken(sessionId: string, name: string, started?: boolean): Promise<string>;
  technicianToken(sessionId: string, technicianId: string, name: string): Promise<string>;
  /** Start: lets the customer publish camera and microphone. Throws when the customer is not in the room. */
  grantCustomerPublish(sessionId: string): Promise<void>;
  /**
   * End: closes the room; a room that does not exist counts as closed. Never throws: the session has
   * already ended in KV, and an unreachable LiveKit must not turn an End into an error (the room
   * empties and closes by itself once both browsers leave). Returns whether the room is gone.
   */
  closeRoom(sessionId: string): Promise<boolean>;
  receiveWebhook(body: string, authorization: string | undefined): Promise<WebhookEvent>;
  healthy(): Promise<boolean>;
}

/**
 * How long a token the edge hands out can open a connection: both apps join at once with it (the customer's
 * slowest way, direct and then through the relay, takes about a minute), and every later join asks the edge
 * again (reload, lost connection). Once connected, livekit-client uses the token LiveKit refreshes (on join,
 * on every change of grants and every 5 minutes, valid for 10), so a short TTL costs a connected client
 * nothing; a token that leaked from a response is useless after it — and after End whatever its age, since
 * the room is gone.
 */
const TOKEN_TTL = "2m";
const CUSTOMER_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE];

/**
 * A session's room: the customer and one technician (a second connection of either identity replaces the
 * first, so a reload still gets in). Empty, it waits 5 minutes for its first participant (the customer
 * joins seconds after Accept), and closes 20 s after the last one left (a reload comes back within that).
 */
export const ROOM_OPTIONS = { emptyTimeout: 300, departureTimeout: 20, maxParticipants: 2 } as const;

/** `log` hears of what the callers may not (a room that could not be closed). */
export function createLiveKit(config: Config["livekit"], log: Log = createLog()): LiveKit {
  const rooms = new RoomServiceClient(config.apiUrl, config.apiKey, config.apiSecret);
  const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);

  const token = (identity: string, name: string, ttl: string) =>
    new AccessToken(config.apiKey, config.apiSecret, { identity, name, ttl });

  return {
    url: config.url,
    async openRoom(sessionId) {
      try {
        await rooms.createRoom({ name: roomName(sessionId), ...ROOM_OPTIONS });
        return true;
      } catch (err) {
        console.error(`[livekit] cannot open the room of session ${sessionId}: ${err}`);
        return false;
      }
    },
    customerToken(sessionId, name, started = false) {
      const at = token(customerIdentity(sessionId), name, TOKEN_TTL);
      // Nothing is transmitted before Start: until then the customer may only listen. A customer who
      // rejoins an active session (reload) gets Start's grant in the token itself.
      at.addGrant({
        room: roomName(sessionId),
        roomJoin: true,
        canSubscribe: true,
        canPublish: started,
        ...(started ? { canPublishSources: CUSTOMER_SOURCES, canPublishData: true } : { canPublishData: false }),
      });
      return at.toJwt();
    },
    technicianToken(sessionId, technicianId, name) {
      const at = token(technicianIdentity(technicianId), name, TOKEN_TTL);
      at.addGrant({
        room: roomName(sessionId),
        roomJoin: true,
        canSubscribe: true,
        canPublish: true,
        canPublishSources: [TrackSource.MICROPHONE],
        canPublishData: true,
      });
      return at.toJwt();
    },
    async grantCustomerPublish(sessionId) {
      await rooms.updateParticipant(roomName(sessionId), customerIdentity(sessionId), {
        permission: {
          canSubscribe: true,
          canPublish: true,
          canPublishSources: CUSTOMER_SOURCES,
          canPublishData: true,
        },
      });
    },
    async closeRoom(sessionId) {
      try {
        await rooms.deleteRoom(roomName(sessionId));
        return true;
      } catch (err) {
        if (/not.?found|does not exist/i.test(String(err))) return true;
        log.error("LiveKit cannot close the room of a session", { sessionId, error: String(err) });
        return false;
      }
    },
    receiveWebhook: (body, authorization) => receiver.receive(body, authorization),
    async healthy() {
      try {
        await rooms.listRooms([]);
        return true;
      } catch {
        return false;
      }
    },
  };
}
