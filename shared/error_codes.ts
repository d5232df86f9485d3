/**
 * Machine-readable error codes of the HTTP API (`error.code`), one export each so that a bundle keeps
 * only the codes it reads (`ERROR_CODES` in `constants.ts` is this module as a namespace).
 */
export const validation = "validation_failed";
export const notJson = "unsupported_media_type";
export const tooLarge = "payload_too_large";
export const unauthenticated = "unauthenticated";
export const badCredentials = "invalid_credentials";
export const forbiddenOrigin = "forbidden_origin";
/** The request's Host is none of the edge's origins (DNS rebinding, or a proxy without X-Forwarded-Host). */
export const misdirectedRequest = "misdirected_request";
export const notFound = "not_found";
export const methodNotAllowed = "method_not_allowed";
export const pinNotFound = "pin_not_found";
export const linkSecretMismatch = "link_secret_mismatch";
export const eulaVersionMismatch = "eula_version_mismatch";
export const activeSessionExists = "active_session_exists";
export const sessionNotWaiting = "session_not_waiting";
export const sessionNotActive = "session_not_active";
export const sessionEnded = "session_ended";
export const sessionNotPending = "session_not_pending";
export const sessionNotEnded = "session_not_ended";
export const customerNotConnected = "customer_not_connected";
export const livekitUnavailable = "livekit_unavailable";
export const mailFailed = "mail_failed";
export const groupNotFound = "group_not_found";
export const groupNotEmpty = "group_not_empty";
export const technicianNotFound = "technician_not_found";
export const technicianDisabled = "technician_disabled";
export const emailTaken = "email_taken";
export const passwordTokenNotFound = "password_token_not_found";
export const passwordTokenExpired = "password_token_expired";
export const rateLimited = "rate_limited";
export const transcriptFull = "transcript_full";
export const internal = "internal_error";
