/**
 * Fuzzing every described route of the app in process, past authentication (owner's cookie, admin token,
 * customer key, LiveKit signature as each route needs): malformed JSON, bad UTF-8, bodies near and
 * over the limit, 10k-deep nesting, every field of a valid body with every wrong value, unicode edge
 * cases, prototype-pollution keys, numbers JSON cannot hold; weird path parameters and query strings.
 *
 * Every case must: answer below 500 within 10 s; answer errors in the common envelope (400 with
 * `details`); answer 413 for a body over the limit; leave KV untouched when refused (rate-limit
 * counters aside); and leave `Object.prototype` unpolluted.
 *
 * `deno test` runs the structured cases plus FUZZ_RANDOM (default 20) random mutations per route;
 * `deno task fuzz` runs many more random ones (FUZZ_RANDOM=2000, FUZZ_SEED to vary).
 */
import * as z from "zod/mini";
import { ALL_PERMISSIONS } from "@sightline/shared";
import { assert, assertEquals } from "./testing/assert.ts";
import { livekitWebhookAuth } from "./testing/livekit.ts";
import type { Auth } from "@sightline/shared/api";
import { describedRoutes } from "./contract.ts";
import { principalsApp, type SessionTarget } from "./testing/principals.ts";
import { ADMIN_TOKEN, LIVEKIT_KEY, LIVEKIT_SECRET, TECH } from "./testing/app.ts";
import { keys } from "./db/keys.ts";
import {
  type BodyCase,
  MAX_BODY_BYTES,
  mulberry32,
  paramCases,
  queryCases,
  randomCase,
  structuredCases,
} from "../tests/fuzz/cases.ts";

const RANDOM_PER_ROUTE = Number(Deno.env.get("FUZZ_RANDOM") ?? 20);
const SEED = Number(Deno.env.get("FUZZ_SEED") ?? 8);
const TIMEOUT_MS = 10_000;

type Fixture = Awaited<ReturnType<typeof principalsApp>>;

/** A described route as the fuzzer reads it (`method` in lower case, as the seeds below name it). */
interface FuzzRoute {
  method: string;
  path: string;
  auth: Auth;
  body?: z.core.$ZodType;
  contentType?: string;
  query?: z.core.$ZodType;
}

const fuzzRoutes = (f: Fixture): FuzzRoute[] =>
  describedRoutes(f.app).map(({ method, path, route }) => ({
    method: method.toLowerCase(),
    path,
    auth: route.auth,
    body: route.body,
    contentType: route.bodyType,
    query: route.query,
  }));

/** What the fuzzed routes act on; a piece is rebuilt when a case used it up. */
interface State {
  session: SessionTarget;
  pending: SessionTarget;
  groupId: string;
  technicianId: string;
}

async function freshState(f: Fixture): Promise<State> {
  return {
    session: await f.session("waiting"),
    pending: await f.session("pending"),
    groupId: (await f.group()).id,
    technicianId: (await f.invited()).technician.id,
  };
}

/** After a 2xx, rebuilds the piece of state the route may have used up (and only that one). */
async function refresh(f: Fixture, r: FuzzRoute, s: State): Promise<void> {
  if (r.path.startsWith("/api/join/")) s.pending = await f.session("pending");
  else if (r.path.startsWith("/api/sessions/:id") || r.path.startsWith("/api/customer/") || r.auth === "livekit") {
    const current = await f.kv.get<{ status: string }>(keys.session(s.session.id));
    if (current.value?.status !== "waiting") s.session = await f.session("waiting");
  } else if (r.path === "/api/admin/groups/:id" && r.method === "delete") s.groupId = (await f.group()).id;
  else if (r.path.startsWith("/api/admin/technicians/:id") && r.method !== "get") {
    s.technicianId = (await f.invited()).technician.id;
  }
}

/** A valid body per route (null: the route takes none), for the fuzzer to mutate. */
function seedOf(r: FuzzRoute, s: State): unknown {
  switch (`${r.method} ${r.path}`) {
    case "post /api/auth/login":
      return { email: "nobody@example.test", password: "wrong-password" };
    case "post /api/sessions":
      return { type: "lens", name: "Bob", delivery: { method: "email-client", locale: "de" } };
    case "post /api/join/:pin/accept":
      return { eulaVersion: "2", linkSecret: s.pending.linkSecret };
    case "post /api/join/:pin/decline":
      return { linkSecret: s.pending.linkSecret };
    case "post /api/livekit/webhook":
      return {
        event: "participant_joined",
        room: { name: `session-${s.session.id}` },
        participant: { identity: `customer:${s.session.id}`, sid: "PA_fuzz" },
      };
    case "post /api/csp-report":
      return { "csp-report": { "document-uri": "http://127.0.0.1:8000/j/123456", "blocked-uri": "inline" } };
    case "post /api/auth/set-password":
      return { token: "t".repeat(32), password: "long-password-2" };
    case "post /api/admin/groups":
      return { name: "Fuzz", permissions: ALL_PERMISSIONS };
    case "patch /api/admin/groups/:id":
      return { name: "Fuzzed", permissions: { useEmailMethod: false } };
    case "post /api/admin/technicians":
      return { email: "fuzz@example.test", name: "Fuzz", groupId: s.groupId, invite: true, locale: "en" };
    case "patch /api/admin/technicians/:id":
      return { name: "Fuzzed", groupId: s.groupId, disabled: false };
    case "post /api/admin/technicians/:id/invite":
      return { locale: "de" };
    case "patch /api/admin/settings":
      return { companyName: "Fuzz Inc", pinValidityMinutes: 20, retentionDays: 30 };
    default:
      return r.body ? {} : null;
  }
}

/** Top-level field names of the route's body schema, so optional fields get wrong values too. */
function fieldsOf(r: FuzzRoute): string[] {
  if (!r.body) return [];
  const schema = z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" }) as { properties?: object };
  return Object.keys(schema.properties ?? {});
}

const signed = (body: string | Uint8Array<ArrayBuffer>) => livekitWebhookAuth(LIVEKIT_KEY, LIVEKIT_SECRET, body);

interface Tally {
  cases: number;
  statuses: Map<number, number>;
  failures: string[];
}

async function send(
  f: Fixture,
  r: FuzzRoute,
  s: State,
  path: string,
  c: BodyCase | null,
  tally: Tally,
): Promise<number> {
  const headers: Record<string, string> = {};
  if (r.auth === "technician") headers.cookie = f.cookies.owner;
  if (r.auth === "admin") headers.authorization = `Bearer ${ADMIN_TOKEN}`;
  if (r.auth === "customer") headers.authorization = `Bearer ${s.session.customerKey}`;
  if (c) {
    headers["content-type"] = r.contentType ?? (r.auth === "livekit" ? "application/webhook+json" : "application/json");
  }
  if (c && r.auth === "livekit") headers.authorization = await signed(c.body);
  const label = `${r.method.toUpperCase()} ${path.slice(0, 80)} ${c ? c.label : ""}`;
  f.takeWrites();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let res: Response;
  try {
    res = await f.request(path, {
      method: r.method.toUpperCase(),
      headers,
      body: c?.body,
      signal: controller.signal,
      // Each case from its own address, so per-client limits do not hide the validation behind 429s.
      address: `198.51.100.${tally.cases % 250}`,
    });
  } catch (err) {
    tally.failures.push(`${label}: no answer (${err})`);
    return 0;
  } finally {
    clearTimeout(timer);
  }
  tally.cases++;
  tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
  const text = res.headers.get("content-type") === "text/event-stream" ? (controller.abort(), "") : await res.text();
  const problem = (msg: string) => tally.failures.push(`${label}: ${msg} — ${res.status} ${text.slice(0, 160)}`);
  if (res.status >= 500) problem("server error");
  const size = c ? (typeof c.body === "string" ? new TextEncoder().encode(c.body).length : c.body.length) : 0;
  if (size > MAX_BODY_BYTES && res.status !== 413) problem("over the body limit but not 413");
  if (res.status >= 400) {
    let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } = {};
    try {
      body = JSON.parse(text);
    } catch { /* checked below */ }
    if (typeof body.error?.code !== "string" || typeof body.error?.message !== "string") problem("no error envelope");
    if (res.status === 400 && body.error?.code === "validation_failed" && !Array.isArray(body.error.details)) {
      problem("validation error without details");
    }
    const written = f.takeWrites();
    if (written.length) problem(`refused but KV written: ${written.slice(0, 3).join(", ")}`);
  }
  // deno-lint-ignore no-explicit-any
  if (({} as any).polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")) {
    problem("Object.prototype polluted");
    // deno-lint-ignore no-explicit-any
    delete (Object.prototype as any).polluted;
  }
  return res.status;
}

function concretePath(r: FuzzRoute, s: State): string {
  const id = r.path.includes("/groups/") ? s.groupId : r.path.includes("/technicians/") ? s.technicianId : s.session.id;
  return r.path.replace(":id", id).replace(":pin", s.pending.pin);
}

Deno.test("fuzzing every route: never a 5xx, always the error envelope, nothing half-written", async () => {
  using f = await principalsApp();
  const routes = fuzzRoutes(f);
  const rng = mulberry32(SEED);
  const tally: Tally = { cases: 0, statuses: new Map(), failures: [] };
  const s = await freshState(f);
  const perRoute: [string, number, number][] = [];
  const started = performance.now();
  for (const r of routes) {
    const routeStart = performance.now();
    const casesBefore = tally.cases;
    if (r.path === "/api/auth/logout") continue; // would sign the fuzzing technician out; it reads no input
    const mutating = r.method !== "get";
    // Bodies, for routes that take one (and those that do not: they must not care).
    if (mutating) {
      const seed = seedOf(r, s);
      const cases = [
        ...structuredCases(seed as never, fieldsOf(r)),
        ...Array.from({ length: RANDOM_PER_ROUTE }, () => randomCase(rng, seed as never)),
      ];
      for (const c of cases) {
        const status = await send(f, r, s, concretePath(r, s), c, tally);
        if (status >= 200 && status < 300) await refresh(f, r, s);
      }
    }
    // Path parameters.
    for (const param of r.path.includes(":") ? paramCases() : []) {
      const path = r.path.replace(/:(\w+)/, param).replace(/:(\w+)/, "x");
      const seed = mutating ? seedOf(r, s) : null;
      const status = await send(
        f,
        r,
        s,
        path,
        seed === null ? null : { label: "param", body: JSON.stringify(seed) },
        tally,
      );
      if (status >= 200 && status < 300) await refresh(f, r, s);
    }
    // Query strings.
    if (r.query) {
      const names = Object.keys(
        (z.toJSONSchema(r.query, { io: "input" }) as { properties?: object }).properties ?? {},
      );
      for (const q of queryCases(rng, names)) await send(f, r, s, `${r.path}${q}`, null, tally);
    }
    if (!mutating && !r.path.includes(":") && !r.query) await send(f, r, s, r.path, null, tally);
    perRoute.push([`${r.method} ${r.path}`, tally.cases - casesBefore, performance.now() - routeStart]);
  }
  // Whatever the cases held, the edge's log (kept by the test app, not printed) is one JSON object a line.
  for (const line of f.log.lines) assert(!line.includes("\n") && JSON.parse(line).msg, line.slice(0, 200));
  if (Deno.env.get("FUZZ_VERBOSE")) {
    for (const [route, n, ms] of perRoute) console.log(`  ${route}: ${n} cases, ${ms.toFixed(0)} ms`);
  }
  // The technician and admin still work after all that: the fuzzing broke no account.
  assertEquals((await f.request("/api/me", { headers: { cookie: f.cookies.owner } })).status, 200);
  assertEquals(
    (await f.request("/api/auth/login", { method: "POST", json: { email: TECH.email, password: TECH.password } }))
      .status,
    200,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const statuses = [...tally.statuses].toSorted(([a], [b]) => a - b).map(([k, v]) => `${k}×${v}`).join(" ");
  const fiveHundreds = [...tally.statuses].filter(([k]) => k >= 500).reduce((n, [, v]) => n + v, 0);
  console.log(
    `fuzz: ${tally.cases} cases over ${routes.length - 1} routes in ${seconds} s; ${fiveHundreds} 5xx; ${statuses}`,
  );
  assert(tally.cases > 1000, `only ${tally.cases} cases ran`);
  assertEquals(tally.failures.slice(0, 30), [], `${tally.failures.length} failures`);
});
