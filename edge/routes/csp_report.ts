import { Hono } from "hono";
import type { CspReportBody } from "@sightline/shared";
import * as api from "@sightline/shared/api";
import type { Deps } from "../deps.ts";
import { describe } from "../contract.ts";
import { type CspReportFields, listCspReports, saveCspReport } from "../db/csp_reports.ts";
import { requireAdmin } from "../middleware/auth.ts";
import { clientAddress } from "../middleware/client.ts";

const MAX_FIELD = 200;

/**
 * Cut to `MAX_FIELD`, control characters and line breaks as spaces: a directive or URL has none, and a
 * report is printed by tools (`tests/run.ts`) where a line break would forge a line of their output.
 */
// deno-lint-ignore no-control-regex
const clip = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").slice(0, MAX_FIELD);

/** A customer page's path carries its PIN and URLs may carry query secrets; reports keep neither. */
function scrub(uri = ""): string {
  try {
    const url = new URL(uri);
    return clip(`${url.origin}${api.maskPins(url.pathname)}`);
  } catch {
    return clip(api.maskPins(uri)); // "inline", "eval", "data" …
  }
}

/** What is kept of a report (`CspReportFields`): the directive, and the URLs scrubbed. */
function fieldsOf(body: CspReportBody): CspReportFields {
  const r = body["csp-report"];
  return {
    directive: clip(r["effective-directive"] ?? r["violated-directive"] ?? ""),
    blocked: scrub(r["blocked-uri"]),
    page: scrub(r["document-uri"]),
    source: scrub(r["source-file"]),
  };
}

/**
 * CSP violation reports (`report-uri` in the policy): browsers post them as `application/csp-report`.
 * Kept for a week within bounds (`db/csp_reports.ts`) and logged when new; admins read them newest
 * first, and the e2e run fails when any arrived. Always 204: browsers ignore the answer, and a client
 * over its bound learns nothing from it.
 */
export function cspReportRoutes({ kv, config, clock, log }: Deps) {
  return new Hono()
    .post(
      "/csp-report",
      describe(api.cspReport, { summary: "Content-Security-Policy violation reports from browsers" }),
      async (c) => {
        const parsed = api.cspReport.body.safeParse(await c.req.json().catch(() => null));
        if (!parsed.success) return c.body(null, 204); // never an error page for a browser's report
        const fields = fieldsOf(parsed.data);
        const address = clientAddress(c);
        const { outcome, filled } = await saveCspReport(kv, fields, address, clock.now());
        if (outcome === "stored") log.warn("CSP violation reported", { ...fields });
        if (filled.includes("client")) log.warn("CSP reports of a client reached their bound", { address });
        if (filled.includes("total")) log.warn("CSP reports of all clients reached their hourly bound");
        return c.body(null, 204);
      },
    )
    .get(
      "/admin/csp-reports",
      requireAdmin(config.adminToken),
      describe(api.cspReports, { summary: "CSP violation reports of the last week, newest first, a page at a time" }),
      async (c) => c.json(await listCspReports(kv, c.req.valid("query"))),
    );
}
