/**
 * The app as the admin API sees it, for the admin and set-password tests: the real app over an
 * in-memory KV and a manual clock, mail through the Resend SDK to the local recorder.
 */
import { assert, assertEquals } from "./assert.ts";
import { ADMIN_TOKEN, ORIGIN } from "./app.ts";
import { createApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { manualClock } from "../clock.ts";
import { createLiveKit } from "../services/livekit.ts";
import { createResendMailer } from "../services/mailer.ts";
import { memoryLog } from "../log.ts";
import { startResendRecorder } from "../../tests/support/resend_recorder.ts";
import { SET_PASSWORD_PAGE, setPasswordToken } from "@sightline/shared/api";
import { type AdminSession, ALL_PERMISSIONS, type AuditEntry, type Group, type Technician } from "@sightline/shared";

const RESEND_KEY = "re_admin_test";
export const PASSWORD = "long-password-1";

type Init = { method?: string; json?: unknown; headers?: Record<string, string>; admin?: boolean };

/**
 * The real app over an in-memory KV, a manual clock, the Resend mailer pointed at the local
 * recorder, and LiveKit at a closed port (closing rooms fails; `closedRooms` records the attempts).
 */
export async function adminApp() {
  const kv = await Deno.openKv(":memory:");
  const recorder = startResendRecorder({ apiKey: RESEND_KEY });
  const clock = manualClock();
  const config = loadConfig({ SIGHTLINE_DEV: "1", ADMIN_TOKEN, PUBLIC_URL: ORIGIN, LIVEKIT_URL: "ws://127.0.0.1:9" });
  const log = memoryLog();
  const realLiveKit = createLiveKit(config.livekit, log);
  const closedRooms: string[] = [];
  const app = createApp({
    kv,
    config,
    livekit: {
      ...realLiveKit,
      closeRoom: (id) => {
        closedRooms.push(id);
        return realLiveKit.closeRoom(id);
      },
    },
    mailer: createResendMailer(
      { apiKey: RESEND_KEY, from: "Support <help@acme.example>", baseUrl: recorder.url },
      log,
    ),
    clock,
    log,
  });

  const request = (path: string, init: Init = {}) => {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    if (init.admin !== false && path.startsWith("/api/admin")) headers.set("authorization", `Bearer ${ADMIN_TOKEN}`);
    if (!path.startsWith("/api/admin") && init.method && init.method !== "GET" && !headers.has("origin")) {
      headers.set("origin", ORIGIN);
    }
    return app.request(`${ORIGIN}${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  };
  /** A request whose status must be `status`; returns the parsed body (null for 204). */
  const call = async <T = Record<string, unknown>>(status: number, path: string, init: Init = {}): Promise<T> => {
    const res = await request(path, init);
    const body = res.status === 204 ? null : await res.json();
    assertEquals(res.status, status, `${init.method ?? "GET"} ${path}: ${JSON.stringify(body)}`);
    return body as T;
  };
  /** An error response with `status` and `code`; returns its body. */
  const fails = async (status: number, code: string, path: string, init: Init = {}) => {
    const body = await call<{ error: { code: string; message: string; details?: unknown } }>(status, path, init);
    assertEquals(body.error.code, code);
    return body.error;
  };

  const group = (name = "Support", permissions = ALL_PERMISSIONS) =>
    call<Group>(201, "/api/admin/groups", { method: "POST", json: { name, permissions } });
  const technician = (groupId: string, email = "tess@example.test", extra: Record<string, unknown> = {}) =>
    call<Technician>(201, "/api/admin/technicians", {
      method: "POST",
      json: { email, name: "Tess", groupId, password: PASSWORD, ...extra },
    });
  const login = (email = "tess@example.test", password = PASSWORD) =>
    request("/api/auth/login", { method: "POST", json: { email, password } });
  const cookieOf = async (email?: string, password?: string) => {
    const res = await login(email, password);
    assertEquals(res.status, 200);
    return res.headers.get("set-cookie")!.split(";")[0];
  };
  const newSession = async (cookie: string, name = "Alice") =>
    (await call<{ session: { id: string } }>(201, "/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name, delivery: { method: "link" } },
    })).session.id;
  const adminSessions = async (query = "") =>
    (await call<{ sessions: AdminSession[] }>(200, `/api/admin/sessions${query}`)).sessions;
  const audit = async (query = "") => (await call<{ entries: AuditEntry[] }>(200, `/api/admin/audit${query}`)).entries;

  return {
    kv,
    clock,
    recorder,
    closedRooms,
    request,
    call,
    fails,
    group,
    technician,
    login,
    cookieOf,
    newSession,
    adminSessions,
    audit,
    async [Symbol.asyncDispose]() {
      kv.close();
      await recorder.close();
    },
  };
}

/** The set-password token from a recorded invitation mail, checking that both bodies hold the link. */
export function tokenFrom(mail: { html: string; text: string }): string {
  const link = mail.text.match(new RegExp(`${ORIGIN}${SET_PASSWORD_PAGE}#t=[\\w-]+`))?.[0];
  assert(link, `set-password link in text: ${mail.text}`);
  assert(mail.html.includes(`href="${link}"`), "set-password link in HTML");
  return setPasswordToken(new URL(link).hash);
}
