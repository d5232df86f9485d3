/**
 * Chat transcripts: the console stores every chat message of a live session (its own and the
 * customer's) so the conversation is kept with the session, under the same retention.
 */
import { type ChatLine, ERROR_CODES } from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { keys } from "./keys.ts";

export const MAX_TRANSCRIPT_LINES = 1000;

/** Stores a line once (a retry with the same id changes nothing); refuses beyond the limit. */
export async function addChatLine(kv: Deno.Kv, sessionId: string, line: ChatLine): Promise<void> {
  const key = keys.chatLine(sessionId, line.id);
  const countKey = keys.chatLineCount(sessionId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [existing, count] = await kv.getMany<[ChatLine, Deno.KvU64]>([key, countKey]);
    if (existing.value) return;
    if (Number(count.value?.value ?? 0n) >= MAX_TRANSCRIPT_LINES) {
      throw new DomainError(ERROR_CODES.transcriptFull, `A transcript keeps at most ${MAX_TRANSCRIPT_LINES} messages`);
    }
    const result = await kv.atomic().check(existing, count).set(key, line).sum(countKey, 1n).commit();
    if (result.ok) return;
  }
  throw new DomainError(ERROR_CODES.transcriptFull, "The transcript is busy; try again");
}

/** The transcript in the order the messages were sent. */
export async function listChatLines(kv: Deno.Kv, sessionId: string): Promise<ChatLine[]> {
  const lines: ChatLine[] = [];
  for await (const entry of kv.list<ChatLine>({ prefix: keys.chatLines(sessionId) })) lines.push(entry.value);
  return lines.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** Deletes the transcripts of sessions that no longer exist (after the retention purge removed them). */
export async function purgeOrphanTranscripts(kv: Deno.Kv): Promise<number> {
  let deleted = 0;
  const alive = new Map<string, boolean>();
  for await (const entry of kv.list({ prefix: keys.chatLines() })) {
    const sessionId = String(entry.key[1]);
    if (!alive.has(sessionId)) alive.set(sessionId, (await kv.get(keys.session(sessionId))).value !== null);
    if (alive.get(sessionId)) continue;
    await kv.atomic().delete(entry.key).delete(keys.chatLineCount(sessionId)).commit();
    deleted++;
  }
  return deleted;
}
