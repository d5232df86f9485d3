/**
 * The OpenAPI 3.1 description of the HTTP API, derived from the app's described routes (`describe()`
 * in `contract.ts`): paths and methods where the app serves them, schemas from the shared contract
 * (JSON Schema 2020-12, which OpenAPI 3.1 uses as is), error statuses from each route's error codes
 * through the one status table plus the refusals every route of its kind can give.
 */
import * as z from "zod/mini";
import { ERROR_CODES, ErrorBodySchema, type ErrorCode } from "@sightline/shared";
import type { Auth, Route } from "@sightline/shared/api";
import { escapeHtml } from "./services/html.ts";
import { type DescribedRoute, takesJson } from "./contract.ts";
import { statusOfCode } from "./error_response.ts";
import { LOCAL_COOKIE, SECURE_COOKIE } from "./middleware/auth.ts";

/** The document's sections, by where a route lives; anything else is "system". */
const TAGS: [prefix: string, tag: string][] = [
  ["/api/auth/", "auth"],
  ["/api/me", "auth"],
  ["/api/sessions", "sessions"],
  ["/api/join/", "customer"],
  ["/api/customer/", "customer"],
  ["/api/admin/", "admin"],
];
const tagOf = (path: string) => TAGS.find(([prefix]) => path.startsWith(prefix))?.[1] ?? "system";

/**
 * What every route of its kind can be refused with, besides its own `errors`: a host that is not ours
 * (all but the health check, `app.ts`), validation of a body or query, a JSON body's size and type, the
 * Origin check of a browser's state-changing call (admin and LiveKit calls, and browsers' reports, are
 * exempt: `app.ts`), and a missing or wrong credential.
 */
function commonErrors(route: Route): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (route.path !== "/api/health") codes.push(ERROR_CODES.misdirectedRequest);
  if (takesJson(route) || route.query) codes.push(ERROR_CODES.validation);
  if (takesJson(route)) codes.push(ERROR_CODES.tooLarge, ERROR_CODES.notJson);
  if (route.auth !== "none") codes.push(ERROR_CODES.unauthenticated);
  const fromBrowser = route.auth !== "admin" && route.auth !== "livekit" && route.bodyType === undefined;
  if (route.method !== "GET" && fromBrowser) codes.push(ERROR_CODES.forbiddenOrigin);
  return codes;
}

/** The error statuses of a described route. */
function errorStatuses({ route, invalidInput = [] }: DescribedRoute): number[] {
  const codes = [...commonErrors(route), ...route.errors];
  return [...new Set(codes.map((code) => invalidInput.includes(code) ? 400 : statusOfCode(code)))];
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
  421: "The host asked for is not this server's (PUBLIC_URL, EXTRA_ORIGINS)",
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

/** A JSON answer described by its schema, or by its description alone (`null`: nothing worth parsing). */
function jsonResponse(description: string, schema: z.core.$ZodType | null) {
  return schema
    ? { description, content: { "application/json": { schema: jsonSchema(schema, "output") } } }
    : { description };
}

export function openApiDocument(routes: DescribedRoute[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const { route } = r;
    const method = r.method.toLowerCase();
    const params: Record<string, unknown>[] = [...r.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (route.query) {
      const q = jsonSchema(route.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
      }
    }
    const responses: Record<string, unknown> = {};
    const success = route.status ?? 200;
    const description = (status: number) => STATUS_TEXT[status] ?? "Response";
    if (route.responseType) {
      // Streams and pages: their content is text (`response` parses each event's data of a stream).
      const content = { [route.responseType]: { schema: { type: "string" } } };
      responses[success] = { description: description(success), content };
    } else {
      responses[success] = jsonResponse(description(success), route.response);
    }
    for (const [status, schema] of Object.entries(r.responses ?? {})) {
      responses[status] = jsonResponse(description(Number(status)), schema);
    }
    for (const status of errorStatuses(r)) {
      responses[status] = {
        description: description(status),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    (paths[toOpenApiPath(r.path)] ??= {})[method] = {
      summary: r.summary,
      tags: [tagOf(r.path)],
      operationId: `${method}${r.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, ch: string) => (ch ?? "").toUpperCase())}`,
      security: SECURITY[route.auth],
      ...(params.length ? { parameters: params } : {}),
      ...(route.body
        ? {
          requestBody: {
            required: !route.bodyOptional,
            // A route with its own media type (browsers' CSP reports) reads the body as JSON whatever its type.
            content: Object.fromEntries(
              [...new Set([route.bodyType ?? "application/json", "application/json"])].map((type) => [
                type,
                { schema: { ...jsonSchema(route.body!, "input"), ...r.bodyRules } },
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
      schemas: { Error: jsonSchema(ErrorBodySchema, "output") },
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
