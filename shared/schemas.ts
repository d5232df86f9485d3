import { z } from "zod";
import { DELIVERY_METHODS, END_REASONS, PERMISSIONS, PIN_LENGTH, SESSION_STATUSES } from "./constants.ts";

export const PinSchema = z.string().regex(new RegExp(`^\\d{${PIN_LENGTH}}$`), "PIN must be six digits");

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const PermissionsSchema = z.object(
  Object.fromEntries(PERMISSIONS.map((p) => [p, z.boolean()])) as Record<
    typeof PERMISSIONS[number],
    z.ZodBoolean
  >,
);
export type Permissions = z.infer<typeof PermissionsSchema>;

export const LiveKitConnectionSchema = z.object({ url: z.string(), token: z.string() });
export type LiveKitConnection = z.infer<typeof LiveKitConnectionSchema>;

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

export const JoinInfoSchema = z.object({
  companyName: z.string(),
  technicianName: z.string(),
  expiresAt: z.number(),
  eula: z.object({ version: z.string(), text: z.string() }),
});
export type JoinInfo = z.infer<typeof JoinInfoSchema>;

export const AcceptBodySchema = z.object({
  eulaVersion: z.string().min(1).max(50),
  linkSecret: z.string().min(16).max(200).optional(),
});
export type AcceptBody = z.infer<typeof AcceptBodySchema>;

export const AcceptResponseSchema = z.object({
  sessionId: z.string(),
  customerKey: z.string(),
  livekit: LiveKitConnectionSchema,
});
export type AcceptResponse = z.infer<typeof AcceptResponseSchema>;

export const RejoinResponseSchema = z.object({
  sessionId: z.string(),
  status: z.enum(SESSION_STATUSES),
  livekit: LiveKitConnectionSchema,
});
export type RejoinResponse = z.infer<typeof RejoinResponseSchema>;

// ---- admin ----

export const GroupBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: PermissionsSchema,
});
export type GroupBody = z.infer<typeof GroupBodySchema>;

export const GroupSchema = GroupBodySchema.extend({ id: z.string() });
export type Group = z.infer<typeof GroupSchema>;

export const TechnicianBodySchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(100),
  groupId: z.string().min(1).max(100),
  password: z.string().min(10, "Password must have at least 10 characters").max(1024),
});
export type TechnicianBody = z.infer<typeof TechnicianBodySchema>;

export const TechnicianSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  groupId: z.string(),
  disabled: z.boolean(),
});
export type Technician = z.infer<typeof TechnicianSchema>;

export const SettingsSchema = z.object({
  companyName: z.string().trim().min(1).max(100),
  eula: z.object({ version: z.string().trim().min(1).max(50), text: z.string().min(1).max(50_000) }),
  pinValidityMinutes: z.number().int().min(1).max(7 * 24 * 60),
  storeUrls: z.object({ android: z.url().nullable(), ios: z.url().nullable() }),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial();

export const HealthSchema = z.object({ ok: z.boolean(), kv: z.boolean(), livekit: z.boolean() });
