/**
 * The OpenAPI 3.1 description of the HTTP API, generated from the shared zod schemas (JSON Schema
 * 2020-12, which OpenAPI 3.1 uses as is). `openapi_test.ts` checks that every Hono route under /api
 * is described here and that the document validates, so this table cannot drift from the app.
 */
import * as z from "zod/mini";
import * as S from "@sightline/shared";
import { escapeHtml } from "./services/html.ts";
import { LOCAL_COOKIE, SECURE_COOKIE } from "./middleware/auth.ts";

type Auth = "technician" | "admin" | "customer" | "livekit" | "none";
type Method = "get" | "post" | "patch" | "put" | "delete";

export interface RouteDoc {
  method: Method;
  /** Hono path, e.g. `/api/sessions/:id/start`. */
  path: string;
  summary: string;
  tag: "auth" | "sessions" | "customer" | "admin" | "system";
  auth: Auth;
  body?: z.core.$ZodType;
  /** Body media type when it is not JSON (browser reports); such routes skip the JSON and Origin rules. */
  contentType?: string;
  query?: z.core.$ZodType;
  /** The body may be left out (browser reports: the route answers 204 whatever it gets). */
  bodyOptional?: boolean;
  /** JSON Schema keywords added to the body's schema: what zod refinements check and zod cannot export. */
  bodyRules?: Record<string, unknown>;
  /** Status → response schema (`null`: no JSON body worth describing; "sse"/"html" for streams and pages). */
  responses: Record<number, z.core.$ZodType | null | "sse" | "html">;
}

const Ok = z.object({ ok: z.literal(true) });
const EndResponse = z.object({ session: S.SessionViewSchema });
const DeclineBody = z.object({ linkSecret: z.optional(z.string().check(z.maxLength(200))) });

/** A PATCH must change something (`nonEmpty` in shared/schemas.ts). */
const NON_EMPTY = { minProperties: 1 };
/** A technician is created with a password, or invited (`invite: true`) — one of the two. */
const PASSWORD_OR_INVITE = {
  anyOf: [
    { required: ["password"], properties: { invite: { const: false } } },
    { required: ["invite"], properties: { invite: { const: true }, password: false } },
  ],
};

/** Every route of the edge's API. Errors (4xx/5xx) use the common error envelope. */
export const ROUTES: RouteDoc[] = [
  {
    method: "post",
    path: "/api/auth/login",
    summary: "Technician sign-in; sets the session cookie",
    tag: "auth",
    auth: "none",
    body: S.LoginBodySchema,
    responses: { 200: Ok, 400: null, 401: null, 403: null, 415: null, 429: null },
  },
  {
    method: "post",
    path: "/api/auth/logout",
    summary: "Sign out (clears the session cookie; fine without one)",
    tag: "auth",
    auth: "none",
    responses: { 200: Ok },
  },
  {
    method: "get",
    path: "/api/me",
    summary: "The signed-in technician, their group and permissions",
    tag: "auth",
    auth: "technician",
    responses: { 200: S.MeSchema, 401: null },
  },
  {
    method: "get",
    path: "/api/sessions",
    summary: "The technician's own sessions, newest first",
    tag: "sessions",
    auth: "technician",
    responses: { 200: S.SessionListSchema, 401: null },
  },
  {
    method: "post",
    path: "/api/sessions",
    summary: "Create a Lens session and deliver its link and PIN (email-server, email-client or link)",
    tag: "sessions",
    auth: "technician",
    body: S.CreateSessionBodySchema,
    responses: { 201: S.CreateSessionResponseSchema, 400: null, 401: null, 403: null, 429: null, 502: null },
  },
  {
    method: "get",
    path: "/api/sessions/events",
    summary: "Server-sent events: `sessions` with the full list on connect and after every change",
    tag: "sessions",
    auth: "technician",
    responses: { 200: "sse", 401: null },
  },
  {
    method: "post",
    path: "/api/sessions/:id/start",
    summary: "Start a Waiting session: grants the customer camera + microphone, returns the technician's token",
    tag: "sessions",
    auth: "technician",
    responses: { 200: S.StartResponseSchema, 401: null, 404: null, 409: null },
  },
  {
    method: "post",
    path: "/api/sessions/:id/end",
    summary: "End a session and close its LiveKit room",
    tag: "sessions",
    auth: "technician",
    responses: { 200: EndResponse, 401: null, 404: null },
  },
  {
    method: "post",
    path: "/api/sessions/:id/screenshot",
    summary: "Record in the audit log that the technician saved a screenshot (the image stays in the browser)",
    tag: "sessions",
    auth: "technician",
    responses: { 200: S.OkSchema, 401: null, 404: null, 409: null },
  },
  {
    method: "post",
    path: "/api/sessions/:id/chat",
    summary: "Store one chat message of an active session in its transcript (idempotent by message id)",
    tag: "sessions",
    auth: "technician",
    body: S.ChatLineSchema,
    responses: { 200: S.OkSchema, 400: null, 401: null, 403: null, 404: null, 409: null, 415: null },
  },
  {
    method: "get",
    path: "/api/sessions/:id/transcript",
    summary: "The chat transcript of the technician's session (kept under the retention setting)",
    tag: "sessions",
    auth: "technician",
    responses: { 200: S.TranscriptSchema, 401: null, 404: null },
  },
  {
    method: "get",
    path: "/api/join/:pin",
    summary: "Look up a PIN (send the link secret in `x-link-secret` when joining by link)",
    tag: "customer",
    auth: "none",
    responses: { 200: S.JoinInfoSchema, 403: null, 404: null, 429: null },
  },
  {
    method: "post",
    path: "/api/join/:pin/accept",
    summary: "Accept the EULA: consumes the PIN, returns the customer key and a token without publish rights",
    tag: "customer",
    auth: "none",
    body: S.AcceptBodySchema,
    responses: { 200: S.AcceptResponseSchema, 400: null, 403: null, 404: null, 409: null, 429: null },
  },
  {
    method: "post",
    path: "/api/join/:pin/decline",
    summary: "Decline the EULA; the session ends",
    tag: "customer",
    auth: "none",
    body: DeclineBody,
    responses: { 200: Ok, 400: null, 403: null, 404: null, 429: null },
  },
  {
    method: "post",
    path: "/api/customer/rejoin",
    summary: "The customer comes back after a reload: a fresh token (with Start's grant once active)",
    tag: "customer",
    auth: "customer",
    responses: { 200: S.RejoinResponseSchema, 401: null, 409: null },
  },
  {
    method: "post",
    path: "/api/customer/end",
    summary: "The customer ends the session",
    tag: "customer",
    auth: "customer",
    responses: { 200: Ok, 401: null },
  },
  {
    method: "post",
    path: "/api/livekit/webhook",
    summary: "LiveKit webhooks (signed): customer presence and room state",
    tag: "system",
    auth: "livekit",
    responses: { 200: Ok, 401: null },
  },
  {
    method: "post",
    path: "/api/csp-report",
    summary: "Content-Security-Policy violation reports from browsers",
    tag: "system",
    auth: "none",
    contentType: "application/csp-report",
    body: S.CspReportBodySchema,
    bodyOptional: true,
    responses: { 204: null },
  },
  {
    method: "get",
    path: "/api/health",
    summary: "Health of the edge, its KV and LiveKit",
    tag: "system",
    auth: "none",
    responses: { 200: S.HealthSchema, 503: S.HealthSchema },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document",
    tag: "system",
    auth: "none",
    responses: { 200: null },
  },
  {
    method: "get",
    path: "/api/docs",
    summary: "This document as a web page",
    tag: "system",
    auth: "none",
    responses: { 200: "html" },
  },
  {
    method: "post",
    path: "/api/auth/set-password",
    summary: "Set a password with the token from an invitation mail (single use, 72 h)",
    tag: "auth",
    auth: "none",
    body: S.SetPasswordBodySchema,
    responses: { 200: S.OkSchema, 400: null, 404: null },
  },
  ...adminRoutes(),
];

/** The admin API (bearer ADMIN_TOKEN); every route also answers 401 without the token. */
function adminRoutes(): RouteDoc[] {
  const admin = (
    method: Method,
    path: string,
    summary: string,
    responses: RouteDoc["responses"],
    extra: Pick<RouteDoc, "body" | "query" | "bodyRules"> = {},
  ): RouteDoc => ({
    method,
    path: `/api/admin${path}`,
    summary,
    tag: "admin",
    auth: "admin",
    ...extra,
    responses: { ...responses, 401: null },
  });
  return [
    admin("get", "/groups", "List technician groups", { 200: S.GroupListSchema }),
    admin("post", "/groups", "Create a group", { 201: S.GroupSchema, 400: null }, { body: S.GroupBodySchema }),
    admin("get", "/groups/:id", "One group", { 200: S.GroupSchema, 404: null }),
    admin("patch", "/groups/:id", "Rename a group or change its permissions", {
      200: S.GroupSchema,
      400: null,
      404: null,
    }, { body: S.GroupPatchSchema, bodyRules: NON_EMPTY }),
    admin("delete", "/groups/:id", "Delete an empty group", { 204: null, 404: null, 409: null }),
    admin("get", "/technicians", "List technicians", { 200: S.TechnicianListSchema, 400: null }, {
      query: S.TechnicianListQuerySchema,
    }),
    admin("post", "/technicians", "Create a technician with a password, or invite them by mail", {
      201: S.TechnicianSchema,
      400: null,
      409: null,
      502: null,
    }, { body: S.TechnicianCreateSchema, bodyRules: PASSWORD_OR_INVITE }),
    admin("get", "/technicians/:id", "One technician", { 200: S.TechnicianSchema, 404: null }),
    admin("patch", "/technicians/:id", "Rename, move to another group, disable or enable", {
      200: S.TechnicianSchema,
      400: null,
      404: null,
    }, { body: S.TechnicianPatchSchema, bodyRules: NON_EMPTY }),
    admin("delete", "/technicians/:id", "Delete a technician; their sessions end", { 204: null, 404: null }),
    admin("post", "/technicians/:id/invite", "Send a new set-password invitation", {
      200: S.InvitationResponseSchema,
      400: null,
      404: null,
      409: null,
      502: null,
    }, { body: S.TechnicianInviteSchema }),
    admin("get", "/settings", "Company settings", { 200: S.SettingsSchema }),
    admin("patch", "/settings", "Change company settings", { 200: S.SettingsSchema, 400: null }, {
      body: S.SettingsPatchSchema,
      bodyRules: NON_EMPTY,
    }),
    admin("get", "/sessions", "Sessions, filtered, newest first", { 200: S.AdminSessionListSchema, 400: null }, {
      query: S.AdminSessionQuerySchema,
    }),
    admin("get", "/csp-reports", "CSP violation reports of the last week", { 200: null }),
    admin("get", "/audit", "Audit log, filtered, newest first", { 200: S.AuditListSchema, 400: null }, {
      query: S.AuditQuerySchema,
    }),
  ];
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "Done, no content",
  400: "Invalid request (validation details in `error.details`)",
  401: "Not signed in, or bad credentials",
  403: "Forbidden (origin, link secret, or the missing permission named in `error.code`)",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Body too large",
  415: "Body is not JSON",
  429: "Too many attempts (see `Retry-After`)",
  502: "An upstream service (mail) failed",
  503: "Unavailable",
};

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  technician: [{ technicianCookie: [] }],
  admin: [{ adminToken: [] }],
  customer: [{ customerKey: [] }],
  livekit: [{ livekitSignature: [] }],
  none: [],
};

/** JSON Schema 2020-12 of a zod schema, without the `$schema` marker (OpenAPI sets the dialect). */
function jsonSchema(schema: z.core.$ZodType, io: "input" | "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  return patternOverFormat(rest);
}

/**
 * Where zod exports both a `format` and the `pattern` it really checks (emails), keeps only the
 * pattern: validators disagree on what `format: email` admits, and the pattern is what the edge does.
 */
function patternOverFormat<T>(node: T): T {
  if (Array.isArray(node)) return node.map(patternOverFormat) as T;
  if (!node || typeof node !== "object") return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, patternOverFormat(v)]));
  if (typeof out.format === "string" && typeof out.pattern === "string") delete out.format;
  return out as T;
}

export const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params: Record<string, unknown>[] = [...r.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (r.query) {
      const q = jsonSchema(r.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(r.responses)) {
      const description = STATUS_TEXT[Number(status)] ?? "Response";
      if (Number(status) >= 400) {
        responses[status] = {
          description,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        };
      } else if (schema === "sse") {
        responses[status] = { description, content: { "text/event-stream": { schema: { type: "string" } } } };
      } else if (schema === "html") {
        responses[status] = { description, content: { "text/html": { schema: { type: "string" } } } };
      } else {
        responses[status] = schema
          ? { description, content: { "application/json": { schema: jsonSchema(schema, "output") } } }
          : { description };
      }
    }
    (paths[toOpenApiPath(r.path)] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${r.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, ch: string) => (ch ?? "").toUpperCase())}`,
      security: SECURITY[r.auth],
      ...(params.length ? { parameters: params } : {}),
      ...(r.body
        ? {
          requestBody: {
            required: !r.bodyOptional,
            // A route with its own media type (browsers' CSP reports) reads the body as JSON whatever its type.
            content: Object.fromEntries(
              [...new Set([r.contentType ?? "application/json", "application/json"])].map((type) => [
                type,
                { schema: { ...jsonSchema(r.body!, "input"), ...r.bodyRules } },
              ]),
            ),
          },
        }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Sightline edge API",
      version: "0.1.0",
      description: "Remote visual support: sessions, PINs, LiveKit tokens. Errors share one envelope.",
    },
    servers: [{ url: serverUrl }],
    tags: ["auth", "sessions", "customer", "admin", "system"].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: jsonSchema(S.ErrorBodySchema, "output") },
      securitySchemes: {
        // On plain-http localhost browsers drop `__Host-` cookies, so the edge names it without the prefix there.
        technicianCookie: {
          type: "apiKey",
          in: "cookie",
          name: /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(serverUrl)
            ? LOCAL_COOKIE
            : SECURE_COOKIE,
        },
        adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN" },
        customerKey: { type: "http", scheme: "bearer", description: "customerKey from accept" },
        livekitSignature: { type: "apiKey", in: "header", name: "Authorization", description: "LiveKit JWT" },
      },
    },
  };
}

/** The document as a plain HTML page: no script, so it lives under the same strict CSP. */
export function docsPage(doc: ReturnType<typeof openApiDocument>): string {
  const sections = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const o = op as {
        summary: string;
        security: Record<string, string[]>[];
        requestBody?: { content: Record<string, { schema: unknown }> };
        responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
      };
      const auth = o.security.map((s) => Object.keys(s).join(", ")).join(" or ") || "none";
      const body = o.requestBody
        ? `<h4>Request body</h4><pre>${
          escapeHtml(JSON.stringify(Object.values(o.requestBody.content)[0].schema, null, 2))
        }</pre>`
        : "";
      const responses = Object.entries(o.responses).map(([status, r]) => {
        const schema = r.content && Object.values(r.content)[0].schema;
        return `<li><strong>${status}</strong> ${escapeHtml(r.description)}${
          schema && status < "400" ? `<pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>` : ""
        }</li>`;
      }).join("");
      return `<section><h3><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h3><p>${
        escapeHtml(o.summary)
      }</p><p>Auth: ${escapeHtml(auth)}</p>${body}<h4>Responses</h4><ul>${responses}</ul></section>`;
    })
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${
    escapeHtml(doc.info.title)
  }</title></head><body><h1>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</h1><p>${
    escapeHtml(doc.info.description)
  } Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Errors: <code>{"error": {"code", "message", "details?"}}</code>.</p>${
    sections.join("\n")
  }</body></html>`;
}
