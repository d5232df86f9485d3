import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { bodyLimit } from "hono/body-limit";
import { ERROR_CODES } from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { requestView } from "./client.ts";

/** Security headers of DESIGN §6; `connect-src` admits the LiveKit URL (ws and its http twin). */
export function securityHeaders(options: { livekitUrl: string }): MiddlewareHandler {
  const livekit = new URL(options.livekitUrl);
  const livekitHttp = `${livekit.protocol === "wss:" ? "https:" : "http:"}//${livekit.host}`;
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Preact and livekit-client set element styles from script; no inline <style> or style="" markup.
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:", "blob:"],
      mediaSrc: ["'self'", "blob:"],
      connectSrc: ["'self'", `${livekit.protocol}//${livekit.host}`, livekitHttp],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      reportUri: "/api/csp-report",
    },
    referrerPolicy: "no-referrer",
    strictTransportSecurity: "max-age=63072000; includeSubDomains",
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: {
      camera: ["self"],
      microphone: ["self"],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });
}

/** Body size limit with the API's error shape. */
export function limitBody(options: { maxBytes: number }): MiddlewareHandler {
  return bodyLimit({
    maxSize: options.maxBytes,
    onError: () => {
      throw new DomainError(ERROR_CODES.tooLarge, `Request body exceeds ${options.maxBytes} bytes`);
    },
  });
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence for browser-facing routes: a state-changing request must come from one of our origins
 * (PUBLIC_URL and EXTRA_ORIGINS; never "whatever the Host header says", which a DNS-rebinding page
 * controls). Paths starting with one of `exempt` (bearer-token and webhook routes) are not checked.
 */
export function sameOrigin(options: { allowedOrigins: string[]; exempt: string[] }): MiddlewareHandler {
  const allowed = new Set(options.allowedOrigins);
  return async function sameOrigin(c, next) {
    if (UNSAFE_METHODS.has(c.req.method) && !options.exempt.some((p) => c.req.path.startsWith(p))) {
      const origin = c.req.header("origin");
      if (!origin || !allowed.has(origin)) {
        throw new DomainError(ERROR_CODES.forbiddenOrigin, "Request origin is not allowed");
      }
    }
    await next();
  };
}

/** The Host values that mean `origin`: its host, and with the scheme's default port spelled out. */
function hostsOf(origin: string): string[] {
  const url = new URL(origin);
  return url.port ? [url.host] : [url.host, `${url.host}:${url.protocol === "https:" ? 443 : 80}`];
}

/**
 * DNS rebinding defence: a request for a host that is not one of our origins' is answered 421 before any
 * route (a page on evil.example whose name now points at the edge sends `Host: evil.example`). Behind a
 * trusted proxy the host is its `X-Forwarded-Host` (`resolveClient`). `exempt` lists `METHOD path` pairs
 * that any host may ask: the health check, which load balancers and launchers probe by IP address and
 * which tells nothing but three booleans.
 */
export function ourHost(options: { origins: string[]; exempt: string[] }): MiddlewareHandler {
  const hosts = new Set(options.origins.flatMap(hostsOf));
  const exempt = new Set(options.exempt);
  return async function ourHost(c, next) {
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    if (!exempt.has(`${method} ${c.req.path}`) && !hosts.has(requestView(c).host)) {
      throw new DomainError(ERROR_CODES.misdirectedRequest, "This server does not serve that host name");
    }
    await next();
  };
}

/** A request body must be JSON, which a cross-site form cannot send; `exempt` as above. */
export function jsonOnly(options: { exempt: string[] }): MiddlewareHandler {
  return async function jsonOnly(c, next) {
    if (UNSAFE_METHODS.has(c.req.method) && !options.exempt.some((p) => c.req.path.startsWith(p))) {
      const length = c.req.header("content-length");
      const hasBody = length !== undefined ? length !== "0" : c.req.raw.body !== null;
      const type = c.req.header("content-type") ?? "";
      if (hasBody && !/^application\/json\s*(;|$)/i.test(type)) {
        throw new DomainError(ERROR_CODES.notJson, "Request body must be JSON (application/json)");
      }
    }
    await next();
  };
}
