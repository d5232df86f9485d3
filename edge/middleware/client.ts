import type { Context } from "hono";
import { getConnInfo } from "hono/deno";

/** Client address, for rate limits and the audit log. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() without connection info
  }
}

/** Client address and user agent, for the audit log. */
export function clientInfo(c: Context): Record<string, string> {
  return { address: clientAddress(c), userAgent: (c.req.header("user-agent") ?? "").slice(0, 300) };
}
