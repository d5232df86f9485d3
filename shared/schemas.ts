import * as z from "zod/mini";
import { DELIVERY_METHODS, END_REASONS, MIN_PASSWORD_LENGTH, PERMISSIONS, SESSION_STATUSES } from "./constants.ts";
import { LiveKitConnectionSchema, LocaleSchema, StoreUrlsSchema } from "./customer_schemas.ts";
import { MAX_CHAT_LENGTH } from "./tool_limits.ts";
import { CustomerProgressSchema } from "./progress.ts";

export * from "./customer_schemas.ts";

export const PermissionsSchema = z.object(
  Object.fromEntries(PERMISSIONS.map((p) => [p, z.boolean()])) as Record<
    typeof PERMISSIONS[number],
    z.ZodMiniBoolean<boolean>
  >,
);
export type Permissions = z.infer<typeof PermissionsSchema>;

// ---- technician ----

export const LoginBodySchema = z.object({
  email: z.email().check(z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
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

/** Whether the JavaScript engine knows the IANA time zone `name` (e.g. `Europe/Berlin`). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The recipient's time zone, in which the mail states the expiry (the console sends its own). */
export const TimeZoneSchema = z.string().check(
  z.maxLength(64),
  z.refine(isTimeZone, "Unknown time zone: use an IANA name such as Europe/Berlin"),
);

export const DeliverySchema = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("email-server"),
    to: z.email().check(z.maxLength(254)),
    locale: z.optional(LocaleSchema),
    timeZone: z.optional(TimeZoneSchema),
  }),
  z.object({
    method: z.literal("email-client"),
    locale: z.optional(LocaleSchema),
    timeZone: z.optional(TimeZoneSchema),
  }),
  z.object({ method: z.literal("link") }),
]);
export type Delivery = z.infer<typeof DeliverySchema>;

export const CreateSessionBodySchema = z.object({
  type: z.literal("lens"),
  name: z.string().check(z.trim(), z.minLength(1, "Name is required"), z.maxLength(100)),
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
  /** What the customer's app last reported (cleared once it reaches the room). */
  customerProgress: z.nullable(CustomerProgressSchema),
  /** Since when the customer has been waiting (status `waiting`), for "waiting for 1:23". */
  waitingSince: z.nullable(z.number()),
  createdAt: z.number(),
  startedAt: z.nullable(z.number()),
  endedAt: z.nullable(z.number()),
  endedBy: z.nullable(z.enum(END_REASONS)),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const CreateSessionResponseSchema = z.object({
  session: SessionViewSchema,
  pin: z.string(),
  link: z.string(),
  expiresAt: z.number(),
  mailto: z.optional(z.string()),
});
export type CreateSessionResponse = z.infer<typeof CreateSessionResponseSchema>;

/**
 * A technician's newest sessions (`SESSION_LIST_LIMIT`, plus the active one if it is older), newest
 * first; `more` says older ones exist (the administrator's session listing has them all).
 */
export const SessionListSchema = z.object({ sessions: z.array(SessionViewSchema), more: z.boolean() });
export type SessionList = z.infer<typeof SessionListSchema>;

/** Resend, Extend and Cancel answer with the session as it is now. */
export const SessionResponseSchema = z.object({ session: SessionViewSchema });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const StartResponseSchema = z.object({
  session: SessionViewSchema,
  livekit: LiveKitConnectionSchema,
});
export type StartResponse = z.infer<typeof StartResponseSchema>;

// ---- customer ----

// ---- admin ----

/** At least one key must be present in a PATCH body, so an empty PATCH is a mistake, not a no-op. */
const nonEmpty = <T extends z.ZodMiniObject>(schema: T) =>
  schema.check(
    z.refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to change"),
  );

export const GroupBodySchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  permissions: PermissionsSchema,
});
export type GroupBody = z.infer<typeof GroupBodySchema>;

export const GroupSchema = z.extend(GroupBodySchema, { id: z.string() });
export type Group = z.infer<typeof GroupSchema>;

export const GroupListSchema = z.object({ groups: z.array(GroupSchema) });
export type GroupList = z.infer<typeof GroupListSchema>;

/** Rename and/or change permissions; permissions not named keep their value. */
export const GroupPatchSchema = nonEmpty(z.object({
  name: z.optional(GroupBodySchema.shape.name),
  permissions: z.optional(z.partial(PermissionsSchema)),
}));
export type GroupPatch = z.infer<typeof GroupPatchSchema>;

export const PasswordSchema = z.string().check(
  z.minLength(MIN_PASSWORD_LENGTH, `Password must have at least ${MIN_PASSWORD_LENGTH} characters`),
  z.maxLength(1024),
);

export const TechnicianBodySchema = z.object({
  email: z.email().check(z.maxLength(254)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  groupId: z.string().check(z.minLength(1), z.maxLength(100)),
  password: PasswordSchema,
});
export type TechnicianBody = z.infer<typeof TechnicianBodySchema>;

/** Create with a password, or with `invite: true` to mail a set-password link (in `locale`). */
export const TechnicianCreateSchema = z.extend(TechnicianBodySchema, {
  password: z.optional(PasswordSchema),
  invite: z.optional(z.boolean()),
  locale: z.optional(LocaleSchema),
}).check(
  z.refine((b) => (b.password !== undefined) !== (b.invite === true), {
    message: "Give either a password or invite: true",
    path: ["password"],
  }),
);
export type TechnicianCreate = z.infer<typeof TechnicianCreateSchema>;

export const TechnicianPatchSchema = nonEmpty(z.object({
  name: z.optional(TechnicianBodySchema.shape.name),
  groupId: z.optional(TechnicianBodySchema.shape.groupId),
  disabled: z.optional(z.boolean()),
}));
export type TechnicianPatch = z.infer<typeof TechnicianPatchSchema>;

/** `POST /api/admin/technicians/:id/invite`; the body may be omitted. */
export const TechnicianInviteSchema = z.object({ locale: z.optional(LocaleSchema) });
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

export const TechnicianListQuerySchema = z.object({
  groupId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type TechnicianListQuery = z.infer<typeof TechnicianListQuerySchema>;

/** `POST /api/auth/set-password`: the token from the invitation link's fragment. */
export const SetPasswordBodySchema = z.object({
  token: z.string().check(z.minLength(16), z.maxLength(200)),
  password: PasswordSchema,
});
export type SetPasswordBody = z.infer<typeof SetPasswordBodySchema>;

/** One chat message of a live session, as the console stores it for the transcript (both directions). */
export const ChatLineSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  from: z.enum(["technician", "customer"]),
  text: z.string().check(z.minLength(1), z.maxLength(MAX_CHAT_LENGTH)),
  /** When it was sent (sender's clock, ms). */
  at: z.number().check(z.gte(0)),
});
export type ChatLine = z.infer<typeof ChatLineSchema>;
export const TranscriptSchema = z.object({ lines: z.array(ChatLineSchema) });
export type Transcript = z.infer<typeof TranscriptSchema>;

/** The longest technician's note a session keeps (characters). */
export const MAX_NOTES_LENGTH = 5000;
/** `POST /api/sessions/:id/notes`: the whole note, replacing the one stored ("" clears it). */
export const SessionNotesBodySchema = z.object({ text: z.string().check(z.maxLength(MAX_NOTES_LENGTH)) });
export type SessionNotesBody = z.infer<typeof SessionNotesBodySchema>;
/** The technician's note of a session; `updatedAt` null while none was saved. */
export const SessionNotesSchema = z.object({ text: z.string(), updatedAt: z.nullable(z.number()) });
export type SessionNotes = z.infer<typeof SessionNotesSchema>;

/**
 * The license agreement and a short privacy notice in one language. The version is this language's
 * own: a customer's acceptance records the language and version they read.
 */
export const ConsentSettingsSchema = z.object({
  version: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
  text: z.string().check(z.minLength(1), z.maxLength(50_000)),
  privacy: z.string().check(z.minLength(1), z.maxLength(5_000)),
});

export const SettingsSchema = z.object({
  companyName: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  /** Per language: English is required (everyone else's fallback), German optional. */
  eula: z.object({ en: ConsentSettingsSchema, de: z.optional(ConsentSettingsSchema) }),
  pinValidityMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(7 * 24 * 60)),
  storeUrls: StoreUrlsSchema,
  /** Days that session metadata and audit entries are kept. */
  retentionDays: z.number().check(z.int(), z.minimum(1), z.maximum(3650)),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Top-level fields replace the stored ones whole (`eula` and `storeUrls` as objects). */
export const SettingsPatchSchema = nonEmpty(z.partial(SettingsSchema));
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Epoch milliseconds in a query string. */
const epochMs = z.coerce.number().check(z.int(), z.minimum(0));
const listLimit = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 100);

export const AdminSessionQuerySchema = z.object({
  technicianId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  status: z.optional(z.enum(SESSION_STATUSES)),
  /** Inclusive bounds on `createdAt`. */
  from: z.optional(epochMs),
  to: z.optional(epochMs),
  limit: listLimit,
});
export type AdminSessionQuery = z.infer<typeof AdminSessionQuerySchema>;

/** `clearedAt`: when the technician cleared it from their list (it stays here and in the audit log). */
export const AdminSessionSchema = z.extend(SessionViewSchema, {
  technicianId: z.string(),
  clearedAt: z.nullable(z.number()),
});
export type AdminSession = z.infer<typeof AdminSessionSchema>;

export const AdminSessionListSchema = z.object({ sessions: z.array(AdminSessionSchema) });
export type AdminSessionList = z.infer<typeof AdminSessionListSchema>;

export const AuditQuerySchema = z.object({
  sessionId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  technicianId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  action: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** Inclusive bounds on `at`. */
  from: z.optional(epochMs),
  to: z.optional(epochMs),
  limit: listLimit,
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  action: z.string(),
  sessionId: z.optional(z.string()),
  technicianId: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListSchema = z.object({ entries: z.array(AuditEntrySchema) });
export type AuditList = z.infer<typeof AuditListSchema>;

export const HealthSchema = z.object({ ok: z.boolean(), kv: z.boolean(), livekit: z.boolean() });

export const EndResponseSchema = z.object({ session: SessionViewSchema });
export type EndResponse = z.infer<typeof EndResponseSchema>;

/** A browser's CSP violation report, as browsers post it (`application/csp-report`). */
export const CspReportBodySchema = z.object({
  "csp-report": z.object({
    "document-uri": z.optional(z.string()),
    "violated-directive": z.optional(z.string()),
    "effective-directive": z.optional(z.string()),
    "blocked-uri": z.optional(z.string()),
    "source-file": z.optional(z.string()),
  }),
});
export type CspReportBody = z.infer<typeof CspReportBodySchema>;

/**
 * What is kept of a CSP violation report: no query strings, no PINs, each text cut to a bound. The same
 * report (directive, blocked URI, page, source) within an hour is kept once: `count` times, first at
 * `at`, last at `lastAt`.
 */
export const CspReportSchema = z.object({
  id: z.string(),
  at: z.number(),
  lastAt: z.number(),
  count: z.number(),
  directive: z.string(),
  blocked: z.string(),
  page: z.string(),
  source: z.string(),
});
export type CspReport = z.infer<typeof CspReportSchema>;

/** A CSP report's id: its first time (base 36) and a random part, so ids sort by time (`auditId`). */
const cspReportId = z.string().check(z.regex(/^[0-9a-z]{10}-[0-9a-f]{8}$/, "Not a CSP report id"));

/** Newest first; `cursor` is the `next` of the page before, and the page starts after that report. */
export const CspReportQuerySchema = z.object({
  cursor: z.optional(cspReportId),
  limit: listLimit,
});
export type CspReportQuery = z.infer<typeof CspReportQuerySchema>;

/** `next`: the cursor of the following page, null on the last one. */
export const CspReportListSchema = z.object({ reports: z.array(CspReportSchema), next: z.nullable(cspReportId) });
export type CspReportList = z.infer<typeof CspReportListSchema>;

/** Every permission granted (the demo group, test fixtures). */
export const ALL_PERMISSIONS: Permissions = {
  startLensSessions: true,
  startPrivateSessions: true,
  useEmailMethod: true,
  useLinkMethod: true,
};
