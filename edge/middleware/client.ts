/**
 * Who is asking, and for which host: the TCP peer and the Host header, or — only when the peer is one of
 * `TRUSTED_PROXIES` — what that proxy says in `X-Forwarded-For`, `-Host` and `-Proto` (DESIGN §6). Anyone
 * else can write those headers, so from anyone else they are ignored. `resolveClient` works it out once per
 * request, first in the app; rate limits, the audit log, the host check and the cookie rules read it here.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "hono/deno";
import { inAnyRange, type IpRange, parseIp } from "../ip_ranges.ts";

export interface RequestView {
  /** The client's address, for rate limits and the audit log. */
  address: string;
  /** The host the client asked for, lower case (`help.example.com`, `127.0.0.1:8000`). */
  host: string;
  protocol: "http:" | "https:";
}

declare module "hono" {
  interface ContextVariableMap {
    requestView: RequestView;
  }
}

/** At most this many `X-Forwarded-For` entries are read, from the right (a longer chain is not ours). */
const MAX_HOPS = 32;

/**
 * The TCP peer's address, from the connection info `Deno.serve` passes as the app's `env` (`app.request()`
 * in tests passes the same shape, `{ remoteAddr: { hostname } }`, to play any peer).
 */
export function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() without connection info
  }
}

/** One `X-Forwarded-For` entry as an address: brackets, a port and quotes are dropped; null when it is none. */
function forwardedHop(entry: string): string | null {
  const text = entry.trim().replace(/^"(.*)"$/, "$1");
  const bracketed = text.match(/^\[([^\]]+)\](?::\d+)?$/);
  const address = bracketed ? bracketed[1] : text.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  return parseIp(address) ? address.toLowerCase() : null;
}

/**
 * The client behind a chain of proxies: the right-most `X-Forwarded-For` address that is not itself a
 * trusted proxy (each trusted hop appended the address it saw; everything left of the first untrusted one
 * may be the client's invention). The peer itself when it is not trusted. An entry that is no address
 * stops the walk at the last trusted hop, so garbage can only share a bucket, never pick one.
 */
export function forwardedClient(peer: string, forwardedFor: string | undefined, trusted: readonly IpRange[]) {
  const isTrusted = (address: string) => {
    const ip = parseIp(address);
    return ip !== null && inAnyRange(ip, trusted);
  };
  if (!trusted.length || !isTrusted(peer)) return peer;
  const hops = (forwardedFor ?? "").split(",").slice(-MAX_HOPS);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = forwardedHop(hops[i]);
    if (hop === null) return client;
    client = hop;
    if (!isTrusted(hop)) return client;
  }
  return client;
}

/** The right-most value of a comma-separated forwarding header: the one our nearest proxy wrote. */
const lastValue = (header: string | undefined) => header?.split(",").at(-1)?.trim().toLowerCase() || undefined;

/** Works out the request's `RequestView` and keeps it on the context. */
export function resolveClient(options: { trustedProxies: readonly IpRange[] }): MiddlewareHandler {
  const { trustedProxies } = options;
  return async function resolveClient(c, next) {
    const peer = peerAddress(c);
    const url = new URL(c.req.url);
    const peerIp = parseIp(peer);
    const viaProxy = peerIp !== null && inAnyRange(peerIp, trustedProxies);
    const proto = viaProxy ? lastValue(c.req.header("x-forwarded-proto")) : undefined;
    c.set("requestView", {
      address: forwardedClient(peer, c.req.header("x-forwarded-for"), trustedProxies),
      host: (viaProxy && lastValue(c.req.header("x-forwarded-host"))) || url.host.toLowerCase(),
      protocol: proto === "https" || proto === "http" ? `${proto}:` : url.protocol === "https:" ? "https:" : "http:",
    });
    await next();
  };
}

/** The request as the edge believes it; without `resolveClient` (a route tested alone), the bare connection. */
export function requestView(c: Context): RequestView {
  const view = c.get("requestView") as RequestView | undefined;
  if (view) return view;
  const url = new URL(c.req.url);
  return { address: peerAddress(c), host: url.host, protocol: url.protocol === "https:" ? "https:" : "http:" };
}

/** Client address, for rate limits and the audit log. */
export function clientAddress(c: Context): string {
  return requestView(c).address;
}

/** Client address and user agent, for the audit log. */
export function clientInfo(c: Context): Record<string, string> {
  return { address: clientAddress(c), userAgent: (c.req.header("user-agent") ?? "").slice(0, 300) };
}
