/** The dev outbox: mails kept in KV for a week instead of being sent (listed at /dev/outbox). */
import type { Mail } from "../services/mailer.ts";
import { keys } from "./keys.ts";

export interface OutboxEntry extends Mail {
  id: string;
  at: number;
}

const OUTBOX_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_LISTED = 100;

export async function saveOutboxMail(kv: Deno.Kv, mail: Mail, at: number): Promise<void> {
  // Time first, so that listing the prefix returns the mails in the order they were sent.
  const id = `${at.toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
  await kv.set(keys.outboxMail(id), { id, at, ...mail } satisfies OutboxEntry, { expireIn: OUTBOX_TTL_MS });
}

/** Newest first, at most 100. */
export async function listOutbox(kv: Deno.Kv): Promise<OutboxEntry[]> {
  const out: OutboxEntry[] = [];
  for await (const e of kv.list<OutboxEntry>({ prefix: keys.outboxMails() }, { reverse: true, limit: MAX_LISTED })) {
    out.push(e.value);
  }
  return out;
}
