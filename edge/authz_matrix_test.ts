/**
 * The authorization matrix: every described route of the app × every kind of caller → the expected status,
 * from the one table below. A route without a row fails the test, so a new route cannot be
 * forgotten; a row without a route fails too.
 *
 * The rules the table encodes:
 * - technician routes need a live cookie of an enabled technician (401 otherwise: anonymous, customer
 *   keys, the admin token, a disabled technician's cookie);
 * - a session belongs to the technician who created it. Anyone else — same group or not — gets the
 *   same 404 as for an id that does not exist, so ids of other people's sessions leak nothing;
 * - customer routes act on the session of the customer key in the bearer header and on nothing else:
 *   another session's key works on *that* session and leaves this one untouched;
 * - admin routes need the admin bearer token and nothing else opens them;
 * - PIN, link and set-password routes are open to whoever holds the PIN, link secret or token
 *   (possession is the credential); the LiveKit webhook needs LiveKit's signature, which no user holds.
 *
 * Besides the status, every cell checks: a refused request changes nothing in KV (rate-limit counters
 * aside); a caller who is not entitled never sees the target's id in the answer; and a 404 for
 * someone else's object is byte-identical to the 404 for an id that does not exist.
 */
import { ALL_PERMISSIONS } from "@sightline/shared";
import { LINK_SECRET_HEADER } from "@sightline/shared/api";
import { assert, assertEquals } from "./testing/assert.ts";
import { describedRoutes } from "./contract.ts";
import { type Principal, PRINCIPALS, principalsApp, type SessionState } from "./testing/principals.ts";
import { keys } from "./db/keys.ts";
import { TECH } from "./testing/app.ts";

type Fixture = Awaited<ReturnType<typeof principalsApp>>;
type Expect = Record<Principal, number>;
/** What the route acts on: a session in a state, an admin object, an invitation, or nothing. */
type On = SessionState | "group" | "technician" | "invitation" | "none";
interface Target {
  /** Replaces `:id` in the path. */
  id?: string;
  pin?: string;
  linkSecret?: string;
  customerKey?: string;
  token?: string;
  /** The KV key of the object, whose value non-entitled callers must not change. */
  key?: Deno.KvKey;
}
interface Row {
  expect: Expect;
  on?: On;
  body?: (t: Target) => unknown;
  headers?: (t: Target) => Record<string, string>;
  rawBody?: string;
  /** Whoever holds the PIN, link secret or token may call it: no leak or untouched-target checks. */
  byPossession?: boolean;
}

const row = (
  anonymous: number,
  ownerCustomer: number,
  otherCustomer: number,
  owner: number,
  sameGroupTech: number,
  otherGroupTech: number,
  disabledTech: number,
  admin: number,
): Expect => ({ anonymous, ownerCustomer, otherCustomer, owner, sameGroupTech, otherGroupTech, disabledTech, admin });

const ADMIN_ONLY = (ok: number) => row(401, 401, 401, 401, 401, 401, 401, ok);
const ANYONE = (status: number) => row(status, status, status, status, status, status, status, status);
const OWN_SESSION = (ok: number) => row(401, 401, 401, ok, 404, 404, 401, 401);
const SIGNED_IN = (ok: number) => row(401, 401, 401, ok, ok, ok, 401, 401);
const CUSTOMER_KEY = (ok: number) => row(401, ok, ok, 401, 401, 401, 401, 401);

const uniqueEmail = () => `new-${crypto.randomUUID().slice(0, 8)}@example.test`;

/** The table. Columns: anonymous, ownerCustomer, otherCustomer, owner, sameGroupTech, otherGroupTech, disabledTech, admin. */
export const MATRIX: Record<string, Row> = {
  //                                                      anon ownC othC owner same othG dis  admin
  "POST /api/auth/login": { expect: ANYONE(200), body: () => ({ email: TECH.email, password: TECH.password }) },
  "POST /api/auth/logout": { expect: ANYONE(200) },
  "GET /api/me": { expect: SIGNED_IN(200) },
  "GET /api/sessions": { expect: SIGNED_IN(200), on: "waiting" },
  "POST /api/sessions": {
    expect: SIGNED_IN(201),
    body: () => ({ type: "lens", name: "Bob", delivery: { method: "link" } }),
  },
  "GET /api/sessions/events": { expect: SIGNED_IN(200), on: "waiting" },
  "POST /api/sessions/:id/start": { expect: OWN_SESSION(200), on: "waiting" },
  "POST /api/sessions/:id/end": { expect: OWN_SESSION(200), on: "waiting" },
  "POST /api/sessions/:id/screenshot": { expect: OWN_SESSION(200), on: "active" },
  "POST /api/sessions/:id/chat": {
    expect: OWN_SESSION(200),
    on: "active",
    body: () => ({ id: crypto.randomUUID(), from: "customer", text: "Hello", at: 1 }),
  },
  "GET /api/sessions/:id/transcript": { expect: OWN_SESSION(200), on: "active" },
  "GET /api/sessions/:id/notes": { expect: OWN_SESSION(200), on: "active" },
  "POST /api/sessions/:id/notes": { expect: OWN_SESSION(200), on: "active", body: () => ({ text: "Seal replaced" }) },
  "POST /api/sessions/:id/resend": { expect: OWN_SESSION(200), on: "pending" },
  "POST /api/sessions/:id/extend": { expect: OWN_SESSION(200), on: "pending" },
  "POST /api/sessions/:id/cancel": { expect: OWN_SESSION(200), on: "pending" },
  // Only an ended session can be cleared: the owner gets past authorization to the 409.
  "POST /api/sessions/:id/clear": { expect: OWN_SESSION(409), on: "waiting" },
  "GET /api/join/:pin": {
    expect: ANYONE(200),
    on: "pending",
    byPossession: true,
    headers: (t) => ({ [LINK_SECRET_HEADER]: t.linkSecret! }),
  },
  "POST /api/join/:pin/accept": {
    expect: ANYONE(200),
    on: "pending",
    byPossession: true,
    body: (t) => ({ eulaVersion: "2", linkSecret: t.linkSecret }),
  },
  "POST /api/join/:pin/decline": {
    expect: ANYONE(200),
    on: "pending",
    byPossession: true,
    body: (t) => ({ linkSecret: t.linkSecret }),
  },
  "POST /api/join/:pin/progress": {
    expect: ANYONE(200),
    on: "pending",
    byPossession: true,
    body: (t) => ({ event: "tutorial", linkSecret: t.linkSecret }),
  },
  "POST /api/customer/rejoin": { expect: CUSTOMER_KEY(200), on: "waiting" },
  "POST /api/customer/progress": {
    expect: CUSTOMER_KEY(200),
    on: "accepted",
    body: () => ({ event: "cannot-connect", reason: "network" }),
  },
  "POST /api/customer/end": { expect: CUSTOMER_KEY(200), on: "waiting" },
  "POST /api/livekit/webhook": {
    expect: ANYONE(401),
    on: "accepted",
    headers: () => ({ "content-type": "application/webhook+json" }),
    body: (t) => ({ event: "participant_joined", room: { name: `session-${t.id}` } }),
  },
  "POST /api/csp-report": {
    expect: ANYONE(204),
    headers: () => ({ "content-type": "application/csp-report" }),
    rawBody: JSON.stringify({ "csp-report": { "blocked-uri": "https://x.example/a.js", "violated-directive": "x" } }),
  },
  "GET /api/health": { expect: ANYONE(200) },
  "GET /api/openapi.json": { expect: ANYONE(200) },
  "GET /api/docs": { expect: ANYONE(200) },
  "POST /api/auth/set-password": {
    expect: ANYONE(200),
    on: "invitation",
    byPossession: true,
    body: (t) => ({ token: t.token, password: "another-long-password" }),
  },
  "GET /api/admin/groups": { expect: ADMIN_ONLY(200) },
  "POST /api/admin/groups": {
    expect: ADMIN_ONLY(201),
    body: () => ({ name: `G ${crypto.randomUUID().slice(0, 6)}`, permissions: ALL_PERMISSIONS }),
  },
  "GET /api/admin/groups/:id": { expect: ADMIN_ONLY(200), on: "group" },
  "PATCH /api/admin/groups/:id": { expect: ADMIN_ONLY(200), on: "group", body: () => ({ name: "Renamed" }) },
  "DELETE /api/admin/groups/:id": { expect: ADMIN_ONLY(204), on: "group" },
  "GET /api/admin/technicians": { expect: ADMIN_ONLY(200) },
  "POST /api/admin/technicians": {
    expect: ADMIN_ONLY(201),
    on: "group",
    body: (t) => ({ email: uniqueEmail(), name: "New", groupId: t.id, invite: true }),
  },
  "GET /api/admin/technicians/:id": { expect: ADMIN_ONLY(200), on: "technician" },
  "PATCH /api/admin/technicians/:id": { expect: ADMIN_ONLY(200), on: "technician", body: () => ({ name: "Renamed" }) },
  "DELETE /api/admin/technicians/:id": { expect: ADMIN_ONLY(204), on: "technician" },
  "POST /api/admin/technicians/:id/invite": { expect: ADMIN_ONLY(200), on: "technician", body: () => ({}) },
  "GET /api/admin/settings": { expect: ADMIN_ONLY(200) },
  "PATCH /api/admin/settings": { expect: ADMIN_ONLY(200), body: () => ({ companyName: "Acme" }) },
  "GET /api/admin/sessions": { expect: ADMIN_ONLY(200), on: "waiting" },
  "GET /api/admin/csp-reports": { expect: ADMIN_ONLY(200) },
  "GET /api/admin/audit": { expect: ADMIN_ONLY(200), on: "waiting" },
};

/** Principals entitled to see and change the target; everyone else must leave it alone. */
const ENTITLED: Principal[] = ["owner", "ownerCustomer", "admin"];

async function makeTarget(f: Fixture, on: On): Promise<Target> {
  switch (on) {
    case "none":
      return {};
    case "group": {
      const g = await f.group();
      return { id: g.id, key: keys.group(g.id) };
    }
    case "technician": {
      const { technician } = await f.invited();
      return { id: technician.id, key: keys.technician(technician.id) };
    }
    case "invitation": {
      const { technician, token } = await f.invited();
      return { id: technician.id, token, key: keys.technician(technician.id) };
    }
    default: {
      const s = await f.session(on);
      return { id: s.id, pin: s.pin, linkSecret: s.linkSecret, customerKey: s.customerKey, key: keys.session(s.id) };
    }
  }
}

/** The first SSE event's data (the stream is then closed). */
async function firstEvent(res: Response, controller: AbortController): Promise<string> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  while (!buffer.includes("\n\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
  }
  controller.abort();
  await reader.cancel().catch(() => {});
  return buffer;
}

Deno.test("authorization matrix: every route × every kind of caller", async (st) => {
  using f = await principalsApp();
  assert(await f.isDisabled());
  const routes = describedRoutes(f.app);
  const routeKeys = routes.map((r) => `${r.method} ${r.path}`);
  const missing = routeKeys.filter((k) => !MATRIX[k]);
  assertEquals(missing.map((k) => `route ${k} has no authorization row`), []);
  assertEquals(Object.keys(MATRIX).filter((k) => !routeKeys.includes(k)), [], "rows for routes that do not exist");

  let cells = 0;
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const entry = MATRIX[key];
    await st.step(key, async () => {
      let target = await makeTarget(f, entry.on ?? "none");
      for (const p of PRINCIPALS) {
        const other = p === "otherCustomer" ? await f.session("waiting", f.ids.otherGroupTech) : undefined;
        const method = route.method;
        const path = route.path.replace(":id", target.id ?? "").replace(":pin", target.pin ?? "");
        const headers = { ...f.headersOf(p, target.customerKey, other?.customerKey), ...entry.headers?.(target) };
        const body = entry.rawBody ?? (entry.body ? JSON.stringify(entry.body(target)) : undefined);
        if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
        f.takeWrites();
        const targetBefore = target.key ? (await f.kv.get(target.key)).versionstamp : null;
        const controller = new AbortController();
        const res = await f.request(path, { method, headers, body, signal: controller.signal });
        const text = res.headers.get("content-type") === "text/event-stream"
          ? await firstEvent(res, controller)
          : await res.text();
        const where = `${key} as ${p}: ${text.slice(0, 200)}`;
        assertEquals(res.status, entry.expect[p], where);
        cells++;

        if (res.status >= 400) {
          assertEquals(f.takeWrites(), [], `${where}: a refused request changed KV`);
          assertEquals(Object.keys(JSON.parse(text).error).slice(0, 2), ["code", "message"], where);
        }
        if (!ENTITLED.includes(p) && !entry.byPossession && target.id) {
          assert(!text.includes(target.id), `${where}: leaks the target's id`);
          assertEquals((await f.kv.get(target.key!)).versionstamp, targetBefore, `${where}: changed the target`);
        }
        if (res.status === 404 && route.path.includes(":id")) {
          // Someone else's object answers exactly like one that does not exist.
          const unknown = await f.request(route.path.replace(":id", crypto.randomUUID()), { method, headers, body });
          assertEquals([unknown.status, await unknown.text()], [404, text], `${where}: 404 differs from unknown id`);
        }
        if (route.path === "/api/auth/logout" && (p === "owner" || p === "sameGroupTech" || p === "otherGroupTech")) {
          await f.relogin(p);
        }
        if (res.ok && method !== "GET") target = await makeTarget(f, entry.on ?? "none");
      }
    });
  }
  assertEquals(cells, routes.length * PRINCIPALS.length);
  console.log(`authorization matrix: ${routes.length} routes × ${PRINCIPALS.length} principals = ${cells} cells`);
});

Deno.test("a disabled technician's cookie stops working even if its sign-in session survived", async () => {
  using f = await principalsApp();
  // Defence in depth: requireTechnician checks the flag on every request, not only the revocation.
  const cookie = f.cookies.sameGroupTech;
  assertEquals((await f.request("/api/me", { headers: { cookie } })).status, 200);
  const entry = await f.kv.get<Record<string, unknown>>(keys.technician(f.ids.sameGroupTech));
  await f.kv.set(entry.key, { ...entry.value, disabled: true });
  assertEquals((await f.request("/api/me", { headers: { cookie } })).status, 401);
  assertEquals((await f.request("/api/sessions", { headers: { cookie } })).status, 401);
});
