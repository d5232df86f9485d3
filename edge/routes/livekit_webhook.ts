import { Hono } from "hono";
import { customerIdentity, ERROR_CODES, sessionIdFromRoom } from "@sightline/shared";
import * as api from "@sightline/shared/api";
import type { Deps } from "../deps.ts";
import { describe } from "../contract.ts";
import { DomainError } from "../errors.ts";
import { endSession, getSession, setCustomerPresence } from "../db/sessions.ts";

/** LiveKit webhooks keep customer presence and room state true (DESIGN §5). */
export function livekitWebhookRoutes({ kv, livekit, clock }: Deps) {
  const summary = "LiveKit webhooks (signed): customer presence and room state";
  return new Hono().post("/webhook", describe(api.livekitWebhook, { summary }), async (c) => {
    const body = await c.req.text();
    let event;
    try {
      event = await livekit.receiveWebhook(body, c.req.header("authorization"));
    } catch {
      throw new DomainError(ERROR_CODES.unauthenticated, "Webhook signature is invalid");
    }
    const sessionId = event.room?.name ? sessionIdFromRoom(event.room.name) : null;
    const session = sessionId ? await getSession(kv, sessionId) : null;
    if (!sessionId || !session) return c.json({ ok: true });

    const isCustomer = event.participant?.identity === customerIdentity(sessionId);
    switch (event.event) {
      case "participant_joined":
        // A client still holding a token can rejoin after LiveKit restarted (rooms live in its memory)
        // and so recreate the room of a session that ended meanwhile: close it, so both sides see the end.
        if (session.status === "ended") await livekit.closeRoom(sessionId);
        else if (isCustomer) await setCustomerPresence(kv, sessionId, true, clock.now(), event.participant?.sid);
        break;
      case "participant_left":
        if (isCustomer) await setCustomerPresence(kv, sessionId, false, clock.now(), event.participant?.sid);
        break;
      case "room_finished":
        // A customer whose network kept them out (their last report) is still trying — over mobile data,
        // another Wi-Fi — and may take longer than LiveKit keeps an empty room: the session stays theirs.
        if (session.customerProgress?.event === "cannot-connect") break;
        // The room the edge opened at Accept closed before the customer was ever in it (LiveKit's empty
        // timeout): they may still come, and the edge opens the room again when they do.
        if (session.customerJoinedAt === null) break;
        await endSession(kv, sessionId, "room_finished", clock.now());
        break;
    }
    return c.json({ ok: true });
  });
}
