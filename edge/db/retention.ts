import { auditId } from "./audit.ts";
import { keys } from "./keys.ts";
import { type SessionRecord, toView } from "./sessions.ts";
import { purgeOrphanTranscripts } from "./transcripts.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes what the retention setting no longer allows: sessions that ended more than `retentionDays`
 * ago (with their index entries and chat transcripts) and older audit entries. Live sessions are never
 * touched. Returns how many sessions, transcript lines and audit entries went.
 */
export async function purgeExpired(kv: Deno.Kv, retentionDays: number, now: number) {
  const cutoff = now - retentionDays * DAY_MS;
  let sessions = 0;
  for await (const entry of kv.list<SessionRecord>({ prefix: keys.sessions() })) {
    const s = entry.value;
    const view = toView(s, now);
    if (view.status !== "ended" || (view.endedAt ?? now) > cutoff) continue;
    const op = kv.atomic().check(entry).delete(entry.key)
      .delete(keys.sessionsByTechnician(s.technicianId, s))
      .delete(keys.sessionsByTime(s))
      .delete(keys.sessionNotes(s.id));
    if (s.customerKeyHash) op.delete(keys.sessionByCustomerKey(s.customerKeyHash));
    const pin = await kv.get<string>(keys.sessionByPin(s.pin));
    // The PIN index may already point at a newer session that reuses the PIN.
    if (pin.value === s.id) op.check(pin).delete(pin.key);
    if ((await op.commit()).ok) sessions++;
  }
  // Transcripts go after their sessions (a session's lines can outnumber one atomic operation's limit);
  // lines left by an interrupted run are found again next time, as their session is gone.
  const chatLines = await purgeOrphanTranscripts(kv);
  let audit = 0;
  const end = keys.audit(auditId(cutoff).slice(0, 10));
  for await (const entry of kv.list({ prefix: keys.audits(), end })) {
    await kv.delete(entry.key);
    audit++;
  }
  return { sessions, chatLines, audit };
}
