/**
 * What the customer's app tells the edge about how far it got, so the technician's session list can
 * say it ("Reading the tutorial", "Camera blocked", "Customer cannot connect (network)"). Its own module:
 * only the running session's lazy code on the customer's side needs it, not the first download (the
 * routes before Accept are in `customer_api.ts`).
 */
import * as z from "zod/mini";
import { ERROR_CODES } from "./constants.ts";
import type { Route } from "./customer_api.ts";
import { LINK_PROGRESS_EVENTS, OkSchema } from "./customer_schemas.ts";

/** Progress a customer's app reports with its customer key: joining the room, or it cannot reach it. */
export const KEY_PROGRESS_EVENTS = ["connecting", "cannot-connect"] as const;
/**
 * Every step the technician's list can show: before Accept (`LINK_PROGRESS_EVENTS`), `accepted` (the
 * edge records it at Accept), then joining the room.
 */
export const PROGRESS_EVENTS = [...LINK_PROGRESS_EVENTS, "accepted", ...KEY_PROGRESS_EVENTS] as const;
export type ProgressEvent = typeof PROGRESS_EVENTS[number];
/** Why it cannot: the network blocks media (`network`), or the media server does not answer. */
export const CONNECT_PROBLEMS = ["network", "media-server"] as const;

export const ProgressBodySchema = z.object({
  event: z.enum(KEY_PROGRESS_EVENTS),
  reason: z.optional(z.enum(CONNECT_PROBLEMS)),
});
export type ProgressBody = z.infer<typeof ProgressBodySchema>;

/** The customer's latest reported progress, as the technician's session list shows it. */
export const CustomerProgressSchema = z.object({
  event: z.enum(PROGRESS_EVENTS),
  reason: z.nullable(z.enum(CONNECT_PROBLEMS)),
  at: z.number(),
});
export type CustomerProgress = z.infer<typeof CustomerProgressSchema>;

/** The customer's app reports progress with its customer key; cleared when it reaches the room; limited per session. */
export const reportProgress = {
  method: "POST",
  path: "/api/customer/progress",
  auth: "customer",
  body: ProgressBodySchema,
  response: OkSchema,
  errors: [ERROR_CODES.sessionEnded, ERROR_CODES.rateLimited],
} as const satisfies Route;
