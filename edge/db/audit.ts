import type { AuditEntry, AuditQuery } from "@sightline/shared";
import { keys, rangeSelector } from "./keys.ts";

/** An audit entry as stored; its id is the last part of its key. */
export type AuditRecord = Omit<AuditEntry, "id">;

const TIME_WIDTH = 10;
const timePrefix = (at: number) => at.toString(36).padStart(TIME_WIDTH, "0");

/** Time-ordered id so that listing the audit prefix returns entries in order. */
export function auditId(at: number): string {
  return `${timePrefix(at)}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Adds the audit entry to an atomic operation, so the fact and its record land together. `at` comes
 * from the caller, whose clock decides (tests move it).
 */
export function auditInto(op: Deno.AtomicOperation, at: number, entry: Omit<AuditRecord, "at">): Deno.AtomicOperation {
  return op.set(keys.audit(auditId(at)), { at, ...entry } satisfies AuditRecord);
}

/** Writes one audit entry on its own (a fact that changes nothing else, such as a screenshot taken). */
export async function recordAudit(kv: Deno.Kv, at: number, entry: Omit<AuditRecord, "at">): Promise<void> {
  await auditInto(kv.atomic(), at, entry).commit();
}

/**
 * Newest first. `from`/`to` bound the key range (ids start with the time), the other filters are
 * applied while scanning, so a narrow filter over a long log reads more than it returns.
 */
export async function listAudit(kv: Deno.Kv, query: Partial<AuditQuery> = {}): Promise<AuditEntry[]> {
  const limit = query.limit ?? 500;
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) return [];
  const prefix = keys.audits();
  const start = query.from === undefined ? undefined : keys.audit(timePrefix(query.from));
  // Ids at `to` start with its time prefix and sort before the prefix of the next millisecond.
  const end = query.to === undefined ? undefined : keys.audit(timePrefix(query.to + 1));
  const selector = rangeSelector(prefix, start, end);
  const out: AuditEntry[] = [];
  for await (const e of kv.list<AuditRecord>(selector, { reverse: true })) {
    const v = e.value;
    if (query.sessionId !== undefined && v.sessionId !== query.sessionId) continue;
    if (query.technicianId !== undefined && v.technicianId !== query.technicianId) continue;
    if (query.action !== undefined && v.action !== query.action) continue;
    out.push({ id: String(e.key[e.key.length - 1]), ...v });
    if (out.length >= limit) break;
  }
  return out;
}
