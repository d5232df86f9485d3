import { Hono } from "hono";
import * as api from "@sightline/shared/api";
import type { Deps } from "../deps.ts";
import { describe } from "../contract.ts";
import { hashPassword } from "../db/crypto.ts";
import { revokeLogins } from "../db/logins.ts";
import { consumePasswordToken } from "../db/password_tokens.ts";

/** The page behind an invitation link posts here: the token from the link's fragment and a new password. */
export function passwordRoutes({ kv, clock }: Deps) {
  return new Hono()
    .post(
      "/set-password",
      describe(api.setPassword, {
        summary: "Set a password with the token from an invitation mail (single use, 72 h)",
      }),
      async (c) => {
        const { token, password } = c.req.valid("json");
        const technician = await consumePasswordToken(kv, token, () => hashPassword(password), clock.now());
        // A new password ends sign-ins made with the old one (a re-invitation doubles as a reset).
        await revokeLogins(kv, technician.id);
        return c.json({ ok: true as const });
      },
    );
}
