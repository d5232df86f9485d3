import { Hono } from "hono";
import type { CspReport } from "@sightline/shared";
import * as api from "@sightline/shared/api";
import type { Deps } from "../deps.ts";
import { describe } from "../contract.ts";
import { listCspReports, saveCspReport } from "../db/csp_reports.ts";
import { requireAdmin } from "../middleware/auth.ts";

const MAX_FIELD = 200;

/** A customer page's path carries its PIN and URLs may carry query secrets; reports keep neither. */
function scrub(uri = ""): string {
  try {
    const url = new URL(uri);
    return `${url.origin}${api.maskPins(url.pathname)}`.slice(0, MAX_FIELD);
  } catch {
    return uri.slice(0, MAX_FIELD); // "inline", "eval", "data" …
  }
}

/**
 * CSP violation reports (`report-uri` in the policy): browsers post them as `application/csp-report`.
 * They are logged and kept for a week; admins read them, and the e2e run fails when any arrived.
 */
export function cspReportRoutes({ kv, config, clock, log }: Deps) {
  return new Hono()
    .post(
      "/csp-report",
      describe(api.cspReport, { summary: "Content-Security-Policy violation reports from browsers" }),
      async (c) => {
        const parsed = api.cspReport.body.safeParse(await c.req.json().catch(() => null));
        if (!parsed.success) return c.body(null, 204); // never an error page for a browser's report
        const r = parsed.data["csp-report"];
        const report: CspReport = {
          at: clock.now(),
          directive: (r["effective-directive"] ?? r["violated-directive"] ?? "").slice(0, MAX_FIELD),
          blocked: scrub(r["blocked-uri"]),
          page: scrub(r["document-uri"]),
        };
        log.warn("CSP violation reported", { directive: report.directive, blocked: report.blocked, page: report.page });
        await saveCspReport(kv, report);
        return c.body(null, 204);
      },
    )
    .get(
      "/admin/csp-reports",
      requireAdmin(config.adminToken),
      describe(api.cspReports, { summary: "CSP violation reports of the last week" }),
      async (c) => c.json({ reports: await listCspReports(kv) }),
    );
}
