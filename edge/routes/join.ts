import { type Context, Hono, type MiddlewareHandler } from "hono";
import {
  type AcceptResponse,
  ERROR_CODES,
  type JoinInfo,
  type LinkGone,
  PinSchema,
  type RejoinResponse,
} from "@sightline/shared";
import * as api from "@sightline/shared/api";
import type { Deps } from "../deps.ts";
import { describe } from "../contract.ts";
import { DomainError } from "../errors.ts";
import { clientAddress, clientInfo } from "../middleware/client.ts";
import { getTechnician } from "../db/technicians.ts";
import { getSettings } from "../db/settings.ts";
import { sha256Hex } from "../db/crypto.ts";
import { auditPinLookup } from "../db/pin_lookups.ts";
import { assertUnderLimit, countEvent, LIMITS } from "../db/rate_limit.ts";
import { openSessionRoom } from "../services/session_room.ts";
import {
  acceptSession,
  endSession,
  findByCustomerKey,
  findJoinableByPin,
  linkGoneReason,
  pinNotFound,
  recordProgress,
  type SessionRecord,
} from "../db/sessions.ts";

export function joinRoutes({ kv, livekit, clock }: Deps) {
  /** The session of a PIN and link secret that match, and the session itself (or null). */
  async function linked(rawPin: string, linkSecret: string | undefined) {
    const pin = PinSchema.safeParse(rawPin).success ? rawPin : null;
    const session = pin ? await findJoinableByPin(kv, pin, clock.now()) : null;
    const match = !!session && !!linkSecret && (await sha256Hex(linkSecret)) === session.linkSecretHash;
    return { session, match };
  }

  /**
   * A link that worked once but no longer does (expired, used, cancelled, replaced): 404 with the
   * reason and the company's name, so the customer's page can say so. Only for the link's own secret,
   * which cannot be guessed; anything else carries on to the typed-PIN limits.
   */
  async function explainGoneLink(linkSecret: string | undefined) {
    const reason = linkSecret ? await linkGoneReason(kv, linkSecret, clock.now()) : null;
    if (!reason) return;
    const details: LinkGone = { reason, companyName: (await getSettings(kv)).companyName };
    throw new DomainError(ERROR_CODES.pinNotFound, "This link cannot be used any more", { details });
  }

  /**
   * The PIN's session, or 404. A request with the right link secret passes freely; a typed PIN is
   * limited per client address and by a global budget of failures, so guessing stops long before it
   * can reach a live PIN.
   */
  async function guardedSession(c: Context, rawPin: string, linkSecret: string | undefined): Promise<SessionRecord> {
    const now = clock.now();
    const { session, match } = await linked(rawPin, linkSecret);
    if (session && match) return session;
    await explainGoneLink(linkSecret);

    await countEvent(kv, LIMITS.pinPerClient, clientAddress(c), now);
    await assertUnderLimit(kv, LIMITS.pinFailuresGlobal, "all", now);
    if (!session) {
      await countEvent(kv, LIMITS.pinFailuresGlobal, "all", now).catch(() => {});
      throw pinNotFound();
    }
    if (linkSecret) throw new DomainError(ERROR_CODES.linkSecretMismatch, "This link is not valid for this PIN");
    return session;
  }

  /**
   * The session a progress report is for: with the link's secret, or a typed PIN. A typed PIN passes
   * the same limits as a look-up, but only a failure counts (the customer's app reports a few steps).
   */
  async function progressSession(c: Context, rawPin: string, linkSecret: string | undefined) {
    const now = clock.now();
    const { session, match } = await linked(rawPin, linkSecret);
    if (session && match) return session;
    await assertUnderLimit(kv, LIMITS.pinPerClient, clientAddress(c), now);
    await assertUnderLimit(kv, LIMITS.pinFailuresGlobal, "all", now);
    if (session && !linkSecret) return session;
    await countEvent(kv, LIMITS.pinPerClient, clientAddress(c), now);
    await countEvent(kv, LIMITS.pinFailuresGlobal, "all", now).catch(() => {});
    if (!session) throw pinNotFound();
    throw new DomainError(ERROR_CODES.linkSecretMismatch, "This link is not valid for this PIN");
  }

  return new Hono()
    .get(
      "/:pin",
      describe(api.lookUpPin, {
        summary: `Look up a PIN (send the link secret in \`${api.LINK_SECRET_HEADER}\` when joining by link)`,
      }),
      async (c) => {
        const linkSecret = c.req.header(api.LINK_SECRET_HEADER);
        const session = await guardedSession(c, c.req.param("pin"), linkSecret);
        await auditPinLookup(kv, session, {
          address: clientAddress(c),
          via: linkSecret ? "link" : "pin",
          details: { viaLink: linkSecret !== undefined, ...clientInfo(c) },
        }, clock.now());
        const [settings, technician] = await Promise.all([getSettings(kv), getTechnician(kv, session.technicianId)]);
        return c.json(
          {
            companyName: settings.companyName,
            technicianName: technician?.name ?? "",
            expiresAt: session.pinExpiresAt,
            eula: settings.eula,
            storeUrls: settings.storeUrls,
          } satisfies JoinInfo,
        );
      },
    )
    .post(
      "/:pin/accept",
      describe(api.acceptEula, {
        summary: "Accept the EULA: consumes the PIN, returns the customer key and a token without publish rights",
      }),
      async (c) => {
        const body = c.req.valid("json");
        const pin = c.req.param("pin");
        await guardedSession(c, pin, body.linkSecret);
        const settings = await getSettings(kv);
        // The agreement in the language the customer read it in must still be the one they read.
        if (body.eulaVersion !== settings.eula[body.eulaLanguage ?? "en"]?.version) {
          throw new DomainError(
            ERROR_CODES.eulaVersionMismatch,
            "The license agreement has changed; please read it again",
          );
        }
        const { session, customerKey } = await acceptSession(kv, pin, { ...body, client: clientInfo(c) }, clock.now());
        // The customer joins the room next: it exists from now until End (DESIGN §6).
        await openSessionRoom(kv, livekit, session.id);
        return c.json(
          {
            sessionId: session.id,
            customerKey,
            livekit: { url: livekit.url, token: await livekit.customerToken(session.id, session.name) },
          } satisfies AcceptResponse,
        );
      },
    )
    .post(
      "/:pin/progress",
      describe(api.reportLinkProgress, {
        summary: "The customer's app reports how far it got before Accept (tutorial, camera, EULA), for the list",
      }),
      async (c) => {
        const body = c.req.valid("json");
        const session = await progressSession(c, c.req.param("pin"), body.linkSecret);
        await countEvent(kv, LIMITS.progressPerSession, session.id, clock.now());
        await recordProgress(kv, session.id, { event: body.event }, clock.now(), true);
        return c.json({ ok: true });
      },
    )
    .post(
      "/:pin/decline",
      describe(api.declineEula, { summary: "Decline the EULA; the session ends" }),
      async (c) => {
        const session = await guardedSession(c, c.req.param("pin"), c.req.valid("json").linkSecret);
        await endSession(kv, session.id, "declined", clock.now());
        return c.json({ ok: true });
      },
    );
}

type CustomerEnv = { Variables: { session: SessionRecord } };

/**
 * The session of the customer key in the bearer header, or 401, before anything else about the request
 * (so a caller without a key learns nothing from validation errors).
 */
const requireCustomer = (kv: Deno.Kv): MiddlewareHandler<CustomerEnv> =>
  async function requireCustomer(c, next) {
    const header = c.req.header("authorization") ?? "";
    const session = header.startsWith("Bearer ") ? await findByCustomerKey(kv, header.slice(7)) : null;
    if (!session) throw new DomainError(ERROR_CODES.unauthenticated, "Customer key required");
    c.set("session", session);
    await next();
  };

export function customerRoutes({ kv, livekit, clock }: Deps) {
  // On each route rather than `use()`: another method on these paths stays a 405, not a 401.
  const customer = requireCustomer(kv);
  return new Hono<CustomerEnv>()
    .post(
      "/rejoin",
      customer,
      describe(api.rejoinSession, {
        summary: "The customer comes back after a reload: a fresh token (with Start's grant once active)",
      }),
      async (c) => {
        // After a reload the customer comes back with the key kept in sessionStorage.
        const session = c.get("session");
        if (session.status === "ended") throw new DomainError(ERROR_CODES.sessionEnded, "This session has ended");
        // Opened again if LiveKit lost it (a restarted livekit-server keeps no rooms).
        await openSessionRoom(kv, livekit, session.id);
        return c.json(
          {
            sessionId: session.id,
            status: session.status,
            livekit: {
              url: livekit.url,
              token: await livekit.customerToken(session.id, session.name, session.status === "active"),
            },
          } satisfies RejoinResponse,
        );
      },
    )
    .post(
      "/progress",
      customer,
      describe(api.reportProgress, {
        summary: "The customer's app reports joining the room, or that it cannot reach the media, for the list",
      }),
      async (c) => {
        const session = c.get("session");
        await countEvent(kv, LIMITS.progressPerSession, session.id, clock.now());
        await recordProgress(kv, session.id, c.req.valid("json"), clock.now());
        return c.json({ ok: true });
      },
    )
    .post(
      "/end",
      customer,
      describe(api.endSessionAsCustomer, { summary: "The customer ends the session" }),
      async (c) => {
        const session = c.get("session");
        await endSession(kv, session.id, "customer", clock.now());
        await livekit.closeRoom(session.id);
        return c.json({ ok: true });
      },
    );
}
