import { Hono } from "hono";
import { z } from "zod/mini";
import type { Deps } from "../deps.ts";
import { keys } from "../db/keys.ts";
import { auditId } from "../db/audit.ts";
import { requireAdmin } from "../middleware/auth.ts";

/** What is kept of a browser's CSP violation report: no query strings, no PINs. */
export interface CspReport {
  at: number;
  directive: string;
  blocked: string;
  page: string;
}

const REPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_FIELD = 200;

export const CspReportBody = z.object({
  "csp-report": z.object({
    "document-uri": z.optional(z.string()),
    "violated-directive": z.optional(z.string()),
    "effective-directive": z.optional(z.string()),
    "blocked-uri": z.optional(z.string()),
  }),
});

/** Paths may carry a PIN (`/j/123456`) and URLs query secrets; reports keep neither. */
function scrub(uri = ""): string {
  try {
    const url = new URL(uri);
    return `${url.origin}${url.pathname.replace(/\d{6}/g, "******")}`.slice(0, MAX_FIELD);
  } catch {
    return uri.slice(0, MAX_FIELD); // "inline", "eval", "data" …
  }
}

/**
 * CSP violation reports (`report-uri` in the policy): browsers post them as `application/csp-report`.
 * They are logged and kept for a week; admins read them, and the e2e run fails when any arrived.
 */
export function cspReportRoutes({ kv, config, clock }: Deps) {
  return new Hono()
    .post("/csp-report", async (c) => {
      const parsed = CspReportBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.body(null, 204); // never an error page for a browser's report
      const r = parsed.data["csp-report"];
      const report: CspReport = {
        at: clock.now(),
        directive: (r["effective-directive"] ?? r["violated-directive"] ?? "").slice(0, MAX_FIELD),
        blocked: scrub(r["blocked-uri"]),
        page: scrub(r["document-uri"]),
      };
      console.warn(`[csp] ${report.directive} blocked ${report.blocked} on ${report.page}`);
      await kv.set(keys.cspReport(auditId(report.at)), report, { expireIn: REPORT_TTL_MS });
      return c.body(null, 204);
    })
    .get("/admin/csp-reports", requireAdmin(config.adminToken), async (c) => {
      const reports: CspReport[] = [];
      for await (const e of kv.list<CspReport>({ prefix: keys.cspReports() }, { limit: 500 })) reports.push(e.value);
      return c.json({ reports });
    });
}
