import type { MiddlewareHandler } from "hono";
import { withRequestId } from "../log.ts";

export const REQUEST_ID_HEADER = "X-Request-Id";
const ID_BYTES = 12;

/**
 * 24 lowercase hex digits from a CSPRNG. Hex with no separator, so the log scan of the e2e run
 * (`tests/support/log_scan.ts`, PINs as whole numbers only) can never find a PIN standing alone in it.
 */
export function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(ID_BYTES)), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/**
 * Gives each request an id: every line logged while it is handled carries it (`log.ts`), and the answer
 * says it in `X-Request-Id`, so a caller's report of a failure leads to its log lines. An id the client
 * sends is ignored, whatever its shape: no trusted proxy stands in front of the edge to vouch for one, and
 * an id a client chooses could make its lines pass for another request's.
 */
export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    const id = newRequestId();
    await withRequestId(id, next);
    c.header(REQUEST_ID_HEADER, id);
  };
}
