import { Hono } from "hono";
import { ERROR_CODES, type Me } from "@sightline/shared";
import * as api from "@sightline/shared/api";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { describe } from "../contract.ts";
import { assertUnderLimit, countEvent, LIMITS } from "../db/rate_limit.ts";
import { clientAddress } from "../middleware/client.ts";
import { createLogin, deleteLogin } from "../db/logins.ts";
import { beginSignIn, claimAttackNotice, signInSucceeded } from "../db/login_throttle.ts";
import { sendSignInAlert } from "../services/sign_in_alert.ts";
import { findTechnicianByEmail } from "../db/technicians.ts";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../db/crypto.ts";
import {
  clearLoginCookie,
  readLoginCookie,
  requireTechnician,
  setLoginCookie,
  type TechnicianEnv,
} from "../middleware/auth.ts";

export function authRoutes(deps: Deps) {
  const { kv, clock } = deps;
  return new Hono()
    .post("/login", describe(api.login, { summary: "Technician sign-in; sets the session cookie" }), async (c) => {
      const { email, password } = c.req.valid("json");
      const now = clock.now();
      const account = email.toLowerCase();
      const address = clientAddress(c);
      await assertUnderLimit(kv, LIMITS.loginPerClient, address, now);
      // Counts the attempt as a failure before the slow KDF, or refuses it with the time to wait.
      await beginSignIn(kv, account, address, now);
      const technician = await findTechnicianByEmail(kv, email);
      // Always run the KDF so the response time does not tell whether the account exists.
      const ok = await verifyPassword(password, technician?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!technician || !ok || technician.disabled) {
        // Counting can itself hit the limit; the answer stays "wrong credentials" for this attempt.
        await countEvent(kv, LIMITS.loginPerClient, address, now).catch(() => {});
        // An attack on a real, enabled account is told to its technician and the admin, once a day.
        const failures = technician && !technician.disabled ? await claimAttackNotice(kv, technician, now) : null;
        if (technician && failures !== null) await sendSignInAlert(deps, technician, failures);
        throw new DomainError(ERROR_CODES.badCredentials, "Email or password is wrong");
      }
      await signInSucceeded(kv, account, address, now);
      setLoginCookie(c, await createLogin(kv, technician.id));
      return c.json({ ok: true });
    })
    .post(
      "/logout",
      describe(api.logout, { summary: "Sign out (clears the session cookie; fine without one)" }),
      async (c) => {
        const token = readLoginCookie(c);
        if (token) await deleteLogin(kv, token);
        clearLoginCookie(c);
        return c.json({ ok: true });
      },
    );
}

export function meRoutes({ kv }: Deps) {
  return new Hono<TechnicianEnv>()
    .use(requireTechnician(kv))
    .get("/", describe(api.me, { summary: "The signed-in technician, their group and permissions" }), (c) => {
      const t = c.get("technician");
      const g = c.get("group");
      return c.json(
        {
          id: t.id,
          email: t.email,
          name: t.name,
          group: { id: g.id, name: g.name },
          permissions: g.permissions,
        } satisfies Me,
      );
    });
}
