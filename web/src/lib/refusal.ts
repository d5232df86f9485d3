/**
 * Telling a refusal (the edge says no, by contract) from a failure worth retrying; only code that
 * retries needs it, so it stays out of the customer's first download.
 */
import { ERROR_CODES } from "../../../shared/constants.ts";
import type { Route } from "../../../shared/customer_api.ts";
import { ApiError } from "./api.ts";

/** Refusals any route can give: the request itself is wrong, so trying it again cannot help. */
const REQUEST_REFUSALS: readonly string[] = [
  ERROR_CODES.validation,
  ERROR_CODES.notJson,
  ERROR_CODES.tooLarge,
  ERROR_CODES.forbiddenOrigin,
  ERROR_CODES.misdirectedRequest,
  ERROR_CODES.notFound,
  ERROR_CODES.methodNotAllowed,
];

/**
 * Whether `err` is a refusal `route` gives by contract (its error codes, a sign-in it requires, a bad
 * request) rather than a failure worth retrying (no network, a server error, a proxy's error page).
 */
export function isRefusal(err: unknown, route: Route): err is ApiError {
  if (!(err instanceof ApiError)) return false;
  if ((route.errors as readonly string[]).includes(err.code) || REQUEST_REFUSALS.includes(err.code)) return true;
  return route.auth !== "none" && err.code === ERROR_CODES.unauthenticated;
}
