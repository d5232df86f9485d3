import type { ErrorCode } from "@sightline/shared";

/**
 * A refusal, thrown where it is found (storage, services, middleware) and rendered once by
 * `app.onError`. It knows no HTTP: its code (from `ERROR_CODES`, or the missing permission's name)
 * decides the status through the table in `error_response.ts`.
 */
export class DomainError extends Error {
  /** What the caller may need to fix or follow up (validation issues, the conflicting id). */
  readonly details?: unknown;
  /** Seconds until a retry can succeed (rate limits); answered as `Retry-After`. */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { details?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * The request body names something that does not fit (a group id that does not exist): always 400
 * with the thing's own code, whereas the same code for the resource a path names is a 404.
 */
export class InvalidInput extends DomainError {}
