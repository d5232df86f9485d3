import type { MiddlewareHandler } from "hono";
import { zValidator } from "@hono/zod-validator";
import type * as z from "zod/mini";
import { ERROR_CODES } from "@sightline/shared";
import { DomainError } from "./errors.ts";

const invalid = (what: string, error: { issues: z.core.$ZodIssue[] }) =>
  new DomainError(ERROR_CODES.validation, what, {
    details: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });

/** JSON body validated by a shared schema; failures become 400 with the schema's issues. */
export const jsonBody = <T extends z.core.$ZodType>(schema: T) =>
  zValidator("json", schema, (result) => {
    if (!result.success) throw invalid("Request body is invalid", result.error);
  });

/** Query parameters validated by a shared schema (coercing numbers); failures as for `jsonBody`. */
export const queryParams = <T extends z.core.$ZodType>(schema: T) =>
  zValidator("query", schema, (result) => {
    if (!result.success) throw invalid("Query parameters are invalid", result.error);
  });

/** The longest `:id` the edge accepts; its ids are UUIDs, and Deno KV refuses keys over 2 KB. */
export const MAX_ID_LENGTH = 100;

/** Answers a path `:id` longer than any id the edge makes as the route's own "not found". */
export const idParam = (notFound: () => DomainError): MiddlewareHandler => async (c, next) => {
  if ((c.req.param("id") ?? "").length > MAX_ID_LENGTH) throw notFound();
  await next();
};
