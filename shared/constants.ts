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
  /** An admin disabled or deleted the technician. */
  "technician_disabled",
] as const;
export type EndReason = typeof END_REASONS[number];

/** Machine-readable error codes of the HTTP API (`error.code`). */
export const ERROR_CODES = {
  validation: "validation_failed",
  notJson: "unsupported_media_type",
  tooLarge: "payload_too_large",
  unauthenticated: "unauthenticated",
  badCredentials: "invalid_credentials",
  forbiddenOrigin: "forbidden_origin",
  notFound: "not_found",
  methodNotAllowed: "method_not_allowed",
  pinNotFound: "pin_not_found",
  linkSecretMismatch: "link_secret_mismatch",
  eulaVersionMismatch: "eula_version_mismatch",
  activeSessionExists: "active_session_exists",
  sessionNotWaiting: "session_not_waiting",
  sessionNotActive: "session_not_active",
  sessionEnded: "session_ended",
  customerNotConnected: "customer_not_connected",
  livekitUnavailable: "livekit_unavailable",
  mailFailed: "mail_failed",
  groupNotFound: "group_not_found",
  groupNotEmpty: "group_not_empty",
  technicianNotFound: "technician_not_found",
  technicianDisabled: "technician_disabled",
  emailTaken: "email_taken",
  passwordTokenNotFound: "password_token_not_found",
  passwordTokenExpired: "password_token_expired",
  rateLimited: "rate_limited",
  transcriptFull: "transcript_full",
  internal: "internal_error",
} as const;
export type ErrorCode = typeof ERROR_CODES[keyof typeof ERROR_CODES] | Permission;

/** LiveKit identities (DESIGN §5). */
export const customerIdentity = (sessionId: string) => `customer:${sessionId}`;
export const technicianIdentity = (technicianId: string) => `technician:${technicianId}`;
/** One LiveKit room per session, named after the session id. */
export const roomName = (sessionId: string) => `session-${sessionId}`;
export const sessionIdFromRoom = (room: string) => room.startsWith("session-") ? room.slice("session-".length) : null;

/** How many of a technician's newest sessions their console lists (`SessionListSchema`). */
export const SESSION_LIST_LIMIT = 100;
