import type { MiddlewareHandler } from "hono";
import type { DomainError } from "../errors.ts";

/** The longest `:id` the edge accepts; its ids are UUIDs, and Deno KV refuses keys over 2 KB. */
const MAX_ID_LENGTH = 100;

/** Answers a path `:id` longer than any id the edge makes as the route's own "not found". */
export const idParam = (notFound: () => DomainError): MiddlewareHandler => async (c, next) => {
  if ((c.req.param("id") ?? "").length > MAX_ID_LENGTH) throw notFound();
  await next();
};
