import { ERROR_CODES } from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { keys } from "./keys.ts";

/** A fixed-window limit: at most `max` counted events per `windowMs`, per id. */
export interface Limit {
  name: string;
  max: number;
  windowMs: number;
}

const MAX_ATTEMPTS = 10;

function windowKey(limit: Limit, id: string, now: number) {
  const start = Math.floor(now / limit.windowMs) * limit.windowMs;
  return { key: keys.rateLimit(limit.name, id, start), retryAfterMs: start + limit.windowMs - now };
}

function tooMany(limit: Limit, retryAfterMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError(ERROR_CODES.rateLimited, `Too many attempts; try again in ${seconds} s`, {
    details: { retryAfterSeconds: seconds, limit: limit.name },
    retryAfterSeconds: seconds,
  });
}

/** Throws `rate_limited` (with the seconds to wait) when `id` has used up `limit` in the current window. */
export async function assertUnderLimit(kv: Deno.Kv, limit: Limit, id: string, now: number) {
  const { key, retryAfterMs } = windowKey(limit, id, now);
  const count = (await kv.get<number>(key)).value ?? 0;
  if (count >= limit.max) throw tooMany(limit, retryAfterMs);
}

/** The current window's count of `id` under `limit`, for a caller that counts the event in its own commit. */
export interface Counter {
  /** The window is used up: the event must not count (nor happen). */
  full: boolean;
  /** This event uses up the window (the caller may say so once). */
  fills: boolean;
  retryAfterMs: number;
  /** Adds the count, checked against the value read, to `op`. */
  countInto(op: Deno.AtomicOperation): Deno.AtomicOperation;
}

export async function readCounter(kv: Deno.Kv, limit: Limit, id: string, now: number): Promise<Counter> {
  const { key, retryAfterMs } = windowKey(limit, id, now);
  const entry = await kv.get<number>(key);
  const count = entry.value ?? 0;
  return {
    full: count >= limit.max,
    fills: count + 1 === limit.max,
    retryAfterMs,
    countInto: (op) => op.check(entry).set(key, count + 1, { expireIn: limit.windowMs + retryAfterMs }),
  };
}

/** Counts one event for `id`; throws `rate_limited` when that goes over the limit. Atomic under concurrency. */
export async function countEvent(kv: Deno.Kv, limit: Limit, id: string, now: number) {
  let retryAfterMs = limit.windowMs;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const counter = await readCounter(kv, limit, id, now);
    retryAfterMs = counter.retryAfterMs;
    if (counter.full) throw tooMany(limit, retryAfterMs);
    if ((await counter.countInto(kv.atomic()).commit()).ok) return;
  }
  // Heavy contention on one counter is itself a sign of abuse.
  throw tooMany(limit, retryAfterMs);
}

/** The edge's limits (DESIGN §6); sized for a human typing, far below what guessing needs. */
export const LIMITS = {
  /** Typed-PIN look-ups and claims per client address. */
  pinPerClient: { name: "pin_client", max: 10, windowMs: 10 * 60_000 },
  /** Failed typed-PIN attempts across all clients: caps a distributed guessing attack. */
  pinFailuresGlobal: { name: "pin_failures", max: 300, windowMs: 10 * 60_000 },
  /** Failed sign-ins per client address, all accounts together (per account: `login_throttle.ts`). */
  loginPerClient: { name: "login_client", max: 20, windowMs: 15 * 60_000 },
  /** Progress reports of a customer's app, per session (a normal join sends fewer than ten). */
  progressPerSession: { name: "progress_session", max: 40, windowMs: 10 * 60_000 },
  /** Invitation mails a technician may send through the Sightline servers. */
  mailPerTechnician: { name: "mail_technician", max: 20, windowMs: 60 * 60_000 },
  /**
   * CSP reports kept or counted per client address: a page with a real violation reports it a few times
   * per load; over the bound the edge still answers 204 (browsers ignore the answer) and keeps nothing.
   */
  cspPerClient: { name: "csp_client", max: 30, windowMs: 10 * 60_000 },
  /** New CSP reports kept across all clients (a repeat of a kept one only counts it). */
  cspTotal: { name: "csp_total", max: 100, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;
