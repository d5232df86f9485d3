/**
 * Browsers' CSP violation reports, kept for a week for the admin (and the e2e run's check). Anyone may
 * post one, so what is kept is bounded: per client address and in total (`LIMITS.cspPerClient`,
 * `LIMITS.cspTotal`), the same report within an hour is one entry with a count, and every text is cut
 * to `MAX_FIELD` characters by the route. Each report is one atomic commit with its counters.
 */
import type { CspReport, CspReportList, CspReportQuery } from "@sightline/shared";
import { auditId } from "./audit.ts";
import { sha256Hex } from "./crypto.ts";
import { keys, rangeSelector } from "./keys.ts";
import { type Counter, LIMITS, readCounter } from "./rate_limit.ts";

/** A report as stored; its id is the last part of its key. */
export type CspReportRecord = Omit<CspReport, "id">;
/** What a browser reported, scrubbed and cut to size. */
export type CspReportFields = Pick<CspReport, "directive" | "blocked" | "page" | "source">;

export const REPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** The same report within this long of its first is counted on its entry, not kept again. */
export const DEDUPE_WINDOW_MS = 60 * 60_000;
const MAX_ATTEMPTS = 5;
const TOTAL = "all";

/**
 * `stored`: a new entry; `counted`: a repeat, counted on its entry; `dropped`: over a bound (or lost to
 * concurrent reports), nothing written. `filled` names the bounds this report used up, so each is logged once.
 */
export interface SaveResult {
  outcome: "stored" | "counted" | "dropped";
  filled: ("client" | "total")[];
}

/** Where a repeat of a report is found: its entry's id and first time, by a hash of its fields. */
interface Seen {
  id: string;
  at: number;
}

const DROPPED: SaveResult = { outcome: "dropped", filled: [] };

const filledBy = (client: Counter, total?: Counter): SaveResult["filled"] => [
  ...(client.fills ? ["client" as const] : []),
  ...(total?.fills ? ["total" as const] : []),
];

/**
 * A new entry, its marker for repeats and both counters, in one commit. Null when the commit lost to
 * a concurrent one (the caller reads again).
 */
async function storeNew(
  kv: Deno.Kv,
  seen: Deno.KvEntryMaybe<Seen>,
  fields: CspReportFields,
  client: Counter,
  now: number,
): Promise<SaveResult | null> {
  const total = await readCounter(kv, LIMITS.cspTotal, TOTAL, now);
  if (total.full) return DROPPED;
  const id = auditId(now);
  const record: CspReportRecord = { at: now, lastAt: now, count: 1, ...fields };
  const op = total.countInto(client.countInto(kv.atomic())).check(seen)
    .set(seen.key, { id, at: now } satisfies Seen, { expireIn: DEDUPE_WINDOW_MS })
    .set(keys.cspReport(id), record, { expireIn: REPORT_TTL_MS });
  return (await op.commit()).ok ? { outcome: "stored", filled: filledBy(client, total) } : null;
}

/** A repeat within the window: one more on its entry, which keeps its week from the first report. */
async function countRepeat(
  kv: Deno.Kv,
  seen: Deno.KvEntryMaybe<Seen> & { value: Seen },
  fields: CspReportFields,
  client: Counter,
  now: number,
): Promise<SaveResult | null> {
  const entry = await kv.get<CspReportRecord>(keys.cspReport(seen.value.id));
  if (!entry.value) return storeNew(kv, seen, fields, client, now); // deleted meanwhile: kept anew
  const value = { ...entry.value, count: entry.value.count + 1, lastAt: now };
  const expireIn = Math.max(1, entry.value.at + REPORT_TTL_MS - now);
  const op = client.countInto(kv.atomic()).check(seen, entry).set(entry.key, value, { expireIn });
  return (await op.commit()).ok ? { outcome: "counted", filled: filledBy(client) } : null;
}

/** Keeps or counts one report from the client at `address`, unless a bound says no (see the module). */
export async function saveCspReport(
  kv: Deno.Kv,
  fields: CspReportFields,
  address: string,
  now: number,
): Promise<SaveResult> {
  const { directive, blocked, page, source } = fields;
  const seenKey = keys.cspReportSeen(await sha256Hex(JSON.stringify([directive, blocked, page, source])));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const client = await readCounter(kv, LIMITS.cspPerClient, address, now);
    if (client.full) return DROPPED;
    const seen = await kv.get<Seen>(seenKey);
    const result = seen.value && now - seen.value.at < DEDUPE_WINDOW_MS
      ? await countRepeat(kv, { ...seen, value: seen.value }, fields, client, now)
      : await storeNew(kv, seen, fields, client, now);
    if (result) return result;
  }
  return DROPPED; // lost to concurrent reports every time: a flood, whose reports need not all be kept
}

/**
 * Reports an older edge kept had no count, last time or source; they are read as seen once (they
 * expire within the week, so no migration rewrites them).
 */
const listed = (e: Deno.KvEntry<Partial<CspReportRecord> & Pick<CspReportRecord, "at">>): CspReport => {
  const { at, lastAt = at, count = 1, directive = "", blocked = "", page = "", source = "" } = e.value;
  return { id: String(e.key[e.key.length - 1]), at, lastAt, count, directive, blocked, page, source };
};

/** Newest first (by first report), `limit` at a time, after the report `cursor` when given. */
export async function listCspReports(kv: Deno.Kv, query: CspReportQuery): Promise<CspReportList> {
  const end = query.cursor === undefined ? undefined : keys.cspReport(query.cursor);
  const reports: CspReport[] = [];
  const selector = rangeSelector(keys.cspReports(), undefined, end);
  for await (const e of kv.list<CspReportRecord>(selector, { reverse: true, limit: query.limit + 1 })) {
    reports.push(listed(e));
  }
  const more = reports.length > query.limit;
  if (more) reports.pop();
  return { reports, next: more ? reports[reports.length - 1].id : null };
}
