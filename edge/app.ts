import { Hono } from "hono";
import { serveStatic } from "hono/deno";
import { compress } from "hono/compress";
import { ERROR_CODES } from "@sightline/shared";
import * as api from "@sightline/shared/api";
import type { Deps } from "./deps.ts";
import { DomainError } from "./errors.ts";
import { errorRenderer } from "./error_response.ts";
import { kvHealthy } from "./db/connection.ts";
import { jsonOnly, limitBody, ourHost, sameOrigin, securityHeaders } from "./middleware/security.ts";
import { requestId } from "./middleware/request_id.ts";
import { resolveClient } from "./middleware/client.ts";
import { authRoutes, meRoutes } from "./routes/auth.ts";
import { passwordRoutes } from "./routes/password.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { customerRoutes, joinRoutes } from "./routes/join.ts";
import { livekitWebhookRoutes } from "./routes/livekit_webhook.ts";
import { adminRoutes } from "./routes/admin.ts";
import { devRoutes } from "./routes/dev.ts";
import { cspReportRoutes } from "./routes/csp_report.ts";
import { describe, describedRoutes } from "./contract.ts";
import { docsPage, openApiDocument } from "./openapi.ts";

export type { Deps } from "./deps.ts";

const MAX_BODY_BYTES = 64 * 1024;

/** `make()`'s value, made on the first call: for what reads the app's routes once it is complete. */
const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/** The whole edge: API under /api, dev pages under /dev (dev mode), the built PWA for the rest. */
export function createApp(deps: Deps) {
  const { kv, config, livekit, log } = deps;
  const app = new Hono();
  const renderError = errorRenderer(log);

  app.use(requestId());
  app.use(securityHeaders({ livekitUrl: config.livekit.url }));
  // Before any route: who is asking (behind trusted proxies only, their word) and whether the host is ours.
  app.use(resolveClient({ trustedProxies: config.trustedProxies }));
  app.use(ourHost({ origins: config.origins, exempt: [`GET ${api.health.path}`] }));
  // API answers carry PINs, tokens and customer keys: no cache, shared or private, may keep them.
  app.use("/api/*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
  app.use("/api/*", limitBody({ maxBytes: MAX_BODY_BYTES }));
  app.use("/api/*", jsonOnly({ exempt: ["/api/livekit/", "/api/csp-report"] }));
  app.use(
    "/api/*",
    sameOrigin({
      allowedOrigins: config.origins,
      exempt: ["/api/admin/", "/api/livekit/", "/api/csp-report"],
    }),
  );

  app.route("/api/auth", authRoutes(deps));
  app.route("/api/auth", passwordRoutes(deps));
  app.route("/api/me", meRoutes(deps));
  app.route("/api/sessions", sessionRoutes(deps));
  app.route("/api/join", joinRoutes(deps));
  app.route("/api/customer", customerRoutes(deps));
  app.route("/api/livekit", livekitWebhookRoutes(deps));
  app.route("/api", cspReportRoutes(deps));
  app.route("/api/admin", adminRoutes(deps));
  app.get(
    "/api/health",
    describe(api.health, {
      summary: "Health of the edge, its KV and LiveKit",
      responses: { 503: api.health.response },
    }),
    async (c) => {
      const kvOk = await kvHealthy(kv);
      const livekitOk = await livekit.healthy();
      return c.json({ ok: kvOk && livekitOk, kv: kvOk, livekit: livekitOk }, kvOk && livekitOk ? 200 : 503);
    },
  );
  // The document and the 405 answers are derived from the described routes when first asked for, by
  // which time every route has been added.
  const described = once(() => describedRoutes(app));
  const document = once(() => openApiDocument(described(), config.publicUrl));
  const docsHtml = once(() => docsPage(document()));
  app.get("/api/openapi.json", describe(api.openApi, { summary: "This document" }), (c) => c.json(document()));
  app.get("/api/docs", describe(api.apiDocs, { summary: "This document as a web page" }), (c) => c.html(docsHtml()));
  // A known path with a method it does not have: 405 with the methods it does have (RFC 9110 §15.5.6).
  const known = once(() =>
    described().map((r) => ({ method: r.method, pattern: new RegExp(`^${r.path.replace(/:\w+/g, "[^/]+")}$`) }))
  );
  app.all("/api/*", (c) => {
    const allowed = [...new Set(known().filter((k) => k.pattern.test(c.req.path)).map((k) => k.method))];
    if (!allowed.length) throw new DomainError(ERROR_CODES.notFound, "No such API route");
    if (allowed.includes("GET")) allowed.push("HEAD");
    c.header("Allow", allowed.join(", "));
    throw new DomainError(ERROR_CODES.methodNotAllowed, `This route answers ${allowed.join(", ")} only`);
  });
  if (config.dev) app.route("/dev", devRoutes(deps));

  // The PWA: hashed assets are immutable, everything else is revalidated. Gzip, because Deno.serve
  // does not compress a file stream: the customer's first script is 25 KB gzipped but 73 KB raw, which
  // is a quarter of a second more before the tutorial on a slow 4G link (tests/bench).
  const root = config.webDist;
  app.use("*", compress());
  app.use("/assets/*", async (c, next) => {
    await next();
    if (c.res.ok) c.header("Cache-Control", "public, max-age=31536000, immutable");
  });
  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-cache");
  });
  app.get("*", serveStatic({ root }));
  app.get("/console", serveStatic({ root, path: "console/index.html" }));
  app.get("/console/*", serveStatic({ root, path: "console/index.html" }));
  app.get(`${api.JOIN_PAGE}/*`, serveStatic({ root, path: "index.html" }));

  app.notFound((c) => renderError(new DomainError(ERROR_CODES.notFound, "Not found"), c));
  app.onError(renderError);
  return app;
}
