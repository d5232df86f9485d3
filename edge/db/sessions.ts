import type { CustomerProgress, ProgressEvent } from "@sightline/shared/api";
import {
  type DeliveryMethod,
  type EndReason,
  ERROR_CODES,
  type LinkGoneReason,
  type Locale,
  PIN_LENGTH,
  type SessionStatus,
  type SessionView,
} from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { auditInto } from "./audit.ts";
import { randomDigits, randomToken, sha256Hex } from "./crypto.ts";
import { keys, rangeSelector } from "./keys.ts";

export interface SessionRecord {
  id: string;
  type: "lens";
  technicianId: string;
  name: string;
  method: DeliveryMethod;
  recipient: string | null;
  status: SessionStatus;
  pin: string;
  pinExpiresAt: number;
  linkSecretHash: string;
  customerKeyHash: string | null;
  eulaVersion: string | null;
  /** The language of the EULA the customer accepted (absent on sessions of an older edge). */
  eulaLanguage?: Locale | null;
  eulaAcceptedAt: number | null;
  customerPresent: boolean;
  /** LiveKit participant sid of the customer's current connection (a reload makes a new one). */
  customerSid?: string | null;
  /**
   * When the customer was first in the room (LiveKit's `participant_joined`); null until then. Absent on
   * sessions of an older edge, whose rooms LiveKit created only as the customer joined.
   */
  customerJoinedAt?: number | null;
  /** What the customer's app last reported (`POST /api/customer/progress`); cleared once it is in the room. */
  customerProgress?: CustomerProgress | null;
  /** Since when the customer waits (set as the session becomes Waiting, cleared as it stops). */
  waitingSince?: number | null;
  /** The technician cleared the ended session from their list (the admin listing keeps it). */
  clearedAt?: number | null;
  /** The invitation mail's language and time zone, for a Resend by the same method. */
  locale?: Locale | null;
  timeZone?: string | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  endedBy: EndReason | null;
}

/** Also what another technician's session answers: its id tells them nothing. */
export const sessionNotFound = () => new DomainError(ERROR_CODES.notFound, "Session not found");

/** What a session change needs besides the new record: extra checks and writes in the same commit. */
interface Mutation {
  next: SessionRecord;
  checks?: Deno.AtomicCheck[];
  ops?: (op: Deno.AtomicOperation) => void;
  audit?: { action: string; details?: Record<string, unknown> };
}

const MAX_ATTEMPTS = 10;
/** KV keeps PIN index entries a little longer than they are valid; validity is checked on read. */
export const PIN_CLEANUP_GRACE_MS = 60 * 60 * 1000;
/** How long a link remembers its session after it stops working, to tell the customer why. */
export const LINK_MEMORY_MS = 7 * 24 * 60 * 60 * 1000;

export function isExpired(s: SessionRecord, now: number): boolean {
  return s.status === "pending" && s.eulaAcceptedAt === null && now > s.pinExpiresAt;
}

/** The session as the technician sees it; an unclaimed PIN past its expiry shows as ended. */
export function toView(s: SessionRecord, now: number): SessionView {
  const expired = isExpired(s, now);
  return {
    id: s.id,
    type: s.type,
    name: s.name,
    status: expired ? "ended" : s.status,
    method: s.method,
    pin: s.pin,
    pinExpiresAt: s.pinExpiresAt,
    customerPresent: s.customerPresent,
    customerProgress: s.customerProgress ?? null,
    waitingSince: s.status === "waiting" ? s.waitingSince ?? null : null,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    endedAt: expired ? s.pinExpiresAt : s.endedAt,
    endedBy: expired ? "expired" : s.endedBy,
  };
}

export async function createSession(
  kv: Deno.Kv,
  input: {
    technicianId: string;
    name: string;
    method: DeliveryMethod;
    recipient: string | null;
    locale?: Locale | null;
    timeZone?: string | null;
    validityMinutes: number;
  },
  now: number,
): Promise<{ session: SessionRecord; linkSecret: string }> {
  const linkSecret = randomToken(32);
  const validityMs = input.validityMinutes * 60_000;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const session: SessionRecord = {
      id: crypto.randomUUID(),
      type: "lens",
      technicianId: input.technicianId,
      name: input.name,
      method: input.method,
      recipient: input.recipient,
      locale: input.locale ?? null,
      timeZone: input.timeZone ?? null,
      status: "pending",
      pin: randomDigits(PIN_LENGTH),
      pinExpiresAt: now + validityMs,
      linkSecretHash: await sha256Hex(linkSecret),
      customerKeyHash: null,
      eulaVersion: null,
      eulaAcceptedAt: null,
      customerPresent: false,
      customerJoinedAt: null,
      createdAt: now,
      startedAt: null,
      endedAt: null,
      endedBy: null,
    };
    const pinKey = keys.sessionByPin(session.pin);
    // A PIN collides only with a live one: an index entry for an expired or used PIN is replaced.
    const existing = await kv.get<string>(pinKey);
    if (existing.value) {
      const other = (await kv.get<SessionRecord>(keys.session(existing.value))).value;
      if (other && other.status === "pending" && !isExpired(other, now)) continue;
    }
    const op = kv.atomic()
      .check(existing)
      .set(keys.session(session.id), session)
      .set(pinKey, session.id, { expireIn: validityMs + PIN_CLEANUP_GRACE_MS })
      .set(keys.sessionByLinkSecret(session.linkSecretHash), session.id, { expireIn: validityMs + LINK_MEMORY_MS })
      .set(keys.sessionsByTechnician(session.technicianId, session), session.id)
      .set(keys.sessionsByTime(session), session.id)
      .set(keys.sessionChanges(session.technicianId), now);
    auditInto(op, now, {
      action: "session.created",
      sessionId: session.id,
      technicianId: session.technicianId,
      details: { method: session.method, recipient: session.recipient },
    });
    if ((await op.commit()).ok) return { session, linkSecret };
  }
  throw new Error("Cannot allocate a unique PIN");
}

export async function getSession(kv: Deno.Kv, id: string): Promise<SessionRecord | null> {
  return (await kv.get<SessionRecord>(keys.session(id))).value;
}

/** Ids read from an index per page; the sessions of a page are fetched together. */
const PAGE = 100;

/**
 * Sessions through a creation-time index (`[...index, createdAt, id] → id`: `keys.sessionsByTime`,
 * `keys.sessionsByTechnician`), newest first, optionally only those created within `from`…`to`
 * (inclusive). Reads a page at a time, so memory stays the same however long the history is.
 */
export async function* sessionsNewestFirst(
  kv: Deno.Kv,
  index: Deno.KvKey,
  range: { from?: number; to?: number } = {},
): AsyncGenerator<SessionRecord> {
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) return;
  const start = range.from === undefined ? undefined : [...index, range.from];
  const end = range.to === undefined ? undefined : [...index, range.to + 1];
  const selector = rangeSelector(index, start, end);
  let ids: string[] = [];
  const page = async () => {
    // getMany takes at most 10 keys; a page's batches are read at once, not one after another.
    const batches: Promise<Deno.KvEntryMaybe<SessionRecord>[]>[] = [];
    for (let i = 0; i < ids.length; i += 10) {
      batches.push(kv.getMany<SessionRecord[]>(ids.slice(i, i + 10).map(keys.session)));
    }
    ids = [];
    return (await Promise.all(batches)).flat().flatMap((e) => e.value ? [e.value] : []);
  };
  for await (const e of kv.list<string>(selector, { reverse: true, batchSize: PAGE })) {
    ids.push(e.value);
    if (ids.length === PAGE) yield* await page();
  }
  if (ids.length) yield* await page();
}

/**
 * A technician's sessions, newest first, without those they cleared from their list; with `limit`,
 * only the newest that many.
 */
export async function listSessions(kv: Deno.Kv, technicianId: string, limit = Infinity): Promise<SessionRecord[]> {
  const out: SessionRecord[] = [];
  if (limit <= 0) return out;
  for await (const s of sessionsNewestFirst(kv, keys.sessionsByTechnician(technicianId))) {
    if (s.clearedAt) continue;
    if (out.push(s) >= limit) break;
  }
  return out;
}

/** Applies `fn` to the current record and commits atomically, retrying on concurrent writes. */
export async function mutateSession(
  kv: Deno.Kv,
  id: string,
  now: number,
  fn: (s: SessionRecord) => Promise<Mutation | null> | Mutation | null,
): Promise<SessionRecord | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<SessionRecord>(keys.session(id));
    if (!entry.value) throw sessionNotFound();
    const m = await fn(entry.value);
    if (!m) return null;
    const op = kv.atomic()
      .check(entry, ...(m.checks ?? []))
      .set(entry.key, m.next)
      .set(keys.sessionChanges(m.next.technicianId), now);
    m.ops?.(op);
    if (m.audit) {
      auditInto(op, now, { ...m.audit, sessionId: id, technicianId: m.next.technicianId });
    }
    if ((await op.commit()).ok) return m.next;
  }
  throw new Error(`Cannot update session ${id}: too much contention`);
}

/** The id of the technician's active session, if they have one. */
export async function activeSessionId(kv: Deno.Kv, technicianId: string): Promise<string | null> {
  return (await kv.get<string>(keys.activeSessionByTechnician(technicianId))).value;
}

/**
 * Every change to the technician's sessions, for the SSE list: the change counter's entry (bumped in
 * each commit that changes one of their sessions), the first at once.
 */
export function watchSessionChanges(kv: Deno.Kv, technicianId: string): ReadableStream<[Deno.KvEntryMaybe<number>]> {
  return kv.watch<[number]>([keys.sessionChanges(technicianId)]);
}

/** A PIN that can still be claimed: known, unexpired, not yet accepted. */
export async function findJoinableByPin(kv: Deno.Kv, pin: string, now: number): Promise<SessionRecord | null> {
  const id = (await kv.get<string>(keys.sessionByPin(pin))).value;
  if (!id) return null;
  const s = await getSession(kv, id);
  if (!s || s.pin !== pin || s.status !== "pending" || s.eulaAcceptedAt !== null) return null;
  return isExpired(s, now) ? null : s;
}

export const pinNotFound = () =>
  new DomainError(ERROR_CODES.pinNotFound, "This PIN is unknown, expired or already used");

/** The customer accepts the EULA: consumes the PIN and hands out the customer key (stored hashed). */
export async function acceptSession(
  kv: Deno.Kv,
  pin: string,
  input: { eulaVersion: string; eulaLanguage?: Locale; linkSecret?: string; client: Record<string, string> },
  now: number,
): Promise<{ session: SessionRecord; customerKey: string }> {
  const pinEntry = await kv.get<string>(keys.sessionByPin(pin));
  if (!pinEntry.value) throw pinNotFound();
  const customerKey = randomToken(32);
  const customerKeyHash = await sha256Hex(customerKey);
  const linkSecretHash = input.linkSecret ? await sha256Hex(input.linkSecret) : null;
  const eulaLanguage = input.eulaLanguage ?? "en";
  const session = await mutateSession(kv, pinEntry.value, now, (s) => {
    if (s.pin !== pin || s.status !== "pending" || s.eulaAcceptedAt !== null || isExpired(s, now)) {
      throw pinNotFound();
    }
    if (linkSecretHash !== null && linkSecretHash !== s.linkSecretHash) {
      throw new DomainError(ERROR_CODES.linkSecretMismatch, "This link is not valid for this PIN");
    }
    return {
      next: {
        ...s,
        eulaVersion: input.eulaVersion,
        eulaLanguage,
        eulaAcceptedAt: now,
        customerKeyHash,
        customerProgress: { event: "accepted", reason: null, at: now },
      },
      checks: [pinEntry],
      ops: (op) =>
        op.delete(pinEntry.key).set(keys.sessionByCustomerKey(customerKeyHash), s.id, {
          expireIn: 24 * 60 * 60 * 1000,
        }),
      audit: {
        action: "session.eula_accepted",
        details: { eulaVersion: input.eulaVersion, eulaLanguage, viaLink: linkSecretHash !== null, ...input.client },
      },
    };
  });
  return { session: session!, customerKey };
}

export async function findByCustomerKey(kv: Deno.Kv, customerKey: string) {
  const id = (await kv.get<string>(keys.sessionByCustomerKey(await sha256Hex(customerKey)))).value;
  return id ? await getSession(kv, id) : null;
}

/**
 * Customer presence from LiveKit webhooks; Waiting needs both the EULA and presence. `sid` is the
 * connection's participant sid: after a reload the new connection's "joined" can arrive before the
 * old one's "left", and a "left" for a connection that is no longer current must change nothing.
 */
export function setCustomerPresence(kv: Deno.Kv, sessionId: string, present: boolean, now: number, sid?: string) {
  return mutateSession(kv, sessionId, now, (s) => {
    if (s.status === "ended") return null;
    if (!present && sid && s.customerSid && sid !== s.customerSid) return null;
    if (s.customerPresent === present && (!present || !sid || sid === s.customerSid)) return null;
    let status = s.status;
    if (s.status === "pending" && present && s.eulaAcceptedAt !== null) status = "waiting";
    if (s.status === "waiting" && !present) status = "pending";
    const progress = present ? null : s.customerProgress ?? null;
    const waitingSince = status !== "waiting" ? null : s.status === "waiting" ? s.waitingSince ?? now : now;
    return {
      next: {
        ...s,
        customerPresent: present,
        customerSid: present ? sid ?? null : null,
        ...(present && !s.customerJoinedAt ? { customerJoinedAt: now } : {}),
        status,
        customerProgress: progress,
        waitingSince,
      },
      audit: { action: present ? "customer.joined" : "customer.left" },
    };
  });
}

/**
 * The customer's app reports how far it got (tutorial, camera, EULA; it cannot reach the room, and
 * why), for the technician's list. The same report again changes nothing, so a retrying app writes
 * once. Before Accept (`beforeAccept`) a report for a session whose PIN was claimed meanwhile is refused.
 */
export function recordProgress(
  kv: Deno.Kv,
  sessionId: string,
  report: { event: ProgressEvent; reason?: CustomerProgress["reason"] },
  now: number,
  beforeAccept = false,
) {
  return mutateSession(kv, sessionId, now, (s) => {
    if (s.status === "ended") throw new DomainError(ERROR_CODES.sessionEnded, "This session has ended");
    if (beforeAccept && (s.eulaAcceptedAt !== null || isExpired(s, now))) throw pinNotFound();
    // In the room already: a report that arrives late (after LiveKit's webhook) is old news.
    if (s.customerPresent) return null;
    const reason = report.reason ?? null;
    if (s.customerProgress?.event === report.event && s.customerProgress.reason === reason) return null;
    return {
      next: { ...s, customerProgress: { event: report.event, reason, at: now } },
      audit: { action: "customer.progress", details: { event: report.event, reason } },
    };
  });
}

/**
 * Start: Waiting → Active, claiming the technician's single active slot in the same commit so that
 * two concurrent Starts cannot both win. Starting the session that is already active is idempotent
 * (the technician reloaded and needs a new token).
 */
export function startSession(kv: Deno.Kv, technicianId: string, sessionId: string, now: number) {
  return mutateSession(kv, sessionId, now, async (s) => {
    if (s.technicianId !== technicianId) throw sessionNotFound();
    const activeKey = keys.activeSessionByTechnician(technicianId);
    const active = await kv.get<string>(activeKey);
    if (s.status === "active" && active.value === s.id) return null;
    if (active.value && active.value !== s.id) {
      throw new DomainError(
        ERROR_CODES.activeSessionExists,
        "Cannot start session: technician already has an active session",
        { details: { activeSessionId: active.value } },
      );
    }
    if (s.status !== "waiting") {
      throw new DomainError(ERROR_CODES.sessionNotWaiting, "Cannot start session: the customer is not waiting");
    }
    return {
      next: { ...s, status: "active", startedAt: now },
      checks: [active],
      ops: (op) => op.set(activeKey, s.id),
      audit: { action: "session.started" },
    };
  });
}

/** Undoes a Start whose LiveKit grant failed, so the session can be started again. */
export function revertStart(kv: Deno.Kv, sessionId: string, now: number) {
  return mutateSession(kv, sessionId, now, (s) =>
    s.status !== "active" ? null : {
      next: { ...s, status: s.customerPresent ? "waiting" : "pending", startedAt: null },
      ops: (op) => op.delete(keys.activeSessionByTechnician(s.technicianId)),
      audit: { action: "session.start_failed" },
    });
}

/**
 * Ends a session for `reason`; returns the ended record, or null when it had already ended. `guard`
 * may refuse (throw) in the same read-decide-commit step.
 */
export function endSession(
  kv: Deno.Kv,
  sessionId: string,
  reason: EndReason,
  now: number,
  guard?: (s: SessionRecord) => void,
) {
  return mutateSession(kv, sessionId, now, async (s) => {
    guard?.(s);
    if (s.status === "ended" || isExpired(s, now)) return null;
    const activeKey = keys.activeSessionByTechnician(s.technicianId);
    const active = await kv.get<string>(activeKey);
    return {
      next: { ...s, status: "ended", endedAt: now, endedBy: reason, waitingSince: null },
      checks: [active],
      ops: (op) => {
        if (active.value === s.id) op.delete(activeKey);
        // An unclaimed PIN is still indexed; a claimed one may already belong to a newer session.
        if (s.eulaAcceptedAt === null) op.delete(keys.sessionByPin(s.pin));
      },
      audit: { action: "session.ended", details: { reason } },
    };
  });
}

/**
 * Why a link cannot be used any more, for a caller holding its secret: expired, used, cancelled or
 * replaced by a newer link (Resend); null when the secret names no session (or it still works).
 */
export async function linkGoneReason(kv: Deno.Kv, linkSecret: string, now: number): Promise<LinkGoneReason | null> {
  const hash = await sha256Hex(linkSecret);
  const id = (await kv.get<string>(keys.sessionByLinkSecret(hash))).value;
  const s = id ? await getSession(kv, id) : null;
  if (!s) return null;
  if (s.linkSecretHash !== hash) return "replaced";
  if (s.eulaAcceptedAt !== null) return "used";
  if (s.status === "ended") return s.endedBy === "expired" ? "expired" : "cancelled";
  return isExpired(s, now) ? "expired" : null;
}
