/**
 * How a refusal becomes an HTTP answer: the one table from error code to status, and the
 * `app.onError` handler that renders every error in the common envelope (DESIGN §3).
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERROR_CODES, type ErrorBody, type ErrorCode, PERMISSIONS } from "@sightline/shared";
import { maskPins } from "@sightline/shared/api";
import { DomainError, InvalidInput } from "./errors.ts";
import type { Log } from "./log.ts";

type Code = typeof ERROR_CODES[keyof typeof ERROR_CODES];

/** The status of every error code; a permission's name (the one the group lacks) answers 403. */
const STATUS: Record<Code, ContentfulStatusCode> = {
  [ERROR_CODES.validation]: 400,
  [ERROR_CODES.passwordTokenExpired]: 400,
  [ERROR_CODES.unauthenticated]: 401,
  [ERROR_CODES.badCredentials]: 401,
  [ERROR_CODES.forbiddenOrigin]: 403,
  [ERROR_CODES.linkSecretMismatch]: 403,
  [ERROR_CODES.notFound]: 404,
  [ERROR_CODES.pinNotFound]: 404,
  [ERROR_CODES.groupNotFound]: 404,
  [ERROR_CODES.technicianNotFound]: 404,
  [ERROR_CODES.passwordTokenNotFound]: 404,
  [ERROR_CODES.methodNotAllowed]: 405,
  [ERROR_CODES.eulaVersionMismatch]: 409,
  [ERROR_CODES.activeSessionExists]: 409,
  [ERROR_CODES.sessionNotWaiting]: 409,
  [ERROR_CODES.sessionNotActive]: 409,
  [ERROR_CODES.sessionEnded]: 409,
  [ERROR_CODES.sessionNotPending]: 409,
  [ERROR_CODES.sessionNotEnded]: 409,
  [ERROR_CODES.customerNotConnected]: 409,
  [ERROR_CODES.groupNotEmpty]: 409,
  [ERROR_CODES.technicianDisabled]: 409,
  [ERROR_CODES.emailTaken]: 409,
  [ERROR_CODES.transcriptFull]: 409,
  [ERROR_CODES.tooLarge]: 413,
  [ERROR_CODES.misdirectedRequest]: 421,
  [ERROR_CODES.notJson]: 415,
  [ERROR_CODES.rateLimited]: 429,
  [ERROR_CODES.internal]: 500,
  [ERROR_CODES.mailFailed]: 502,
  [ERROR_CODES.livekitUnavailable]: 503,
};

const isPermission = (code: ErrorCode) => (PERMISSIONS as readonly string[]).includes(code);

/** The status an error code answers with where it stands for itself (not as invalid input). */
export function statusOfCode(code: ErrorCode): ContentfulStatusCode {
  return isPermission(code) ? 403 : STATUS[code as Code];
}

/** The status of a refusal: invalid input is always 400, anything else by its code. */
export function statusOf(err: DomainError): ContentfulStatusCode {
  return err instanceof InvalidInput ? 400 : statusOfCode(err.code);
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/**
 * `app.onError`: domain errors by the table, Hono's own (a body that is not JSON) as validation errors,
 * anything else a 500 whose cause goes to `log` only (the path with its PINs masked).
 */
export const errorRenderer = (log: Log) => (err: Error, c: Context): Response => {
  if (err instanceof DomainError) {
    if (err.retryAfterSeconds !== undefined) c.header("Retry-After", String(err.retryAfterSeconds));
    return c.json(errorBody(err.code, err.message, err.details), statusOf(err));
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const message = err.message || "Bad request";
    // A body that is not JSON at all (Hono's validator) is a validation error like any other: with details.
    if (status === 400) return c.json(errorBody(ERROR_CODES.validation, message, [{ path: "", message }]), 400);
    return c.json(errorBody(status === 413 ? ERROR_CODES.tooLarge : ERROR_CODES.validation, message), status);
  }
  log.error("request failed", { method: c.req.method, path: maskPins(c.req.path), error: err });
  return c.json(
    errorBody(ERROR_CODES.internal, "Something went wrong on our side"),
    statusOfCode(ERROR_CODES.internal),
  );
};
