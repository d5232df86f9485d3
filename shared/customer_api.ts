/**
 * The customer's part of the HTTP contract: the routes the customer app calls before and during a
 * session, the customer link and the PIN's shape. Separate from `api.ts` (which re-exports it) for the
 * same reason as `customer_schemas.ts`: the customer's first download carries only these schemas.
 */
import type * as z from "zod/mini";
import { ERROR_CODES, type ErrorCode, PIN_LENGTH } from "./constants.ts";
import {
  AcceptBodySchema,
  AcceptResponseSchema,
  DeclineBodySchema,
  JoinInfoSchema,
  LinkProgressBodySchema,
  OkSchema,
  RejoinResponseSchema,
} from "./customer_schemas.ts";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** Anything that parses a value (a zod/mini schema here). */
export interface Parser<T = unknown> {
  parse(data: unknown): T;
}

/** How a caller proves who it is: the technician's cookie, a bearer token, LiveKit's signature, nothing. */
export type Auth = "technician" | "admin" | "customer" | "livekit" | "none";

/**
 * One route of the edge: method and path (Hono style, `:name` parameters), how the caller
 * authenticates, the JSON body and query it takes, what it answers (`response`; `null` for no body
 * worth parsing) with which status, and the error codes (`ErrorBody.code`) it refuses with beyond
 * the ones every route of its kind can give (validation, body size and type, origin, sign-in).
 */
export interface Route {
  readonly method: Method;
  readonly path: `/api/${string}`;
  readonly auth: Auth;
  readonly body?: Parser & z.core.$ZodType;
  /** The body may be left out (browser reports, optional-body admin calls). */
  readonly bodyOptional?: boolean;
  /** Media type of a body that is not sent as `application/json` (browsers' CSP reports). */
  readonly bodyType?: string;
  readonly query?: Parser & z.core.$ZodType;
  readonly response: (Parser & z.core.$ZodType) | null;
  /** Success status (200 unless said). */
  readonly status?: 200 | 201 | 204;
  /** `text/event-stream`: `response` parses each event's data; `text/html`: a page. */
  readonly responseType?: "text/event-stream" | "text/html";
  readonly errors: readonly ErrorCode[];
}

/** The value a route answers with, as its response schema parses it. */
export type ResponseOf<R extends Route> = R["response"] extends Parser<infer T> ? T : undefined;
/** The JSON body a route takes. */
export type BodyOf<R extends Route> = R["body"] extends z.core.$ZodType ? z.input<R["body"]> : undefined;

/** The path parameters a route's path names (`{ id: string }` for `/api/sessions/:id/start`). */
export type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}` ? { [K in Name]: string }
  : Record<never, string>;

/** A route's path with its parameters filled in (each encoded as one path segment). */
export function pathOf<R extends Route>(route: R, params: ParamsOf<R["path"]>): string {
  const values = params as Record<string, string>;
  return route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}

/** The link secret travels in this header on look-ups (GET has no body); on accept it is in the body. */
export const LINK_SECRET_HEADER = "x-link-secret";

const pinErrors = [ERROR_CODES.pinNotFound, ERROR_CODES.linkSecretMismatch, ERROR_CODES.rateLimited] as const;

/** Look a PIN up (with the link secret in `LINK_SECRET_HEADER` when joining by link). */
export const lookUpPin = {
  method: "GET",
  path: "/api/join/:pin",
  auth: "none",
  response: JoinInfoSchema,
  errors: pinErrors,
} as const satisfies Route;

/** Accept the EULA: consumes the PIN, returns the customer key and a token without publish rights. */
export const acceptEula = {
  method: "POST",
  path: "/api/join/:pin/accept",
  auth: "none",
  body: AcceptBodySchema,
  response: AcceptResponseSchema,
  errors: [...pinErrors, ERROR_CODES.eulaVersionMismatch],
} as const satisfies Route;

export const declineEula = {
  method: "POST",
  path: "/api/join/:pin/decline",
  auth: "none",
  body: DeclineBodySchema,
  response: OkSchema,
  errors: pinErrors,
} as const satisfies Route;

/**
 * The customer's app says how far it got before Accept (tutorial, camera, EULA), for the technician's
 * list. Only with the link's secret, or a typed PIN under the typed-PIN limits; limited per session.
 */
export const reportLinkProgress = {
  method: "POST",
  path: "/api/join/:pin/progress",
  auth: "none",
  body: LinkProgressBodySchema,
  response: OkSchema,
  errors: pinErrors,
} as const satisfies Route;

/** The customer comes back (reload, lost connection) with their customer key as bearer. */
export const rejoinSession = {
  method: "POST",
  path: "/api/customer/rejoin",
  auth: "customer",
  response: RejoinResponseSchema,
  errors: [ERROR_CODES.sessionEnded],
} as const satisfies Route;

export const endSessionAsCustomer = {
  method: "POST",
  path: "/api/customer/end",
  auth: "customer",
  response: OkSchema,
  errors: [],
} as const satisfies Route;

// ---- the customer link ----

/** Where the customer app opens a session: `/j/<pin>`, with `#k=<link secret>` from an emailed link. */
export const JOIN_PAGE = "/j";
const LINK_PATH = new RegExp(`^${JOIN_PAGE}/(\\d{${PIN_LENGTH}})/?$`);

/** The link a customer taps; the secret rides in the fragment, which browsers never send to a server. */
export function customerLink(origin: string, pin: string, linkSecret: string): string {
  return `${origin}${JOIN_PAGE}/${pin}#k=${linkSecret}`;
}

/** The PIN and link secret of a customer link (or of `location`); null when it is not one. */
export function parseCustomerLink(
  link: { pathname: string; hash: string },
): { pin: string; linkSecret?: string } | null {
  const pin = link.pathname.match(LINK_PATH)?.[1];
  if (!pin) return null;
  const linkSecret = new URLSearchParams(link.hash.slice(1)).get("k");
  return linkSecret ? { pin, linkSecret } : { pin };
}

/** Text with every PIN-shaped run of digits masked (for anything kept about a page's address). */
export function maskPins(text: string): string {
  return text.replace(new RegExp(`\\d{${PIN_LENGTH}}`, "g"), "*".repeat(PIN_LENGTH));
}
