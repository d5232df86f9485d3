import { Hono } from "hono";
import { customerIdentity, ERROR_CODES, sessionIdFromRoom } from "@sightline/shared";
import type { Deps } from "../deps.ts";
import { HttpError } from "../errors.ts";
import { endSession, getSession, setCustomerPresence } from "../db/sessions.ts";

/** LiveKit webhooks keep customer presence and room state true (DESIGN §5). */
export function livekitWebhookRoutes({ kv, livekit, clock }: Deps) {
  return new Hono().post("/webhook", async (c) => {
    const body = await c.req.text();
    let event;
    try {
      event = await livekit.receiveWebhook(body, c.req.header("authorization"));
    } catch {
      throw new HttpError(401, ERROR_CODES.unauthenticated, "Webhook signature is invalid");
    }
    const sessionId = event.room?.name ? sessionIdFromRoom(event.room.name) : null;
    if (!sessionId || !(await getSession(kv, sessionId))) return c.json({ ok: true });

    const isCustomer = event.participant?.identity === customerIdentity(sessionId);
    switch (event.event) {
      case "participant_joined":
        if (isCustomer) await setCustomerPresence(kv, sessionId, true, clock.now(), event.participant?.sid);
        break;
      case "participant_left":
        if (isCustomer) await setCustomerPresence(kv, sessionId, false, clock.now(), event.participant?.sid);
        break;
      case "room_finished":
        await endSession(kv, sessionId, "room_finished", clock.now());
        break;
    }
    return c.json({ ok: true });
  });
}
