import { auditInto } from "./audit.ts";
import { keys } from "./keys.ts";
import type { SessionRecord } from "./sessions.ts";

const LOOKUP_AUDIT_INTERVAL_MS = 10 * 60_000;

/**
 * Audits a look-up of the session's PIN, once per client, PIN and way (link or typed) per ten minutes:
 * a page that reloads or retries does not fill the log, and a look-up that is only read costs no KV
 * write.
 */
export async function auditPinLookup(
  kv: Deno.Kv,
  session: Pick<SessionRecord, "id" | "technicianId">,
  lookup: { address: string; via: "link" | "pin"; details: Record<string, unknown> },
  now: number,
): Promise<void> {
  const marker = keys.lookupAudited(session.id, lookup.address, lookup.via);
  const last = await kv.get<number>(marker);
  if (last.value !== null && now - last.value < LOOKUP_AUDIT_INTERVAL_MS) return;
  await auditInto(kv.atomic().check(last).set(marker, now, { expireIn: LOOKUP_AUDIT_INTERVAL_MS }), now, {
    action: "pin.looked_up",
    sessionId: session.id,
    technicianId: session.technicianId,
    details: lookup.details,
  }).commit();
}
