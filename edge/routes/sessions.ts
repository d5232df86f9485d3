import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import {
  type CreateSessionResponse,
  ERROR_CODES,
  type Permission,
  SESSION_LIST_LIMIT,
  type SessionList,
  type StartResponse,
} from "@sightline/shared";
import * as api from "@sightline/shared/api";
import type { Deps } from "../deps.ts";
import { describe } from "../contract.ts";
import { DomainError } from "../errors.ts";
import { idParam } from "../middleware/id_param.ts";
import { recordAudit } from "../db/audit.ts";
import { countEvent, LIMITS } from "../db/rate_limit.ts";
import { getSettings } from "../db/settings.ts";
import { cancelSession, clearSession, extendSession, resendSession } from "../db/session_actions.ts";
import {
  activeSessionId,
  createSession,
  endSession,
  getSession,
  listSessions,
  revertStart,
  sessionNotFound,
  type SessionRecord,
  startSession,
  toView,
  watchSessionChanges,
} from "../db/sessions.ts";
import { requirePermissions, requireTechnician, type TechnicianEnv } from "../middleware/auth.ts";
import type { TechnicianRecord } from "../db/technicians.ts";
import { invitationMail, invitationMailto } from "../services/invitation.ts";
import { addChatLine, listChatLines } from "../db/transcripts.ts";
import { openSessionRoom } from "../services/session_room.ts";
import { getNotes, saveNotes } from "../db/notes.ts";

const SSE_HEARTBEAT_MS = 25_000;

/** When the next pending session of a list (the SSE payload) expires; Infinity when none will. */
function earliestExpiry(data: string, now: number): number {
  const { sessions } = JSON.parse(data) as SessionList;
  const times = sessions.filter((s) => s.status === "pending" && s.pinExpiresAt > now).map((s) => s.pinExpiresAt);
  return Math.min(Infinity, ...times);
}

export function sessionRoutes({ kv, config, livekit, mailer, clock, log }: Deps) {
  const ownSession = async (technicianId: string, id: string) => {
    const s = await getSession(kv, id);
    if (!s || s.technicianId !== technicianId) throw sessionNotFound();
    return s;
  };
  const sessionList = async (technicianId: string): Promise<SessionList> => {
    const now = clock.now();
    const [newest, active] = await Promise.all([
      listSessions(kv, technicianId, SESSION_LIST_LIMIT + 1),
      activeSessionId(kv, technicianId),
    ]);
    const shown = newest.slice(0, SESSION_LIST_LIMIT);
    // The active session stays listed however many sessions were created after it.
    if (active && !shown.some((s) => s.id === active)) {
      const record = await getSession(kv, active);
      if (record) shown.push(record);
    }
    return { sessions: shown.map((s) => toView(s, now)), more: newest.length > SESSION_LIST_LIMIT };
  };
  /**
   * The SSE payload of one change, built once and shared by every open stream of the technician (tabs,
   * consoles of a shared account): 100 streams each listing the sessions anew took seconds (tests/bench).
   */
  const sharedLists = new Map<string, { stamp: string; at: number; data: Promise<string>; streams: number }>();
  const listForChange = (technicianId: string, stamp: string | null): Promise<string> => {
    const shared = sharedLists.get(technicianId);
    const now = clock.now();
    // Views depend on the time too (an unclaimed PIN expires), so a list is shared for a second only.
    if (shared && stamp !== null && shared.stamp === stamp && now - shared.at < 1000) return shared.data;
    const data = sessionList(technicianId).then((list) => JSON.stringify(list));
    if (shared && stamp !== null) Object.assign(shared, { stamp, at: now, data });
    return data;
  };

  /** Creating or resending by a method needs the Lens permissions and the method's own. */
  const mayDeliver = (group: TechnicianEnv["Variables"]["group"], method: SessionRecord["method"]) => {
    const methodPermission: Permission = method === "link" ? "useLinkMethod" : "useEmailMethod";
    requirePermissions(group, ["startLensSessions", "startPrivateSessions", methodPermission]);
  };
  /** Sends the invitation the session's way (the mail, or a `mailto:` for the technician's program). */
  const deliver = async (session: SessionRecord, linkSecret: string, technician: TechnicianRecord) => {
    const settings = await getSettings(kv);
    const link = api.customerLink(config.publicUrl, session.pin, linkSecret);
    const invitation = {
      link,
      pin: session.pin,
      expiresAt: session.pinExpiresAt,
      companyName: settings.companyName,
      technicianName: technician.name,
      locale: session.locale ?? "en" as const,
      timeZone: session.timeZone ?? "UTC",
    };
    const response: CreateSessionResponse = {
      session: toView(session, clock.now()),
      pin: session.pin,
      link,
      expiresAt: session.pinExpiresAt,
    };
    if (session.method === "email-server" && session.recipient) {
      await mailer.send({ to: session.recipient, ...invitationMail(invitation) });
    } else if (session.method === "email-client") {
      response.mailto = invitationMailto(invitation);
    }
    return response;
  };

  return new Hono<TechnicianEnv>()
    .use(requireTechnician(kv))
    .use("/:id/*", idParam(sessionNotFound))
    .get(
      "/",
      describe(api.listSessions, { summary: "The technician's own sessions, newest first" }),
      async (c) => c.json(await sessionList(c.get("technician").id)),
    )
    .post(
      "/",
      describe(api.createSession, {
        summary: "Create a Lens session and deliver its link and PIN (email-server, email-client or link)",
      }),
      async (c) => {
        const body = c.req.valid("json");
        const technician = c.get("technician");
        mayDeliver(c.get("group"), body.delivery.method);
        if (body.delivery.method === "email-server") {
          await countEvent(kv, LIMITS.mailPerTechnician, technician.id, clock.now());
        }
        const settings = await getSettings(kv);
        const { session, linkSecret } = await createSession(kv, {
          technicianId: technician.id,
          name: body.name,
          method: body.delivery.method,
          recipient: body.delivery.method === "email-server" ? body.delivery.to : null,
          locale: "locale" in body.delivery ? body.delivery.locale : null,
          timeZone: "timeZone" in body.delivery ? body.delivery.timeZone : null,
          validityMinutes: settings.pinValidityMinutes,
        }, clock.now());
        return c.json(await deliver(session, linkSecret, technician), 201);
      },
    )
    .get(
      "/events",
      describe(api.sessionEvents, {
        summary: "Server-sent events: `sessions` with the full list on connect and after every change",
      }),
      (c) => {
        const technicianId = c.get("technician").id;
        return streamSSE(c, async (stream) => {
          let nextExpiry = Infinity;
          let expiry: ReturnType<typeof setTimeout> | undefined;
          const watch = watchSessionChanges(kv, technicianId).getReader();
          const heartbeat = setInterval(() => stream.writeSSE({ event: "ping", data: "" }), SSE_HEARTBEAT_MS);
          const shared = sharedLists.get(technicianId) ?? { stamp: "", at: 0, data: Promise.resolve(""), streams: 0 };
          shared.streams++;
          sharedLists.set(technicianId, shared);
          stream.onAbort(() => {
            clearInterval(heartbeat);
            watch.cancel().catch(() => {});
          });
          try {
            // The first watch result arrives at once, so every client starts with the full list.
            // A PIN expiring changes nothing in KV, so the list is sent again when the next one expires.
            let change = watch.read();
            while (!stream.aborted) {
              const expired = new Promise<"expired">((resolve) => {
                const wait = nextExpiry - clock.now();
                if (Number.isFinite(wait)) expiry = setTimeout(() => resolve("expired"), Math.max(0, wait) + 100);
              });
              const next = await Promise.race([change, expired]);
              clearTimeout(expiry);
              if (next !== "expired" && next.done) break;
              const stamp = next === "expired" ? null : next.value[0].versionstamp;
              if (next !== "expired") change = watch.read();
              const data = await listForChange(technicianId, stamp);
              nextExpiry = earliestExpiry(data, clock.now());
              await stream.writeSSE({ event: "sessions", data });
            }
          } finally {
            clearInterval(heartbeat);
            clearTimeout(expiry);
            if (--shared.streams === 0) sharedLists.delete(technicianId);
          }
        });
      },
    )
    .post(
      "/:id/start",
      describe(api.startSession, {
        summary: "Start a Waiting session: grants the customer camera + microphone, returns the technician's token",
      }),
      async (c) => {
        const technician = c.get("technician");
        const id = c.req.param("id");
        await ownSession(technician.id, id);
        const started = await startSession(kv, technician.id, id, clock.now());
        // Start again on the active session is how a console gets back in (reload, lost connection, a
        // restarted livekit-server that lost the room): the room is opened again if it must be.
        await openSessionRoom(kv, livekit, id);
        if (started) {
          try {
            await livekit.grantCustomerPublish(id);
          } catch (err) {
            await revertStart(kv, id, clock.now());
            log.error("LiveKit grant of Start failed", { sessionId: id, error: String(err) });
            throw new DomainError(
              ERROR_CODES.customerNotConnected,
              "Cannot start session: the customer is not connected to the media server",
            );
          }
        }
        const session = (await getSession(kv, id))!;
        const response: StartResponse = {
          session: toView(session, clock.now()),
          livekit: { url: livekit.url, token: await livekit.technicianToken(id, technician.id, technician.name) },
        };
        return c.json(response);
      },
    )
    .post("/:id/end", describe(api.endSession, { summary: "End a session and close its LiveKit room" }), async (c) => {
      const technician = c.get("technician");
      const id = c.req.param("id");
      await ownSession(technician.id, id);
      await endSession(kv, id, "technician", clock.now());
      await livekit.closeRoom(id);
      return c.json({ session: toView((await getSession(kv, id))!, clock.now()) });
    })
    .post(
      "/:id/resend",
      describe(api.resendSession, {
        summary: "A new PIN and link for a session the customer has not joined, delivered the same way",
      }),
      async (c) => {
        const technician = c.get("technician");
        const current = await ownSession(technician.id, c.req.param("id"));
        mayDeliver(c.get("group"), current.method);
        if (current.method === "email-server") {
          await countEvent(kv, LIMITS.mailPerTechnician, technician.id, clock.now());
        }
        const settings = await getSettings(kv);
        const { session, linkSecret } = await resendSession(
          kv,
          technician.id,
          current.id,
          settings.pinValidityMinutes,
          clock.now(),
        );
        return c.json(await deliver(session, linkSecret, technician));
      },
    )
    .post(
      "/:id/extend",
      describe(api.extendSession, { summary: "Push the expiry of a pending session's PIN and link" }),
      async (c) => {
        const technician = c.get("technician");
        const { pinValidityMinutes } = await getSettings(kv);
        const session = await extendSession(kv, technician.id, c.req.param("id"), pinValidityMinutes, clock.now());
        return c.json({ session: toView(session!, clock.now()) });
      },
    )
    .post(
      "/:id/cancel",
      describe(api.cancelSession, { summary: "Cancel a session that has not started; its link stops working" }),
      async (c) => {
        const technician = c.get("technician");
        const session = await cancelSession(kv, technician.id, c.req.param("id"), clock.now());
        // A customer who already accepted may be in the room: close it, so their app hears the end.
        if (session.eulaAcceptedAt !== null) await livekit.closeRoom(session.id);
        return c.json({ session: toView(session, clock.now()) });
      },
    )
    .post(
      "/:id/clear",
      describe(api.clearSession, {
        summary: "Hide an ended session from the technician's list (the admin listing and audit log keep it)",
      }),
      async (c) => {
        await clearSession(kv, c.get("technician").id, c.req.param("id"), clock.now());
        return c.json({ ok: true });
      },
    )
    .post(
      "/:id/screenshot",
      describe(api.recordScreenshot, {
        summary: "Record in the audit log that the technician saved a screenshot (the image stays in the browser)",
      }),
      async (c) => {
        // The image stays in the technician's browser; the audit log records only that one was taken.
        const technician = c.get("technician");
        const session = await ownSession(technician.id, c.req.param("id"));
        if (session.status !== "active") {
          throw new DomainError(ERROR_CODES.sessionNotActive, "Screenshots can be taken only in an active session");
        }
        await recordAudit(kv, clock.now(), {
          action: "session.screenshot",
          sessionId: session.id,
          technicianId: technician.id,
        });
        return c.json({ ok: true });
      },
    )
    .post(
      "/:id/chat",
      describe(api.addChatLine, {
        summary: "Store one chat message of an active session in its transcript (idempotent by message id)",
      }),
      async (c) => {
        // The messages travel over LiveKit; the console stores a copy of each for the transcript.
        const session = await ownSession(c.get("technician").id, c.req.param("id"));
        if (session.status !== "active") {
          throw new DomainError(ERROR_CODES.sessionNotActive, "Chat is kept only for an active session");
        }
        await addChatLine(kv, session.id, c.req.valid("json"));
        return c.json({ ok: true });
      },
    )
    .get(
      "/:id/transcript",
      describe(api.transcript, {
        summary: "The chat transcript of the technician's session (kept under the retention setting)",
      }),
      async (c) => {
        const session = await ownSession(c.get("technician").id, c.req.param("id"));
        return c.json({ lines: await listChatLines(kv, session.id) });
      },
    )
    .get(
      "/:id/notes",
      describe(api.sessionNotes, { summary: "The technician's note of their session (during and after it)" }),
      async (c) => {
        const session = await ownSession(c.get("technician").id, c.req.param("id"));
        return c.json(await getNotes(kv, session.id));
      },
    )
    .post(
      "/:id/notes",
      describe(api.saveSessionNotes, {
        summary: "Replace the technician's note of their session (audited by length; kept under the retention)",
      }),
      async (c) => {
        const { text } = c.req.valid("json");
        return c.json(await saveNotes(kv, c.get("technician").id, c.req.param("id"), text, clock.now()));
      },
    );
}
