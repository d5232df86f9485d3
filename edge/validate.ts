import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { ERROR_CODES } from "@sightline/shared";
import { HttpError } from "./errors.ts";

/** JSON body validated by a shared schema; failures become 400 with the schema's issues. */
export const jsonBody = <T extends z.ZodType>(schema: T) =>
  zValidator("json", schema, (result) => {
    if (!result.success) {
      throw new HttpError(
        400,
        ERROR_CODES.validation,
        "Request body is invalid",
        result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      );
    }
  });
