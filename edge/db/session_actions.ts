/**
 * What a technician does to a session that has not gone live: Resend (a new PIN and link), Extend (a
 * later expiry), Cancel, and clearing an ended one from their list. Each is one `mutateSession` commit
 * with its audit entry, so the SSE list and the audit log never disagree with the session.
 */
import { ERROR_CODES, PIN_LENGTH } from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { randomDigits, randomToken, sha256Hex } from "./crypto.ts";
import { keys } from "./keys.ts";
import {
  endSession,
  getSession,
  isExpired,
  LINK_MEMORY_MS,
  mutateSession,
  PIN_CLEANUP_GRACE_MS,
  sessionNotFound,
  type SessionRecord,
  toView,
} from "./sessions.ts";

/** The longest a session's PIN may be pushed ahead of now by repeated Extends. */
const MAX_EXTEND_MS = 24 * 60 * 60 * 1000;
const PIN_ATTEMPTS = 10;

const notPending = (what: string) =>
  new DomainError(ERROR_CODES.sessionNotPending, `Cannot ${what}: the customer has joined or the session has ended`);

const own = (s: SessionRecord, technicianId: string) => {
  if (s.technicianId !== technicianId) throw sessionNotFound();
};

/** Whether the PIN index entry belongs to a session that can still be claimed (not `self`). */
async function heldByAnother(kv: Deno.Kv, entry: Deno.KvEntryMaybe<string>, self: string, now: number) {
  if (!entry.value || entry.value === self) return false;
  const other = await getSession(kv, entry.value);
  return !!other && other.pin === (entry.key[1] as string) && other.status === "pending" && !isExpired(other, now);
}

/**
 * A new PIN and link secret for a session the customer has not joined: pending (expired or not) or
 * cancelled. The old PIN and link stop working; the link remembers it was replaced.
 */
export async function resendSession(
  kv: Deno.Kv,
  technicianId: string,
  id: string,
  validityMinutes: number,
  now: number,
): Promise<{ session: SessionRecord; linkSecret: string }> {
  const linkSecret = randomToken(32);
  const linkSecretHash = await sha256Hex(linkSecret);
  const validityMs = validityMinutes * 60_000;
  const session = await mutateSession(kv, id, now, async (s) => {
    own(s, technicianId);
    const reopenable = s.status === "pending" || (s.status === "ended" && s.endedBy === "cancelled");
    if (s.eulaAcceptedAt !== null || !reopenable) throw notPending("resend");
    const old = await kv.get<string>(keys.sessionByPin(s.pin));
    for (let attempt = 0; attempt < PIN_ATTEMPTS; attempt++) {
      const pin = randomDigits(PIN_LENGTH);
      if (pin === s.pin) continue;
      const taken = await kv.get<string>(keys.sessionByPin(pin));
      if (await heldByAnother(kv, taken, s.id, now)) continue;
      return {
        next: {
          ...s,
          status: "pending",
          pin,
          pinExpiresAt: now + validityMs,
          linkSecretHash,
          customerProgress: null,
          endedAt: null,
          endedBy: null,
          clearedAt: null,
        },
        checks: [old, taken],
        ops: (op) => {
          if (old.value === s.id) op.delete(old.key);
          op.set(taken.key, s.id, { expireIn: validityMs + PIN_CLEANUP_GRACE_MS })
            .set(keys.sessionByLinkSecret(linkSecretHash), s.id, { expireIn: validityMs + LINK_MEMORY_MS });
        },
        audit: { action: "session.resent", details: { method: s.method, recipient: s.recipient } },
      };
    }
    throw new Error("Cannot allocate a unique PIN");
  });
  return { session: session!, linkSecret };
}

/** Pushes a pending session's expiry by the PIN validity (from now if it had expired), at most a day ahead. */
export function extendSession(kv: Deno.Kv, technicianId: string, id: string, validityMinutes: number, now: number) {
  return mutateSession(kv, id, now, async (s) => {
    own(s, technicianId);
    if (s.status !== "pending" || s.eulaAcceptedAt !== null) throw notPending("extend");
    const pinEntry = await kv.get<string>(keys.sessionByPin(s.pin));
    if (await heldByAnother(kv, pinEntry, s.id, now)) {
      throw new DomainError(
        ERROR_CODES.sessionNotPending,
        "Cannot extend: its PIN was given to a newer session; resend it",
      );
    }
    const pinExpiresAt = Math.min(Math.max(s.pinExpiresAt, now) + validityMinutes * 60_000, now + MAX_EXTEND_MS);
    return {
      next: { ...s, pinExpiresAt },
      checks: [pinEntry],
      ops: (op) => op.set(pinEntry.key, s.id, { expireIn: pinExpiresAt - now + PIN_CLEANUP_GRACE_MS }),
      audit: { action: "session.extended", details: { pinExpiresAt } },
    };
  });
}

/** Cancels a session that has not started (pending and unexpired, or waiting). */
export async function cancelSession(kv: Deno.Kv, technicianId: string, id: string, now: number) {
  const ended = await endSession(kv, id, "cancelled", now, (s) => {
    own(s, technicianId);
    if ((s.status !== "pending" && s.status !== "waiting") || isExpired(s, now)) throw notPending("cancel");
  });
  return ended!;
}

/** Hides an ended session (expired and cancelled ones too) from the technician's list. */
export function clearSession(kv: Deno.Kv, technicianId: string, id: string, now: number) {
  return mutateSession(kv, id, now, (s) => {
    own(s, technicianId);
    if (toView(s, now).status !== "ended") {
      throw new DomainError(ERROR_CODES.sessionNotEnded, "Only ended sessions can be cleared from the list");
    }
    if (s.clearedAt) return null;
    return { next: { ...s, clearedAt: now }, audit: { action: "session.cleared" } };
  });
}
