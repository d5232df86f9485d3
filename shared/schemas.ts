import { z } from "zod";
import { DELIVERY_METHODS, END_REASONS, MIN_PASSWORD_LENGTH, PERMISSIONS, SESSION_STATUSES } from "./constants.ts";
import { LiveKitConnectionSchema, StoreUrlsSchema } from "./customer_schemas.ts";

export * from "./customer_schemas.ts";

export const PermissionsSchema = z.object(
  Object.fromEntries(PERMISSIONS.map((p) => [p, z.boolean()])) as Record<
    typeof PERMISSIONS[number],
    z.ZodBoolean
  >,
);
export type Permissions = z.infer<typeof PermissionsSchema>;

// ---- technician ----

export const LoginBodySchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const MeSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  group: z.object({ id: z.string(), name: z.string() }),
  permissions: PermissionsSchema,
});
export type Me = z.infer<typeof MeSchema>;

export const LocaleSchema = z.enum(["en", "de"]);
export type Locale = z.infer<typeof LocaleSchema>;

export const DeliverySchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("email-server"), to: z.email().max(254), locale: LocaleSchema.optional() }),
  z.object({ method: z.literal("email-client"), locale: LocaleSchema.optional() }),
  z.object({ method: z.literal("link") }),
]);
export type Delivery = z.infer<typeof DeliverySchema>;

export const CreateSessionBodySchema = z.object({
  type: z.literal("lens"),
  name: z.string().trim().min(1, "Name is required").max(100),
  delivery: DeliverySchema,
});
export type CreateSessionBody = z.infer<typeof CreateSessionBodySchema>;

export const SessionViewSchema = z.object({
  id: z.string(),
  type: z.literal("lens"),
  name: z.string(),
  status: z.enum(SESSION_STATUSES),
  method: z.enum(DELIVERY_METHODS),
  pin: z.string(),
  pinExpiresAt: z.number(),
  customerPresent: z.boolean(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endedBy: z.enum(END_REASONS).nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const CreateSessionResponseSchema = z.object({
  session: SessionViewSchema,
  pin: z.string(),
  link: z.string(),
  expiresAt: z.number(),
  mailto: z.string().optional(),
});
export type CreateSessionResponse = z.infer<typeof CreateSessionResponseSchema>;

export const SessionListSchema = z.object({ sessions: z.array(SessionViewSchema) });
export type SessionList = z.infer<typeof SessionListSchema>;

export const StartResponseSchema = z.object({
  session: SessionViewSchema,
  livekit: LiveKitConnectionSchema,
});
export type StartResponse = z.infer<typeof StartResponseSchema>;

// ---- customer ----

// ---- admin ----

/** At least one key must be present in a PATCH body, so an empty PATCH is a mistake, not a no-op. */
const nonEmpty = <T extends z.ZodObject>(schema: T) =>
  schema.refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to change");

export const GroupBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: PermissionsSchema,
});
export type GroupBody = z.infer<typeof GroupBodySchema>;

export const GroupSchema = GroupBodySchema.extend({ id: z.string() });
export type Group = z.infer<typeof GroupSchema>;

export const GroupListSchema = z.object({ groups: z.array(GroupSchema) });
export type GroupList = z.infer<typeof GroupListSchema>;

/** Rename and/or change permissions; permissions not named keep their value. */
export const GroupPatchSchema = nonEmpty(z.object({
  name: GroupBodySchema.shape.name.optional(),
  permissions: PermissionsSchema.partial().optional(),
}));
export type GroupPatch = z.infer<typeof GroupPatchSchema>;

export const PasswordSchema = z.string().min(
  MIN_PASSWORD_LENGTH,
  `Password must have at least ${MIN_PASSWORD_LENGTH} characters`,
).max(1024);

export const TechnicianBodySchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(100),
  groupId: z.string().min(1).max(100),
  password: PasswordSchema,
});
export type TechnicianBody = z.infer<typeof TechnicianBodySchema>;

/** Create with a password, or with `invite: true` to mail a set-password link (in `locale`). */
export const TechnicianCreateSchema = TechnicianBodySchema.extend({
  password: PasswordSchema.optional(),
  invite: z.boolean().optional(),
  locale: LocaleSchema.optional(),
}).refine((b) => (b.password !== undefined) !== (b.invite === true), {
  message: "Give either a password or invite: true",
  path: ["password"],
});
export type TechnicianCreate = z.infer<typeof TechnicianCreateSchema>;

export const TechnicianPatchSchema = nonEmpty(z.object({
  name: TechnicianBodySchema.shape.name.optional(),
  groupId: TechnicianBodySchema.shape.groupId.optional(),
  disabled: z.boolean().optional(),
}));
export type TechnicianPatch = z.infer<typeof TechnicianPatchSchema>;

/** `POST /api/admin/technicians/:id/invite`; the body may be omitted. */
export const TechnicianInviteSchema = z.object({ locale: LocaleSchema.optional() });
export type TechnicianInvite = z.infer<typeof TechnicianInviteSchema>;

export const InvitationResponseSchema = z.object({ technicianId: z.string(), expiresAt: z.number() });
export type InvitationResponse = z.infer<typeof InvitationResponseSchema>;

export const TechnicianSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  groupId: z.string(),
  disabled: z.boolean(),
  /** False for an invited technician who has not chosen a password yet. */
  passwordSet: z.boolean(),
  createdAt: z.number(),
});
export type Technician = z.infer<typeof TechnicianSchema>;

export const TechnicianListSchema = z.object({ technicians: z.array(TechnicianSchema) });
export type TechnicianList = z.infer<typeof TechnicianListSchema>;

export const TechnicianListQuerySchema = z.object({ groupId: z.string().min(1).max(100).optional() });
export type TechnicianListQuery = z.infer<typeof TechnicianListQuerySchema>;

/** `POST /api/auth/set-password`: the token from the invitation link's fragment. */
export const SetPasswordBodySchema = z.object({
  token: z.string().min(16).max(200),
  password: PasswordSchema,
});
export type SetPasswordBody = z.infer<typeof SetPasswordBodySchema>;

export const OkSchema = z.object({ ok: z.literal(true) });

export const SettingsSchema = z.object({
  companyName: z.string().trim().min(1).max(100),
  eula: z.object({ version: z.string().trim().min(1).max(50), text: z.string().min(1).max(50_000) }),
  pinValidityMinutes: z.number().int().min(1).max(7 * 24 * 60),
  storeUrls: StoreUrlsSchema,
  /** Days that session metadata and audit entries are kept. */
  retentionDays: z.number().int().min(1).max(3650),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Top-level fields replace the stored ones whole (`eula` and `storeUrls` as objects). */
export const SettingsPatchSchema = nonEmpty(SettingsSchema.partial());
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Epoch milliseconds in a query string. */
const epochMs = z.coerce.number().int().min(0);
const listLimit = z.coerce.number().int().min(1).max(1000).default(100);

export const AdminSessionQuerySchema = z.object({
  technicianId: z.string().min(1).max(100).optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  /** Inclusive bounds on `createdAt`. */
  from: epochMs.optional(),
  to: epochMs.optional(),
  limit: listLimit,
});
export type AdminSessionQuery = z.infer<typeof AdminSessionQuerySchema>;

export const AdminSessionSchema = SessionViewSchema.extend({ technicianId: z.string() });
export type AdminSession = z.infer<typeof AdminSessionSchema>;

export const AdminSessionListSchema = z.object({ sessions: z.array(AdminSessionSchema) });
export type AdminSessionList = z.infer<typeof AdminSessionListSchema>;

export const AuditQuerySchema = z.object({
  sessionId: z.string().min(1).max(100).optional(),
  technicianId: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
  /** Inclusive bounds on `at`. */
  from: epochMs.optional(),
  to: epochMs.optional(),
  limit: listLimit,
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  action: z.string(),
  sessionId: z.string().optional(),
  technicianId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListSchema = z.object({ entries: z.array(AuditEntrySchema) });
export type AuditList = z.infer<typeof AuditListSchema>;

export const HealthSchema = z.object({ ok: z.boolean(), kv: z.boolean(), livekit: z.boolean() });
