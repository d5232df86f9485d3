import type * as codes from "./error_codes.ts";

/** Number of digits in a customer PIN. */
export const PIN_LENGTH = 6;

/** Default PIN validity when the settings do not say otherwise. */
export const DEFAULT_PIN_VALIDITY_MINUTES = 20;

/** Default retention of session metadata and audit entries when the settings do not say otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;

/** How long the set-password link of a technician invitation stays valid. */
export const PASSWORD_TOKEN_TTL_HOURS = 72;

/** Minimum length of a technician password. */
export const MIN_PASSWORD_LENGTH = 10;

export const SESSION_STATUSES = ["pending", "waiting", "active", "ended"] as const;
export type SessionStatus = typeof SESSION_STATUSES[number];

export const DELIVERY_METHODS = ["email-server", "email-client", "link"] as const;
export type DeliveryMethod = typeof DELIVERY_METHODS[number];

export const PERMISSIONS = [
  "startLensSessions",
  "startPrivateSessions",
  "useEmailMethod",
  "useLinkMethod",
] as const;
export type Permission = typeof PERMISSIONS[number];

/** Who or what ended a session. */
export const END_REASONS = [
  "technician",
  "customer",
  "declined",
  "room_finished",
  "expired",
  /** The technician cancelled the session before it started. */
  "cancelled",
  /** An admin disabled or deleted the technician. */
  "technician_disabled",
] as const;
export type EndReason = typeof END_REASONS[number];

/** Machine-readable error codes of the HTTP API (`error.code`), e.g. `ERROR_CODES.pinNotFound`. */
export * as ERROR_CODES from "./error_codes.ts";
export type ErrorCode = typeof codes[keyof typeof codes] | Permission;

/** LiveKit identities (DESIGN §5). */
export const customerIdentity = (sessionId: string) => `customer:${sessionId}`;
export const technicianIdentity = (technicianId: string) => `technician:${technicianId}`;
/** One LiveKit room per session, named after the session id. */
export const roomName = (sessionId: string) => `session-${sessionId}`;
export const sessionIdFromRoom = (room: string) => room.startsWith("session-") ? room.slice("session-".length) : null;

/** How many of a technician's newest sessions their console lists (`SessionListSchema`). */
export const SESSION_LIST_LIMIT = 100;
