/**
 * The real app over a fresh in-memory KV, for in-process tests (`app.request`). LiveKit points at a
 * closed port unless a test passes its own; mail goes to the KV outbox unless a test passes a mailer.
 */
import type { Permissions } from "@sightline/shared";
import { createApp } from "./app.ts";
import { type Clock, manualClock } from "./clock.ts";
import { loadConfig } from "./config.ts";
import { ALL_PERMISSIONS, createGroup, createTechnician } from "./db/accounts.ts";
import { createLiveKit, type LiveKit } from "./services/livekit.ts";
import { createOutboxMailer, type Mailer } from "./services/mailer.ts";
import { assertEquals } from "./testing.ts";

export const ORIGIN = "http://127.0.0.1:8000";
export const ADMIN_TOKEN = "a".repeat(40);
export const LIVEKIT_KEY = "testkey";
export const LIVEKIT_SECRET = "s".repeat(32);
export const TECH = { email: "tech@example.test", password: "long-password-1", name: "Tess" };

export interface RequestOptions extends RequestInit {
  json?: unknown;
  /** Client address the edge sees (connection info). */
  address?: string;
}

export async function testApp(options: {
  permissions?: Permissions;
  clock?: Clock;
  mailer?: Mailer;
  livekit?: LiveKit;
} = {}) {
  const kv = await Deno.openKv(":memory:");
  const clock = options.clock ?? manualClock(Date.now());
  const config = loadConfig({
    SIGHTLINE_DEV: "1",
    ADMIN_TOKEN,
    PUBLIC_URL: ORIGIN,
    LIVEKIT_URL: "ws://127.0.0.1:9",
    LIVEKIT_API_KEY: LIVEKIT_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_SECRET,
  });
  const app = createApp({
    kv,
    config,
    livekit: options.livekit ?? createLiveKit(config.livekit),
    mailer: options.mailer ?? createOutboxMailer(kv),
    clock,
  });
  const group = await createGroup(kv, { name: "G", permissions: options.permissions ?? ALL_PERMISSIONS });
  const technician = await createTechnician(kv, { ...TECH, groupId: group.id });

  const request = (path: string, init: RequestOptions = {}) => {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    if (!headers.has("origin") && init.method && init.method !== "GET") headers.set("origin", ORIGIN);
    const env = { remoteAddr: { hostname: init.address ?? "192.0.2.1", port: 40000, transport: "tcp" } };
    return app.request(`${ORIGIN}${path}`, {
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

  return {
    kv,
    app,
    clock,
    group,
    technician,
    request,
    login,
    createLinkSession,
    [Symbol.dispose]: () => kv.close(),
  };
}
