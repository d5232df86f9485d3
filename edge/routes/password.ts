import { Hono } from "hono";
import { SetPasswordBodySchema } from "@sightline/shared";
import type { Deps } from "../deps.ts";
import { jsonBody } from "../validate.ts";
import { hashPassword } from "../db/crypto.ts";
import { revokeLogins } from "../db/logins.ts";
import { consumePasswordToken } from "../db/password_tokens.ts";

/** The page behind an invitation link posts here: the token from the link's fragment and a new password. */
export function passwordRoutes({ kv, clock }: Deps) {
  return new Hono()
    .post("/set-password", jsonBody(SetPasswordBodySchema), async (c) => {
      const { token, password } = c.req.valid("json");
      const technician = await consumePasswordToken(kv, token, () => hashPassword(password), clock.now());
      // A new password ends sign-ins made with the old one (a re-invitation doubles as a reset).
      await revokeLogins(kv, technician.id);
      return c.json({ ok: true as const });
    });
}
