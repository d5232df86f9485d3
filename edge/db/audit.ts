import { keys } from "./keys.ts";

export interface AuditEntry {
  at: number;
  action: string;
  sessionId?: string;
  technicianId?: string;
  details?: Record<string, unknown>;
}

/** Time-ordered id so that listing the audit prefix returns entries in order. */
export function auditId(at: number): string {
  return `${at.toString(36).padStart(10, "0")}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Adds the audit entry to an atomic operation, so the fact and its record land together. */
export function auditInto(op: Deno.AtomicOperation, entry: Omit<AuditEntry, "at">): Deno.AtomicOperation {
  const at = Date.now();
  return op.set(keys.audit(auditId(at)), { at, ...entry } satisfies AuditEntry);
}

export async function listAudit(kv: Deno.Kv, limit = 500): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of kv.list<AuditEntry>({ prefix: ["audit"] }, { limit, reverse: true })) out.push(e.value);
  return out;
}
