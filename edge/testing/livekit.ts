/**
 * LiveKit for tests and load tools: webhook signatures as livekit-server makes them, and a LiveKit
 * whose calls that need a running SFU are answered locally.
 */
import { AccessToken } from "livekit-server-sdk";
import { createLiveKit, type LiveKit } from "../services/livekit.ts";

export const LIVEKIT_KEY = "testkey";
export const LIVEKIT_SECRET = "s".repeat(32);

/**
 * The `Authorization` of a LiveKit webhook for `body`, signed the way livekit-server signs it (a JWT of
 * the API key carrying the body's SHA-256), for tests and load tools that stand in for LiveKit.
 */
export async function livekitWebhookAuth(apiKey: string, apiSecret: string, body: string | Uint8Array<ArrayBuffer>) {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const at = new AccessToken(apiKey, apiSecret, { ttl: "5m" });
  at.sha256 = btoa(String.fromCharCode(...digest));
  return at.toJwt();
}

/**
 * A LiveKit whose rooms, Start grant and room closing are answered without an SFU; tokens and webhooks are
 * real. Rooms behave as livekit-server's with `auto_create: false`: open from `openRoom` until `closeRoom`,
 * and the grant fails in a room that is not open (`rooms`: the open ones; `opened`, `closed`, `granted`:
 * every call, in order).
 */
export function localLiveKit(): LiveKit & {
  rooms: Set<string>;
  opened: string[];
  granted: string[];
  closed: string[];
} {
  const real = createLiveKit({
    url: "ws://127.0.0.1:9",
    apiUrl: "http://127.0.0.1:9",
    apiKey: LIVEKIT_KEY,
    apiSecret: LIVEKIT_SECRET,
  });
  const rooms = new Set<string>();
  const opened: string[] = [];
  const granted: string[] = [];
  const closed: string[] = [];
  return {
    ...real,
    rooms,
    opened,
    granted,
    closed,
    openRoom: (id) => (opened.push(id), rooms.add(id), Promise.resolve(true)),
    grantCustomerPublish: (id) =>
      rooms.has(id)
        ? (granted.push(id), Promise.resolve())
        : Promise.reject(new Error("requested room does not exist")),
    closeRoom: (id) => (closed.push(id), rooms.delete(id), Promise.resolve(true)),
    healthy: () => Promise.resolve(true),
  };
}
