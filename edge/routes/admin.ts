import { Hono } from "hono";
import { ERROR_CODES, type InvitationResponse, type Locale, type Technician } from "@sightline/shared";
import * as api from "@sightline/shared/api";
import type { Deps } from "../deps.ts";
import { describe, NON_EMPTY, PASSWORD_OR_INVITE } from "../contract.ts";
import { DomainError } from "../errors.ts";
import { idParam } from "../middleware/id_param.ts";
import { requireAdmin } from "../middleware/auth.ts";
import { createGroup, deleteGroup, getGroup, groupNotFound, listGroups, updateGroup } from "../db/groups.ts";
import {
  createTechnician,
  deleteTechnician,
  getTechnician,
  listTechnicians,
  publicTechnician,
  technicianNotFound,
  updateTechnician,
} from "../db/technicians.ts";
import { revokeLogins } from "../db/logins.ts";
import { newPasswordToken, reissuePasswordToken } from "../db/password_tokens.ts";
import { endSessionsOfTechnician, listSessionsForAdmin } from "../db/admin_sessions.ts";
import { getSettings, updateSettings } from "../db/settings.ts";
import { listAudit } from "../db/audit.ts";
import { technicianInvitationMail } from "../services/technician_invitation.ts";

export function adminRoutes({ kv, config, livekit, mailer, clock, log }: Deps) {
  const technicianOr404 = async (id: string) => {
    const t = await getTechnician(kv, id);
    if (!t) throw technicianNotFound();
    return t;
  };

  /** Mails the set-password link; the account is already saved, so a failure says how to recover. */
  const sendInvitation = async (
    technician: Pick<Technician, "id" | "email" | "name">,
    invitation: { token: string; expiresAt: number; locale: Locale },
  ) => {
    const settings = await getSettings(kv);
    const mail = technicianInvitationMail({
      link: api.setPasswordLink(config.publicUrl, invitation.token),
      technicianName: technician.name,
      companyName: settings.companyName,
      expiresAt: invitation.expiresAt,
      locale: invitation.locale,
    });
    try {
      await mailer.send({ to: technician.email, ...mail });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      throw new DomainError(
        ERROR_CODES.mailFailed,
        "The technician is saved but the invitation mail could not be sent; send a new invitation",
        { details: { technicianId: technician.id } },
      );
    }
  };

  /**
   * A disabled or deleted technician stops working at once: `requireTechnician` already refuses them;
   * this also ends their sessions, closes the rooms and drops their logins, so re-enabling
   * does not revive old cookies. LiveKit being down must not fail the admin call: the sessions are
   * ended in KV either way, and LiveKit closes an empty room by itself.
   */
  const cutOff = async (technicianId: string) => {
    await revokeLogins(kv, technicianId);
    const ended = await endSessionsOfTechnician(kv, technicianId, clock.now());
    await Promise.all(
      ended.map((sessionId) =>
        livekit.closeRoom(sessionId).catch((err) =>
          log.error("closing the room of a technician's session failed", { sessionId, error: String(err) })
        )
      ),
    );
  };

  return new Hono()
    .use(requireAdmin(config.adminToken))
    .use("/groups/:id", idParam(groupNotFound))
    .use("/technicians/:id", idParam(technicianNotFound))
    .use("/technicians/:id/*", idParam(technicianNotFound))
    // ---- groups ----
    .get(
      "/groups",
      describe(api.listGroups, { summary: "List technician groups" }),
      async (c) => c.json({ groups: await listGroups(kv) }),
    )
    .post(
      "/groups",
      describe(api.createGroup, { summary: "Create a group" }),
      async (c) => c.json(await createGroup(kv, c.req.valid("json"), clock.now()), 201),
    )
    .get("/groups/:id", describe(api.getGroup, { summary: "One group" }), async (c) => {
      const group = await getGroup(kv, c.req.param("id"));
      if (!group) throw groupNotFound();
      return c.json(group);
    })
    .patch(
      "/groups/:id",
      describe(api.updateGroup, { summary: "Rename a group or change its permissions", bodyRules: NON_EMPTY }),
      async (c) => c.json(await updateGroup(kv, c.req.param("id"), c.req.valid("json"), clock.now())),
    )
    .delete("/groups/:id", describe(api.deleteGroup, { summary: "Delete an empty group" }), async (c) => {
      await deleteGroup(kv, c.req.param("id"), clock.now());
      return c.body(null, 204);
    })
    // ---- technicians ----
    .get("/technicians", describe(api.listTechnicians, { summary: "List technicians" }), async (c) => {
      const { groupId } = c.req.valid("query");
      return c.json({ technicians: (await listTechnicians(kv, groupId)).map(publicTechnician) });
    })
    .post(
      "/technicians",
      describe(api.createTechnician, {
        summary: "Create a technician with a password, or invite them by mail",
        bodyRules: PASSWORD_OR_INVITE,
        invalidInput: [ERROR_CODES.groupNotFound],
      }),
      async (c) => {
        const { email, name, groupId, password, invite, locale = "en" } = c.req.valid("json");
        const invitation = invite ? await newPasswordToken(clock.now()) : null;
        const technician = await createTechnician(
          kv,
          { email, name, groupId, password },
          clock.now(),
          invitation ? (op, id) => invitation.into(op, id, locale) : undefined,
        );
        if (invitation) await sendInvitation(technician, { ...invitation, locale });
        return c.json(technician, 201);
      },
    )
    .get(
      "/technicians/:id",
      describe(api.getTechnician, { summary: "One technician" }),
      async (c) => c.json(publicTechnician(await technicianOr404(c.req.param("id")))),
    )
    .patch(
      "/technicians/:id",
      describe(api.updateTechnician, {
        summary: "Rename, move to another group, disable or enable",
        bodyRules: NON_EMPTY,
        invalidInput: [ERROR_CODES.groupNotFound],
      }),
      async (c) => {
        const id = c.req.param("id");
        const { before, after } = await updateTechnician(kv, id, c.req.valid("json"), clock.now());
        if (after.disabled && !before.disabled) await cutOff(id);
        return c.json(publicTechnician(after));
      },
    )
    .delete(
      "/technicians/:id",
      describe(api.deleteTechnician, { summary: "Delete a technician; their sessions end" }),
      async (c) => {
        const id = c.req.param("id");
        await deleteTechnician(kv, id, clock.now());
        await cutOff(id);
        return c.body(null, 204);
      },
    )
    .post(
      "/technicians/:id/invite",
      describe(api.inviteTechnician, { summary: "Send a new set-password invitation" }),
      async (c) => {
        const { locale = "en" } = c.req.valid("json");
        const { technician, token, expiresAt } = await reissuePasswordToken(kv, c.req.param("id"), locale, clock.now());
        await sendInvitation(technician, { token, expiresAt, locale });
        return c.json({ technicianId: technician.id, expiresAt } satisfies InvitationResponse);
      },
    )
    // ---- settings, sessions, audit ----
    .get(
      "/settings",
      describe(api.getSettings, { summary: "Company settings" }),
      async (c) => c.json(await getSettings(kv)),
    )
    .patch(
      "/settings",
      describe(api.updateSettings, { summary: "Change company settings", bodyRules: NON_EMPTY }),
      async (c) => c.json(await updateSettings(kv, c.req.valid("json"), clock.now())),
    )
    .get("/sessions", describe(api.adminSessions, { summary: "Sessions, filtered, newest first" }), async (c) => {
      return c.json({ sessions: await listSessionsForAdmin(kv, c.req.valid("query"), clock.now()) });
    })
    .get(
      "/audit",
      describe(api.auditLog, { summary: "Audit log, filtered, newest first" }),
      async (c) => c.json({ entries: await listAudit(kv, c.req.valid("query")) }),
    );
}
