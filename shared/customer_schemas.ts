/**
 * The schemas the customer app needs before and around the camera prompt, written with zod's
 * tree-shakable `zod/mini` API so the customer's first download stays small. Same library and same
 * runtime checks as the rest of `schemas.ts`, which re-exports these.
 */
import * as z from "zod/mini";
import { PIN_LENGTH, SESSION_STATUSES } from "./constants.ts";

export const PinSchema = z.string().check(
  z.regex(new RegExp(`^\\d{${PIN_LENGTH}}$`), "PIN must be six digits"),
);

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const OkSchema = z.object({ ok: z.literal(true) });

export const LiveKitConnectionSchema = z.object({ url: z.string(), token: z.string() });
export type LiveKitConnection = z.infer<typeof LiveKitConnectionSchema>;

/**
 * An app store page: an https URL (a regex, not `z.url()`: it also refuses `javascript:` and other
 * schemes, and keeps zod's URL parser out of the customer's first download).
 */
const StoreUrl = z.string().check(z.maxLength(500), z.regex(/^https:\/\/[^\s/?#]+\.[^\s]*$/, "An https URL"));
export const StoreUrlsSchema = z.object({ android: z.nullable(StoreUrl), ios: z.nullable(StoreUrl) });
export type StoreUrls = z.infer<typeof StoreUrlsSchema>;

/** The languages of the UI, the mails and the license agreement; English is the fallback. */
export const LocaleSchema = z.enum(["en", "de"]);
export type Locale = z.infer<typeof LocaleSchema>;

/** The license agreement and privacy notice in one language; the version names what a customer accepts. */
const ConsentSchema = z.object({ version: z.string(), text: z.string(), privacy: z.string() });
export type Consent = z.infer<typeof ConsentSchema>;

export const JoinInfoSchema = z.object({
  companyName: z.string(),
  technicianName: z.string(),
  expiresAt: z.number(),
  /** Per language; the customer reads theirs, or English when there is none in it. */
  eula: z.object({ en: ConsentSchema, de: z.optional(ConsentSchema) }),
  storeUrls: StoreUrlsSchema,
});
export type JoinInfo = z.infer<typeof JoinInfoSchema>;

export const AcceptBodySchema = z.object({
  eulaVersion: z.string().check(z.minLength(1), z.maxLength(50)),
  /** The language of the agreement the customer read (an older app sends none: English). */
  eulaLanguage: z.optional(LocaleSchema),
  linkSecret: z.optional(z.string().check(z.minLength(16), z.maxLength(200))),
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

export const DeclineBodySchema = z.object({ linkSecret: z.optional(z.string().check(z.maxLength(200))) });
export type DeclineBody = z.infer<typeof DeclineBodySchema>;

/** What the customer's app reports before it holds a customer key (with the PIN and, from a link, its secret). */
export const LINK_PROGRESS_EVENTS = [
  "link-opened",
  "tutorial",
  "camera-allowed",
  "camera-denied",
  "eula-shown",
] as const;
export type LinkProgressEvent = typeof LINK_PROGRESS_EVENTS[number];

export const LinkProgressBodySchema = z.object({
  event: z.enum(LINK_PROGRESS_EVENTS),
  linkSecret: z.optional(z.string().check(z.minLength(16), z.maxLength(200))),
});
export type LinkProgressBody = z.infer<typeof LinkProgressBodySchema>;

/**
 * Why a link cannot be used any more, in the `details` of its `pin_not_found` answer (only to a caller
 * holding the link's secret): expired, already used, cancelled by the technician, or replaced by a newer link.
 */
export const LINK_GONE_REASONS = ["expired", "used", "cancelled", "replaced"] as const;
export type LinkGoneReason = typeof LINK_GONE_REASONS[number];
export interface LinkGone {
  reason: LinkGoneReason;
  companyName: string;
}
