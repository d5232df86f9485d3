import { type Context, Hono } from "hono";
import { getConnInfo } from "hono/deno";
import { AcceptBodySchema, type AcceptResponse, ERROR_CODES, type JoinInfo, PinSchema } from "@sightline/shared";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { HttpError } from "../errors.ts";
import { jsonBody } from "../validate.ts";
import { getTechnician } from "../db/accounts.ts";
import { getSettings } from "../db/settings.ts";
import { acceptSession, endSession, findByCustomerKey, findJoinableByPin } from "../db/sessions.ts";

/** Client address and user agent, for the audit log. */
export function clientInfo(c: Context): Record<string, string> {
  let address = "unknown";
  try {
    address = getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no connection.
  }
  return { address, userAgent: (c.req.header("user-agent") ?? "").slice(0, 300) };
}

const validPin = (pin: string) => {
  if (!PinSchema.safeParse(pin).success) {
    throw new HttpError(404, ERROR_CODES.pinNotFound, "This PIN is unknown, expired or already used");
  }
  return pin;
};

export function joinRoutes({ kv, livekit, clock }: Deps) {
  return new Hono()
    .get("/:pin", async (c) => {
      const session = await findJoinableByPin(kv, validPin(c.req.param("pin")), clock.now());
      if (!session) throw new HttpError(404, ERROR_CODES.pinNotFound, "This PIN is unknown, expired or already used");
      const [settings, technician] = await Promise.all([getSettings(kv), getTechnician(kv, session.technicianId)]);
      return c.json(
        {
          companyName: settings.companyName,
          technicianName: technician?.name ?? "",
          expiresAt: session.pinExpiresAt,
          eula: settings.eula,
        } satisfies JoinInfo,
      );
    })
    .post("/:pin/accept", jsonBody(AcceptBodySchema), async (c) => {
      const pin = validPin(c.req.param("pin"));
      const body = c.req.valid("json");
      const settings = await getSettings(kv);
      if (body.eulaVersion !== settings.eula.version) {
        throw new HttpError(
          409,
          ERROR_CODES.eulaVersionMismatch,
          "The license agreement has changed; please read it again",
        );
      }
      const { session, customerKey } = await acceptSession(kv, pin, { ...body, client: clientInfo(c) }, clock.now());
      return c.json(
        {
          sessionId: session.id,
          customerKey,
          livekit: { url: livekit.url, token: await livekit.customerToken(session.id, session.name) },
        } satisfies AcceptResponse,
      );
    })
    .post("/:pin/decline", jsonBody(z.object({}).loose()), async (c) => {
      const session = await findJoinableByPin(kv, validPin(c.req.param("pin")), clock.now());
      if (!session) throw new HttpError(404, ERROR_CODES.pinNotFound, "This PIN is unknown, expired or already used");
      await endSession(kv, session.id, "declined", clock.now());
      return c.json({ ok: true });
    });
}

export function customerRoutes({ kv, livekit, clock }: Deps) {
  return new Hono()
    .post("/end", async (c) => {
      const header = c.req.header("authorization") ?? "";
      const session = header.startsWith("Bearer ") ? await findByCustomerKey(kv, header.slice(7)) : null;
      if (!session) throw new HttpError(401, ERROR_CODES.unauthenticated, "Customer key required");
      await endSession(kv, session.id, "customer", clock.now());
      await livekit.closeRoom(session.id);
      return c.json({ ok: true });
    });
}
