import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ERROR_CODES, type Group, type Permission } from "@sightline/shared";
import { SIGNED_IN_HINT_COOKIE } from "@sightline/shared/api";
import { DomainError } from "../errors.ts";
import { getGroup } from "../db/groups.ts";
import { getLogin } from "../db/logins.ts";
import { getTechnician, type TechnicianRecord } from "../db/technicians.ts";
import { constantTimeEqual } from "../db/crypto.ts";
import { requestView } from "./client.ts";

export type TechnicianEnv = {
  Variables: { technician: TechnicianRecord; group: Group; loginToken: string };
};

export const SECURE_COOKIE = "__Host-sightline";
export const LOCAL_COOKIE = "sightline";

/**
 * `__Host-` + Secure everywhere except plain-http localhost, where browsers would drop it. Host and scheme
 * as the browser used them (behind a trusted proxy, its `X-Forwarded-Host` and `-Proto`: `requestView`).
 */
function isLocalHttp(c: Context): boolean {
  const { protocol, host } = requestView(c);
  return protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(host.replace(/:\d+$/, ""));
}

const SIGN_IN_SECONDS = 12 * 60 * 60;

/** The sign-in cookie (HttpOnly, the token) and its hint for the console's script (`SIGNED_IN_HINT_COOKIE`). */
export function setLoginCookie(c: Context, token: string) {
  const local = isLocalHttp(c);
  const options = { path: "/", secure: !local, sameSite: "Strict", maxAge: SIGN_IN_SECONDS } as const;
  setCookie(c, local ? LOCAL_COOKIE : SECURE_COOKIE, token, { ...options, httpOnly: true });
  setCookie(c, hintName(local), "1", options);
}

const hintName = (local: boolean) => local ? SIGNED_IN_HINT_COOKIE : `__Host-${SIGNED_IN_HINT_COOKIE}`;

export function readLoginCookie(c: Context): string | undefined {
  return getCookie(c, isLocalHttp(c) ? LOCAL_COOKIE : SECURE_COOKIE);
}

/** Clears the sign-in cookie and its hint. */
export function clearLoginCookie(c: Context) {
  const local = isLocalHttp(c);
  deleteCookie(c, local ? LOCAL_COOKIE : SECURE_COOKIE, { path: "/", secure: !local });
  deleteCookie(c, hintName(local), { path: "/", secure: !local });
}

/** Resolves the signed-in, enabled technician and their group, or answers 401. */
export function requireTechnician(kv: Deno.Kv): MiddlewareHandler<TechnicianEnv> {
  return async function requireTechnician(c, next) {
    const token = readLoginCookie(c);
    const login = token ? await getLogin(kv, token) : null;
    const technician = login ? await getTechnician(kv, login.technicianId) : null;
    const group = technician && !technician.disabled ? await getGroup(kv, technician.groupId) : null;
    if (!token || !technician || !group) {
      // A sign-in that no longer holds: its cookies go, so the console stops asking with them.
      if (token || getCookie(c, hintName(isLocalHttp(c)))) clearLoginCookie(c);
      throw new DomainError(ERROR_CODES.unauthenticated, "Sign in to continue");
    }
    c.set("technician", technician);
    c.set("group", group);
    c.set("loginToken", token);
    await next();
  };
}

export function requirePermissions(group: Group, needed: Permission[]) {
  const missing = needed.find((p) => !group.permissions[p]);
  if (missing) {
    throw new DomainError(missing, `Your group lacks the permission "${missing}"`);
  }
}

/** Admin bearer token, compared in constant time. */
export function requireAdmin(adminToken: string): MiddlewareHandler {
  return async function requireAdmin(c, next) {
    const header = c.req.header("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!token || !constantTimeEqual(token, adminToken)) {
      throw new DomainError(ERROR_CODES.unauthenticated, "Admin token required");
    }
    await next();
  };
}
