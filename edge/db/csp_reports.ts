/** Browsers' CSP violation reports, kept for a week for the admin (and the e2e run's check). */
import type { CspReport } from "@sightline/shared";
import { auditId } from "./audit.ts";
import { keys } from "./keys.ts";

const REPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_LISTED = 500;

export async function saveCspReport(kv: Deno.Kv, report: CspReport): Promise<void> {
  await kv.set(keys.cspReport(auditId(report.at)), report, { expireIn: REPORT_TTL_MS });
}

/** Oldest first, at most 500. */
export async function listCspReports(kv: Deno.Kv): Promise<CspReport[]> {
  const reports: CspReport[] = [];
  for await (const e of kv.list<CspReport>({ prefix: keys.cspReports() }, { limit: MAX_LISTED })) {
    reports.push(e.value);
  }
  return reports;
}
