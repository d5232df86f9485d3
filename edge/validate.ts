import { zValidator } from "@hono/zod-validator";
import type * as z from "zod/mini";
import { ERROR_CODES } from "@sightline/shared";
import { HttpError } from "./errors.ts";

const invalid = (what: string, error: { issues: z.core.$ZodIssue[] }) =>
  new HttpError(
    400,
    ERROR_CODES.validation,
    what,
    error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  );

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
