import { ERROR_CODES, type Locale, PASSWORD_TOKEN_TTL_HOURS } from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { auditInto } from "./audit.ts";
import { dropPasswordToken, technicianNotFound, type TechnicianRecord } from "./technicians.ts";
import { randomToken, sha256Hex } from "./crypto.ts";
import { keys } from "./keys.ts";

interface PasswordTokenRecord {
  technicianId: string;
  expiresAt: number;
}

export const PASSWORD_TOKEN_TTL_MS = PASSWORD_TOKEN_TTL_HOURS * 60 * 60 * 1000;
/** KV keeps a token a day past its validity, so a late click says "expired" rather than "unknown". */
const CLEANUP_GRACE_MS = 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 10;

/** A fresh set-password token; `into` adds it to an atomic operation (only the hash is stored). */
export async function newPasswordToken(now: number) {
  const token = randomToken(32);
  const hash = await sha256Hex(token);
  const expiresAt = now + PASSWORD_TOKEN_TTL_MS;
  const into = (op: Deno.AtomicOperation, technicianId: string, locale: Locale) => {
    const expireIn = PASSWORD_TOKEN_TTL_MS + CLEANUP_GRACE_MS;
    op.set(keys.passwordToken(hash), { technicianId, expiresAt } satisfies PasswordTokenRecord, { expireIn })
      .set(keys.passwordTokenByTechnician(technicianId), hash, { expireIn });
    auditInto(op, now, { action: "technician.invited", technicianId, details: { expiresAt, locale } });
  };
  return { token, expiresAt, into };
}

/** A new invitation for an existing technician; it replaces any earlier, still unused one. */
export async function reissuePasswordToken(kv: Deno.Kv, technicianId: string, locale: Locale, now: number) {
  const fresh = await newPasswordToken(now);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<TechnicianRecord>(keys.technician(technicianId));
    if (!entry.value) throw technicianNotFound();
    if (entry.value.disabled) {
      throw new DomainError(ERROR_CODES.technicianDisabled, "Cannot invite a disabled technician; enable them first");
    }
    const op = kv.atomic().check(entry);
    await dropPasswordToken(kv, op, technicianId);
    fresh.into(op, technicianId, locale);
    if ((await op.commit()).ok) return { technician: entry.value, token: fresh.token, expiresAt: fresh.expiresAt };
  }
  throw new Error(`Cannot invite technician ${technicianId}: too much contention`);
}

const tokenNotFound = () =>
  new DomainError(ERROR_CODES.passwordTokenNotFound, "This set-password link is unknown or already used");

/**
 * Consumes the token once (check + delete in the commit that stores the password hash); expiry is
 * checked here against `now`, KV expiry is only cleanup. `hash` runs only for a live token, so wrong
 * tokens do not cost a key derivation.
 */
export async function consumePasswordToken(
  kv: Deno.Kv,
  token: string,
  hash: () => Promise<string>,
  now: number,
): Promise<TechnicianRecord> {
  const tokenKey = keys.passwordToken(await sha256Hex(token));
  let passwordHash: string | null = null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<PasswordTokenRecord>(tokenKey);
    if (!entry.value) throw tokenNotFound();
    if (now > entry.value.expiresAt) {
      throw new DomainError(
        ERROR_CODES.passwordTokenExpired,
        "This set-password link has expired; ask your administrator for a new invitation",
      );
    }
    const { technicianId } = entry.value;
    const [technician, index] = await kv.getMany<[TechnicianRecord, string]>([
      keys.technician(technicianId),
      keys.passwordTokenByTechnician(technicianId),
    ]);
    if (!technician.value || technician.value.disabled) throw tokenNotFound();
    passwordHash ??= await hash();
    const next: TechnicianRecord = { ...technician.value, passwordHash };
    const op = kv.atomic()
      .check(entry, technician, index)
      .delete(tokenKey)
      .set(technician.key, next);
    if (index.value === tokenKey[1]) op.delete(index.key);
    auditInto(op, now, { action: "technician.password_set", technicianId });
    if ((await op.commit()).ok) return next;
  }
  throw new Error("Cannot set password: too much contention");
}
