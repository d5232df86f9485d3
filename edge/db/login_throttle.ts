/**
 * Sign-in throttling (issue 18): slows password guessing without handing anyone who knows a technician's
 * email a way to lock them out. Three bounds:
 *
 * - per account and client address (a "pair"): a few free failures, then each next attempt waits twice
 *   as long as the one before (429 with Retry-After), up to a cap; a success forgets the pair's failures.
 *   Failures from one address never delay the owner at another.
 * - per client address, all accounts together: `LIMITS.loginPerClient` (`rate_limit.ts`).
 * - per account, all clients together: a leaky bucket that drains `accountBound` failures an hour. Above
 *   it (a distributed attack) every attempt on the account, the owner's too, waits `accountSlowMs` after
 *   the account's previous one, and the technician and the admin are told once a day (`claimAttackNotice`).
 *
 * An attempt is counted as a failure before the password is checked and given back when it was right, in
 * one atomic commit with the check of the wait, so concurrent guesses cannot slip past a wait together.
 */
import { ERROR_CODES } from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { auditInto } from "./audit.ts";
import { keys } from "./keys.ts";

export const LOGIN_THROTTLE = {
  /** Failures of a pair before any wait: a person's typos. */
  freeFailures: 5,
  /** Then 1 s, 2 s, 4 s … between attempts of the pair … */
  baseDelayMs: 1_000,
  /** … up to 15 minutes, i.e. four guesses an hour from one address in the long run. */
  maxDelayMs: 15 * 60_000,
  /** A pair's failures are forgotten a day after its last one (at once after a success). */
  pairMemoryMs: 24 * 60 * 60_000,
  /** Failures per hour on one account, from all clients, before it is slowed for everyone. */
  accountBound: 50,
  accountWindowMs: 60 * 60_000,
  /** Above the bound: one attempt on the account per 30 s, from anyone (≤ 120 guesses an hour). */
  accountSlowMs: 30_000,
  /** The technician and the admin are told at most once a day per account. */
  noticeEveryMs: 24 * 60 * 60_000,
} as const;

interface PairState {
  failures: number;
  lastAt: number;
}

/** The account's leaky bucket: `level` failures at `at`, draining `accountBound` per `accountWindowMs`. */
interface AccountState {
  level: number;
  at: number;
  /** The account's last attempt, for the wait above the bound. */
  lastAt: number;
}

const MAX_ATTEMPTS = 10;
const T = LOGIN_THROTTLE;

const pairNow = (p: PairState | null, now: number): PairState =>
  p && now - p.lastAt < T.pairMemoryMs ? p : { failures: 0, lastAt: 0 };

/** The bucket drained up to `now`. */
function accountNow(a: AccountState | null, now: number): AccountState {
  if (!a) return { level: 0, at: now, lastAt: 0 };
  const drained = ((now - a.at) * T.accountBound) / T.accountWindowMs;
  return { level: Math.max(0, a.level - Math.max(0, drained)), at: now, lastAt: a.lastAt };
}

/** How long the pair must still wait: nothing for the first free failures, then doubling up to the cap. */
function pairWait(p: PairState, now: number): number {
  if (p.failures < T.freeFailures) return 0;
  const delay = Math.min(T.baseDelayMs * 2 ** (p.failures - T.freeFailures), T.maxDelayMs);
  return p.lastAt + delay - now;
}

const accountWait = (
  a: AccountState,
  now: number,
) => (a.level >= T.accountBound ? a.lastAt + T.accountSlowMs - now : 0);

function tooSoon(waitMs: number, scope: "login_pair" | "login_account"): DomainError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new DomainError(ERROR_CODES.rateLimited, `Too many sign-in attempts; try again in ${seconds} s`, {
    details: { retryAfterSeconds: seconds, limit: scope },
    retryAfterSeconds: seconds,
  });
}

/**
 * Admits a sign-in attempt of `account` from `address`, or throws `rate_limited` with the seconds to wait.
 * The admitted attempt is already counted as a failure; `signInSucceeded` gives it back.
 */
export async function beginSignIn(kv: Deno.Kv, account: string, address: string, now: number): Promise<void> {
  const pairKey = keys.loginPair(account, address);
  const accountKey = keys.loginAccount(account);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [pairEntry, accountEntry] = await kv.getMany<[PairState, AccountState]>([pairKey, accountKey]);
    const pair = pairNow(pairEntry.value, now);
    const acc = accountNow(accountEntry.value, now);
    const waitPair = pairWait(pair, now);
    const waitAccount = accountWait(acc, now);
    if (waitPair > 0 || waitAccount > 0) {
      throw tooSoon(Math.max(waitPair, waitAccount), waitPair >= waitAccount ? "login_pair" : "login_account");
    }
    const res = await kv.atomic().check(pairEntry, accountEntry)
      .set(pairKey, { failures: pair.failures + 1, lastAt: now } satisfies PairState, { expireIn: T.pairMemoryMs })
      .set(accountKey, { level: acc.level + 1, at: now, lastAt: now } satisfies AccountState, {
        expireIn: 2 * T.accountWindowMs,
      })
      .commit();
    if (res.ok) return;
  }
  throw tooSoon(T.baseDelayMs, "login_account"); // heavy contention on one account is itself an attack
}

/** The right password: the pair's failures are forgotten and the account's bucket gets its failure back. */
export async function signInSucceeded(kv: Deno.Kv, account: string, address: string, now: number): Promise<void> {
  const accountKey = keys.loginAccount(account);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<AccountState>(accountKey);
    const acc = accountNow(entry.value, now);
    const op = kv.atomic().check(entry).delete(keys.loginPair(account, address));
    if (entry.value) {
      op.set(accountKey, { ...acc, level: Math.max(0, acc.level - 1) }, { expireIn: 2 * T.accountWindowMs });
    }
    if ((await op.commit()).ok) return;
  }
  // Contention: the pair is forgotten anyway; the bucket keeps one failure too many, which only errs on caution.
  await kv.delete(keys.loginPair(account, address));
}

/**
 * After a failure of an existing technician's account: when the account is above its bound and nobody has
 * been told today, claims the notice (with its audit entry, in one commit, so exactly one caller wins) and
 * returns the failures of the last hour; null otherwise.
 */
export async function claimAttackNotice(
  kv: Deno.Kv,
  technician: { id: string; email: string },
  now: number,
): Promise<number | null> {
  const account = technician.email.toLowerCase();
  const [accountEntry, notice] = await kv.getMany<[AccountState, number]>([
    keys.loginAccount(account),
    keys.loginNotice(account),
  ]);
  const acc = accountNow(accountEntry.value, now);
  if (acc.level < T.accountBound || (notice.value !== null && now - notice.value < T.noticeEveryMs)) return null;
  const failures = Math.round(acc.level);
  const op = kv.atomic().check(notice).set(keys.loginNotice(account), now, { expireIn: T.noticeEveryMs });
  auditInto(op, now, {
    action: "login.throttled",
    technicianId: technician.id,
    details: { email: account, failuresLastHour: failures, slowedToSeconds: T.accountSlowMs / 1000 },
  });
  return (await op.commit()).ok ? failures : null;
}
