/**
 * Technicians' sign-ins ("logins"; a session is always a support session): the cookie token is
 * random and only its SHA-256 is stored, with an index per technician so that disabling, deleting or
 * a new password signs them out everywhere.
 */
import { keys } from "./keys.ts";
import { randomToken, sha256Hex } from "./crypto.ts";

export interface LoginRecord {
  technicianId: string;
  expiresAt: number;
}

export const LOGIN_TTL_MS = 12 * 60 * 60 * 1000;

/** Signs a technician in and returns the cookie token (only its hash is stored). */
export async function createLogin(kv: Deno.Kv, technicianId: string): Promise<string> {
  const token = randomToken();
  const hash = await sha256Hex(token);
  const record: LoginRecord = { technicianId, expiresAt: Date.now() + LOGIN_TTL_MS };
  await kv.atomic()
    .set(keys.login(hash), record, { expireIn: LOGIN_TTL_MS })
    .set(keys.loginsByTechnician(technicianId, hash), true, { expireIn: LOGIN_TTL_MS })
    .commit();
  return token;
}

export async function getLogin(kv: Deno.Kv, token: string) {
  const record = (await kv.get<LoginRecord>(keys.login(await sha256Hex(token)))).value;
  return record && record.expiresAt > Date.now() ? record : null;
}

export async function deleteLogin(kv: Deno.Kv, token: string) {
  const hash = await sha256Hex(token);
  const record = (await kv.get<LoginRecord>(keys.login(hash))).value;
  const op = kv.atomic().delete(keys.login(hash));
  if (record) op.delete(keys.loginsByTechnician(record.technicianId, hash));
  await op.commit();
}

/**
 * Signs the technician out everywhere. Disabled or deleted technicians are already refused by
 * `requireTechnician`; this makes sure re-enabling an account does not revive old cookies.
 */
export async function revokeLogins(kv: Deno.Kv, technicianId: string): Promise<void> {
  const hashes: string[] = [];
  for await (const e of kv.list({ prefix: keys.loginsByTechnician(technicianId) })) {
    hashes.push(String(e.key[e.key.length - 1]));
  }
  // Small commits: an atomic operation holds a bounded number of mutations.
  for (let i = 0; i < hashes.length; i += 50) {
    const op = kv.atomic();
    for (const hash of hashes.slice(i, i + 50)) {
      op.delete(keys.login(hash)).delete(keys.loginsByTechnician(technicianId, hash));
    }
    await op.commit();
  }
}
