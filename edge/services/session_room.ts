import { getSession } from "../db/sessions.ts";
import type { LiveKit } from "./livekit.ts";

/**
 * Opens a session's LiveKit room before a token for it leaves the edge (Accept, rejoin, Start): LiveKit
 * runs with `auto_create: false`, so a token joins only a room the edge opened. An End that lands between
 * the caller's look at the session and the opening would leave the room open after End, for every token
 * handed out before; so the session is looked at again, and the room of one that ended meanwhile closed.
 */
export async function openSessionRoom(kv: Deno.Kv, livekit: LiveKit, sessionId: string): Promise<void> {
  if (!(await livekit.openRoom(sessionId))) return;
  if ((await getSession(kv, sessionId))?.status === "ended") await livekit.closeRoom(sessionId);
}
