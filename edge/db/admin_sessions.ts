import type { AdminSession, AdminSessionQuery } from "@sightline/shared";
import { keys } from "./keys.ts";
import { endSession, sessionsNewestFirst, toView } from "./sessions.ts";

/**
 * Ends every session of the technician that has not ended yet (disabled or deleted by an admin);
 * returns the ids it ended. Each end is its own `mutateSession` commit with its own audit entry.
 */
export async function endSessionsOfTechnician(kv: Deno.Kv, technicianId: string, now: number): Promise<string[]> {
  const ended: string[] = [];
  for await (const s of sessionsNewestFirst(kv, keys.sessionsByTechnician(technicianId))) {
    if (toView(s, now).status === "ended") continue;
    if (await endSession(kv, s.id, "technician_disabled", now)) ended.push(s.id);
  }
  return ended;
}

/**
 * Sessions of every technician (or one), newest first, created within `from`…`to`, filtered on the
 * status the technician sees. Read through the creation-time indexes a page at a time: a listing
 * costs the same memory whatever the history holds.
 */
export async function listSessionsForAdmin(kv: Deno.Kv, query: AdminSessionQuery, now: number) {
  const index = query.technicianId === undefined
    ? keys.sessionsByTime()
    : keys.sessionsByTechnician(query.technicianId);
  const out: AdminSession[] = [];
  if (query.limit <= 0) return out;
  for await (const s of sessionsNewestFirst(kv, index, { from: query.from, to: query.to })) {
    const view = toView(s, now);
    if (query.status !== undefined && view.status !== query.status) continue;
    if (out.push({ ...view, technicianId: s.technicianId, clearedAt: s.clearedAt ?? null }) >= query.limit) break;
  }
  return out;
}
