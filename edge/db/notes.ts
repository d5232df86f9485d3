/**
 * The technician's note of a session: one entry beside the session, written only while the session
 * exists (checked in the same commit) and purged with it.
 */
import type { SessionNotes } from "@sightline/shared";
import { auditInto } from "./audit.ts";
import { keys } from "./keys.ts";
import { sessionNotFound, type SessionRecord } from "./sessions.ts";

const MAX_ATTEMPTS = 5;
const NONE: SessionNotes = { text: "", updatedAt: null };

export async function getNotes(kv: Deno.Kv, sessionId: string): Promise<SessionNotes> {
  return (await kv.get<SessionNotes>(keys.sessionNotes(sessionId))).value ?? NONE;
}

/**
 * Replaces the note of `technicianId`'s session `sessionId` and audits it (its length, never its text)
 * in the same commit; an unchanged note is neither written nor audited.
 */
export async function saveNotes(
  kv: Deno.Kv,
  technicianId: string,
  sessionId: string,
  text: string,
  now: number,
): Promise<SessionNotes> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [session, current] = await kv.getMany<[SessionRecord, SessionNotes]>([
      keys.session(sessionId),
      keys.sessionNotes(sessionId),
    ]);
    if (!session.value || session.value.technicianId !== technicianId) throw sessionNotFound();
    if ((current.value?.text ?? "") === text) return current.value ?? NONE;
    const next: SessionNotes = { text, updatedAt: now };
    const op = kv.atomic().check(session, current).set(current.key, next);
    auditInto(op, now, { action: "session.notes", sessionId, technicianId, details: { length: text.length } });
    if ((await op.commit()).ok) return next;
  }
  throw new Error(`Cannot save the notes of session ${sessionId}: too much contention`);
}
