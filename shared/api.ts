/**
 * The HTTP contract between the edge and its callers (the web app, the admin, LiveKit, the tests): per
 * route its method, path, authentication, request and response schemas and the error codes it refuses
 * with. The edge declares each route's handler with its contract (`edge/routes/*`, `describe()`), its
 * OpenAPI document and 405 answers derive from those, and the web client calls routes by contract.
 */
import { ERROR_CODES, PERMISSIONS } from "./constants.ts";
import { OkSchema } from "./customer_schemas.ts";
import type { Route } from "./customer_api.ts";
import * as S from "./schemas.ts";

export * from "./customer_api.ts";
export * from "./progress.ts";

const { notFound, rateLimited } = ERROR_CODES;

// ---- technician: sign-in ----

/**
 * The sign-in hint: a cookie beside the HttpOnly sign-in cookie, set and cleared with it, that scripts
 * may read. It holds no secret ("1"), only tells the console that asking `GET /api/me` is worth it, so a
 * console nobody is signed in to shows the sign-in form without a refused request. `__Host-` + Secure on
 * https, the bare name on plain-http localhost, as the sign-in cookie.
 */
export const SIGNED_IN_HINT_COOKIE = "sightline-console";

export const login = {
  method: "POST",
  path: "/api/auth/login",
  auth: "none",
  body: S.LoginBodySchema,
  response: OkSchema,
  errors: [ERROR_CODES.badCredentials, rateLimited],
} as const satisfies Route;

export const logout = {
  method: "POST",
  path: "/api/auth/logout",
  auth: "none",
  response: OkSchema,
  errors: [],
} as const satisfies Route;

/** The page behind an invitation mail sets the technician's password with the link's token. */
export const setPassword = {
  method: "POST",
  path: "/api/auth/set-password",
  auth: "none",
  body: S.SetPasswordBodySchema,
  response: OkSchema,
  errors: [ERROR_CODES.passwordTokenNotFound, ERROR_CODES.passwordTokenExpired],
} as const satisfies Route;

export const me = {
  method: "GET",
  path: "/api/me",
  auth: "technician",
  response: S.MeSchema,
  errors: [],
} as const satisfies Route;

// ---- technician: sessions ----

export const listSessions = {
  method: "GET",
  path: "/api/sessions",
  auth: "technician",
  response: S.SessionListSchema,
  errors: [],
} as const satisfies Route;

export const createSession = {
  method: "POST",
  path: "/api/sessions",
  auth: "technician",
  body: S.CreateSessionBodySchema,
  response: S.CreateSessionResponseSchema,
  status: 201,
  errors: [...PERMISSIONS, rateLimited, ERROR_CODES.mailFailed],
} as const satisfies Route;

/** Server-sent `sessions` events: the whole list at connect and after every change. */
export const sessionEvents = {
  method: "GET",
  path: "/api/sessions/events",
  auth: "technician",
  response: S.SessionListSchema,
  responseType: "text/event-stream",
  errors: [],
} as const satisfies Route;

export const startSession = {
  method: "POST",
  path: "/api/sessions/:id/start",
  auth: "technician",
  response: S.StartResponseSchema,
  errors: [
    notFound,
    ERROR_CODES.activeSessionExists,
    ERROR_CODES.sessionNotWaiting,
    ERROR_CODES.customerNotConnected,
  ],
} as const satisfies Route;

export const endSession = {
  method: "POST",
  path: "/api/sessions/:id/end",
  auth: "technician",
  response: S.EndResponseSchema,
  errors: [notFound],
} as const satisfies Route;

/**
 * A new PIN and link for a session the customer has not joined (pending, expired or cancelled), under
 * the same name and delivered the same way as at creation; the old link stops working.
 */
export const resendSession = {
  method: "POST",
  path: "/api/sessions/:id/resend",
  auth: "technician",
  response: S.CreateSessionResponseSchema,
  errors: [notFound, ...PERMISSIONS, ERROR_CODES.sessionNotPending, rateLimited, ERROR_CODES.mailFailed],
} as const satisfies Route;

/** Pushes the expiry of a pending session's PIN and link (an expired one works again). */
export const extendSession = {
  method: "POST",
  path: "/api/sessions/:id/extend",
  auth: "technician",
  response: S.SessionResponseSchema,
  errors: [notFound, ERROR_CODES.sessionNotPending],
} as const satisfies Route;

/** Cancels a session that has not started: its link stops working, a waiting customer is told. */
export const cancelSession = {
  method: "POST",
  path: "/api/sessions/:id/cancel",
  auth: "technician",
  response: S.SessionResponseSchema,
  errors: [notFound, ERROR_CODES.sessionNotPending],
} as const satisfies Route;

/** Hides an ended (expired, cancelled) session from the technician's list; the admin listing keeps it. */
export const clearSession = {
  method: "POST",
  path: "/api/sessions/:id/clear",
  auth: "technician",
  response: OkSchema,
  errors: [notFound, ERROR_CODES.sessionNotEnded],
} as const satisfies Route;

export const recordScreenshot = {
  method: "POST",
  path: "/api/sessions/:id/screenshot",
  auth: "technician",
  response: OkSchema,
  errors: [notFound, ERROR_CODES.sessionNotActive],
} as const satisfies Route;

export const addChatLine = {
  method: "POST",
  path: "/api/sessions/:id/chat",
  auth: "technician",
  body: S.ChatLineSchema,
  response: OkSchema,
  errors: [notFound, ERROR_CODES.sessionNotActive, ERROR_CODES.transcriptFull],
} as const satisfies Route;

export const transcript = {
  method: "GET",
  path: "/api/sessions/:id/transcript",
  auth: "technician",
  response: S.TranscriptSchema,
  errors: [notFound],
} as const satisfies Route;

/** The technician's note of a session (during and after it), kept with the session under the retention. */
export const sessionNotes = {
  method: "GET",
  path: "/api/sessions/:id/notes",
  auth: "technician",
  response: S.SessionNotesSchema,
  errors: [notFound],
} as const satisfies Route;

/** Replaces the technician's note of a session (pending, live or ended). */
export const saveSessionNotes = {
  method: "POST",
  path: "/api/sessions/:id/notes",
  auth: "technician",
  body: S.SessionNotesBodySchema,
  response: S.SessionNotesSchema,
  errors: [notFound],
} as const satisfies Route;

// ---- system ----

export const livekitWebhook = {
  method: "POST",
  path: "/api/livekit/webhook",
  auth: "livekit",
  response: OkSchema,
  errors: [],
} as const satisfies Route;

/** Browsers' CSP violation reports: always 204, whatever arrives. */
export const cspReport = {
  method: "POST",
  path: "/api/csp-report",
  auth: "none",
  body: S.CspReportBodySchema,
  bodyOptional: true,
  bodyType: "application/csp-report",
  response: null,
  status: 204,
  errors: [],
} as const satisfies Route;

/** `{ok, kv, livekit}`; 503 with the same body when a part is down. */
export const health = {
  method: "GET",
  path: "/api/health",
  auth: "none",
  response: S.HealthSchema,
  errors: [],
} as const satisfies Route;

export const openApi = {
  method: "GET",
  path: "/api/openapi.json",
  auth: "none",
  response: null,
  errors: [],
} as const satisfies Route;

export const apiDocs = {
  method: "GET",
  path: "/api/docs",
  auth: "none",
  response: null,
  responseType: "text/html",
  errors: [],
} as const satisfies Route;

// ---- admin ----

const groupErrors = [notFound, ERROR_CODES.groupNotFound] as const;
const technicianErrors = [ERROR_CODES.technicianNotFound] as const;

export const listGroups = {
  method: "GET",
  path: "/api/admin/groups",
  auth: "admin",
  response: S.GroupListSchema,
  errors: [],
} as const satisfies Route;

export const createGroup = {
  method: "POST",
  path: "/api/admin/groups",
  auth: "admin",
  body: S.GroupBodySchema,
  response: S.GroupSchema,
  status: 201,
  errors: [],
} as const satisfies Route;

export const getGroup = {
  method: "GET",
  path: "/api/admin/groups/:id",
  auth: "admin",
  response: S.GroupSchema,
  errors: groupErrors,
} as const satisfies Route;

export const updateGroup = {
  method: "PATCH",
  path: "/api/admin/groups/:id",
  auth: "admin",
  body: S.GroupPatchSchema,
  response: S.GroupSchema,
  errors: groupErrors,
} as const satisfies Route;

export const deleteGroup = {
  method: "DELETE",
  path: "/api/admin/groups/:id",
  auth: "admin",
  response: null,
  status: 204,
  errors: [...groupErrors, ERROR_CODES.groupNotEmpty],
} as const satisfies Route;

export const listTechnicians = {
  method: "GET",
  path: "/api/admin/technicians",
  auth: "admin",
  query: S.TechnicianListQuerySchema,
  response: S.TechnicianListSchema,
  errors: [],
} as const satisfies Route;

/** With a password, or `invite: true` to mail a set-password link. */
export const createTechnician = {
  method: "POST",
  path: "/api/admin/technicians",
  auth: "admin",
  body: S.TechnicianCreateSchema,
  response: S.TechnicianSchema,
  status: 201,
  errors: [ERROR_CODES.groupNotFound, ERROR_CODES.emailTaken, ERROR_CODES.mailFailed],
} as const satisfies Route;

export const getTechnician = {
  method: "GET",
  path: "/api/admin/technicians/:id",
  auth: "admin",
  response: S.TechnicianSchema,
  errors: technicianErrors,
} as const satisfies Route;

export const updateTechnician = {
  method: "PATCH",
  path: "/api/admin/technicians/:id",
  auth: "admin",
  body: S.TechnicianPatchSchema,
  response: S.TechnicianSchema,
  errors: [...technicianErrors, ERROR_CODES.groupNotFound],
} as const satisfies Route;

export const deleteTechnician = {
  method: "DELETE",
  path: "/api/admin/technicians/:id",
  auth: "admin",
  response: null,
  status: 204,
  errors: technicianErrors,
} as const satisfies Route;

/** The body (`{locale}`) may be left out: the mail is then in English. */
export const inviteTechnician = {
  method: "POST",
  path: "/api/admin/technicians/:id/invite",
  auth: "admin",
  body: S.TechnicianInviteSchema,
  bodyOptional: true,
  response: S.InvitationResponseSchema,
  errors: [...technicianErrors, ERROR_CODES.technicianDisabled, ERROR_CODES.mailFailed],
} as const satisfies Route;

export const getSettings = {
  method: "GET",
  path: "/api/admin/settings",
  auth: "admin",
  response: S.SettingsSchema,
  errors: [],
} as const satisfies Route;

export const updateSettings = {
  method: "PATCH",
  path: "/api/admin/settings",
  auth: "admin",
  body: S.SettingsPatchSchema,
  response: S.SettingsSchema,
  errors: [],
} as const satisfies Route;

export const adminSessions = {
  method: "GET",
  path: "/api/admin/sessions",
  auth: "admin",
  query: S.AdminSessionQuerySchema,
  response: S.AdminSessionListSchema,
  errors: [],
} as const satisfies Route;

/** Newest first, a page at a time (`cursor` = the page before's `next`). */
export const cspReports = {
  method: "GET",
  path: "/api/admin/csp-reports",
  auth: "admin",
  query: S.CspReportQuerySchema,
  response: S.CspReportListSchema,
  errors: [],
} as const satisfies Route;

export const auditLog = {
  method: "GET",
  path: "/api/admin/audit",
  auth: "admin",
  query: S.AuditQuerySchema,
  response: S.AuditListSchema,
  errors: [],
} as const satisfies Route;

// ---- the set-password link of an invitation ----

/** The console page an invitation mail links to; the token rides in the fragment. */
export const SET_PASSWORD_PAGE = "/console/set-password";

export function setPasswordLink(origin: string, token: string): string {
  return `${origin}${SET_PASSWORD_PAGE}#t=${token}`;
}

/** The token of a set-password link's fragment (`#t=…`), or "" when it has none. */
export function setPasswordToken(hash: string): string {
  return new URLSearchParams(hash.slice(1)).get("t") ?? "";
}
