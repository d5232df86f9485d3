import type { AdminSession, AdminSessionQuery } from "@sightline/shared";
import { keys } from "./keys.ts";
import { endSession, listSessions, type SessionRecord, toView } from "./sessions.ts";

/**
 * Ends every session of the technician that has not ended yet (disabled or deleted by an admin);
 * returns the ids it ended. Each end is its own `mutateSession` commit with its own audit entry.
 */
export async function endSessionsOfTechnician(kv: Deno.Kv, technicianId: string, now: number): Promise<string[]> {
  const ended: string[] = [];
  for (const s of await listSessions(kv, technicianId)) {
    if (toView(s, now).status === "ended") continue;
    if (await endSession(kv, s.id, "technician_disabled", now)) ended.push(s.id);
  }
  return ended;
}

/**
 * Sessions of every technician (or one), newest first, filtered on the status the technician sees.
 * Without `technicianId` this scans all sessions: fine at the size of one deployment's history, which
 * the retention setting bounds.
 */
export async function listSessionsForAdmin(kv: Deno.Kv, query: AdminSessionQuery, now: number) {
  let records: SessionRecord[];
  if (query.technicianId !== undefined) {
    records = await listSessions(kv, query.technicianId);
  } else {
    records = [];
    for await (const e of kv.list<SessionRecord>({ prefix: keys.sessions() })) records.push(e.value);
    records.sort((a, b) => b.createdAt - a.createdAt);
  }
  const out: AdminSession[] = [];
  for (const s of records) {
    if (query.from !== undefined && s.createdAt < query.from) continue;
    if (query.to !== undefined && s.createdAt > query.to) continue;
    const view = toView(s, now);
    if (query.status !== undefined && view.status !== query.status) continue;
    out.push({ ...view, technicianId: s.technicianId });
    if (out.length >= query.limit) break;
  }
  return out;
}
