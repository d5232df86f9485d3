/**
 * The real app over a fresh in-memory KV, for in-process tests (`app.request`). LiveKit points at a
 * closed port unless a test passes its own; mail goes to the KV outbox unless a test passes a mailer.
 * The edge's log lines are kept in `log` (`log.lines`, `log.entries()`), not printed.
 */
import type { Permissions } from "@sightline/shared";
import { createApp } from "../app.ts";
import { type Clock, manualClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { ALL_PERMISSIONS } from "@sightline/shared";
import { createGroup } from "../db/groups.ts";
import { createTechnician } from "../db/technicians.ts";
import { acceptSession } from "../db/sessions.ts";
import { createLiveKit, type LiveKit } from "../services/livekit.ts";
import { createOutboxMailer, type Mailer } from "../services/mailer.ts";
import { memoryLog } from "../log.ts";
import { assertEquals } from "./assert.ts";
import { LIVEKIT_KEY, LIVEKIT_SECRET, livekitWebhookAuth } from "./livekit.ts";

export const ORIGIN = "http://127.0.0.1:8000";
export const ADMIN_TOKEN = "a".repeat(40);
export { LIVEKIT_KEY, LIVEKIT_SECRET };
export const TECH = { email: "tech@example.test", password: "long-password-1", name: "Tess" };

export interface RequestOptions extends RequestInit {
  json?: unknown;
  /** Client address the edge sees (connection info). */
  address?: string;
  /** The host asked for (the URL's, hence `Host`); ORIGIN's unless given. */
  host?: string;
}

export async function testApp(options: {
  permissions?: Permissions;
  clock?: Clock;
  mailer?: Mailer;
  livekit?: LiveKit;
  /** More of the edge's environment (EXTRA_ORIGINS, TRUSTED_PROXIES, ADMIN_EMAIL …). */
  env?: Record<string, string>;
} = {}) {
  const kv = await Deno.openKv(":memory:");
  const clock = options.clock ?? manualClock(Date.now());
  const log = memoryLog();
  const config = loadConfig({
    SIGHTLINE_DEV: "1",
    ADMIN_TOKEN,
    PUBLIC_URL: ORIGIN,
    LIVEKIT_URL: "ws://127.0.0.1:9",
    LIVEKIT_API_KEY: LIVEKIT_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_SECRET,
    ...options.env,
  });
  const app = createApp({
    kv,
    config,
    livekit: options.livekit ?? createLiveKit(config.livekit, log),
    mailer: options.mailer ?? createOutboxMailer(kv, log),
    clock,
    log,
  });
  const group = await createGroup(kv, { name: "G", permissions: options.permissions ?? ALL_PERMISSIONS });
  const technician = await createTechnician(kv, { ...TECH, groupId: group.id });

  const request = (path: string, init: RequestOptions = {}) => {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    if (!headers.has("origin") && init.method && init.method !== "GET") headers.set("origin", ORIGIN);
    const env = { remoteAddr: { hostname: init.address ?? "192.0.2.1", port: 40000, transport: "tcp" } };
    const base = init.host === undefined ? ORIGIN : `http://${init.host}`;
    return app.request(`${base}${path}`, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    }, env);
  };

  /** Signs the test technician in and returns the cookie header. */
  const login = async () => {
    const res = await request("/api/auth/login", { method: "POST", json: TECH });
    assertEquals(res.status, 200);
    return res.headers.get("set-cookie")!.split(";")[0];
  };

  /** Creates a Link session as the test technician: `{session, pin, link, secret}`. */
  const createLinkSession = async (cookie: string, name = "Alice") => {
    const res = await request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name, delivery: { method: "link" } },
    });
    assertEquals(res.status, 201);
    const body = await res.json();
    return { ...body, secret: new URL(body.link).hash.slice("#k=".length) as string };
  };

  /** Posts a LiveKit webhook signed the way livekit-server signs it (JWT with the body's SHA-256). */
  const webhook = async (event: Record<string, unknown>, secret = LIVEKIT_SECRET) => {
    const body = JSON.stringify(event);
    return request("/api/livekit/webhook", {
      method: "POST",
      headers: {
        "content-type": "application/webhook+json",
        authorization: await livekitWebhookAuth(LIVEKIT_KEY, secret, body),
      },
      body,
    });
  };

  /** A session whose customer accepted and is in the room (per a signed webhook): Waiting. Returns its id. */
  const waitingSession = async (cookie: string, name: string) => {
    const s = await createLinkSession(cookie, name);
    await acceptSession(kv, s.pin, { eulaVersion: "2", linkSecret: s.secret, client: {} }, clock.now());
    assertEquals((await webhook(customerJoined(s.session.id))).status, 200);
    return s.session.id as string;
  };

  return {
    kv,
    app,
    clock,
    log,
    group,
    technician,
    request,
    login,
    createLinkSession,
    webhook,
    waitingSession,
    [Symbol.dispose]: () => kv.close(),
  };
}

/** LiveKit's `participant_joined` webhook event of the session's customer. */
export const customerJoined = (sessionId: string) => ({
  event: "participant_joined",
  room: { name: `session-${sessionId}` },
  participant: { identity: `customer:${sessionId}` },
});
