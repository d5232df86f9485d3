/**
 * Who can call the API, for the authorization matrix and the fuzz tests: one in-process app (real
 * Deno KV in memory) with every kind of caller signed in, and builders for the things a route acts
 * on (a session in a given state, a group, a technician, an invitation token).
 *
 * LiveKit is the real SDK for tokens and webhook signatures; only the two server calls that need a
 * running SFU (the Start grant and closing a room) are answered locally, so that the owner's Start
 * succeeds and the matrix shows 200 rather than "customer not connected".
 */
import { ALL_PERMISSIONS } from "@sightline/shared";
import { createGroup } from "../db/groups.ts";
import { createTechnician, getTechnician } from "../db/technicians.ts";
import { acceptSession, createSession, endSession, setCustomerPresence, startSession } from "../db/sessions.ts";
import { newPasswordToken } from "../db/password_tokens.ts";
import { keys } from "../db/keys.ts";
import { ADMIN_TOKEN, TECH, testApp } from "./app.ts";
import { assertEquals } from "./assert.ts";
import { localLiveKit } from "./livekit.ts";

export const PRINCIPALS = [
  "anonymous",
  /** The customer key of the session the route acts on. */
  "ownerCustomer",
  /** A valid customer key, of a session of another technician. */
  "otherCustomer",
  /** The technician who created the session the route acts on. */
  "owner",
  /** A technician of the owner's group. */
  "sameGroupTech",
  /** A technician of another group. */
  "otherGroupTech",
  /** A technician of the owner's group who was signed in, then disabled by the admin. */
  "disabledTech",
  "admin",
] as const;
export type Principal = typeof PRINCIPALS[number];

export type SessionState = "pending" | "accepted" | "waiting" | "active";

export interface SessionTarget {
  id: string;
  pin: string;
  linkSecret: string;
  /** Set once the customer accepted. */
  customerKey?: string;
}

const PASSWORD = "long-password-1";

export async function principalsApp() {
  const livekit = localLiveKit();
  const t = await testApp({ livekit });
  const { kv, clock } = t;

  const cookieOf = async (email: string) => {
    const res = await t.request("/api/auth/login", { method: "POST", json: { email, password: PASSWORD } });
    assertEquals(res.status, 200, `login ${email}`);
    return res.headers.get("set-cookie")!.split(";")[0];
  };
  const otherGroup = await createGroup(kv, { name: "Other", permissions: ALL_PERMISSIONS });
  const sameGroupTech = await createTechnician(kv, {
    email: "same@example.test",
    name: "Sam",
    groupId: t.group.id,
    password: PASSWORD,
  });
  const otherGroupTech = await createTechnician(kv, {
    email: "other@example.test",
    name: "Otto",
    groupId: otherGroup.id,
    password: PASSWORD,
  });
  const disabledTech = await createTechnician(kv, {
    email: "disabled@example.test",
    name: "Dee",
    groupId: t.group.id,
    password: PASSWORD,
  });
  const cookies = {
    owner: await cookieOf(TECH.email),
    sameGroupTech: await cookieOf(sameGroupTech.email),
    otherGroupTech: await cookieOf(otherGroupTech.email),
    disabledTech: await cookieOf(disabledTech.email),
  };
  // The disabled technician's cookie worked a moment ago; the admin's PATCH must stop it at once.
  assertEquals((await t.request("/api/me", { headers: { cookie: cookies.disabledTech } })).status, 200);
  const disable = await t.request(`/api/admin/technicians/${disabledTech.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    json: { disabled: true },
  });
  assertEquals(disable.status, 200);

  /** A session of `technicianId` (the owner unless given) brought to `state` through the real code paths. */
  const session = async (state: SessionState, technicianId = t.technician.id): Promise<SessionTarget> => {
    const { session, linkSecret } = await createSession(kv, {
      technicianId,
      name: "Alice",
      method: "link",
      recipient: null,
      validityMinutes: 20,
    }, clock.now());
    const target: SessionTarget = { id: session.id, pin: session.pin, linkSecret };
    if (state === "pending") return target;
    const accepted = await acceptSession(kv, session.pin, { eulaVersion: "2", linkSecret, client: {} }, clock.now());
    target.customerKey = accepted.customerKey;
    if (state === "accepted") return target;
    await setCustomerPresence(kv, session.id, true, clock.now(), `PA_${session.id.slice(0, 8)}`);
    if (state === "waiting") return target;
    // One active session per technician: end whatever the owner had active before.
    const active = (await kv.get<string>(keys.activeSessionByTechnician(technicianId))).value;
    if (active) await endSession(kv, active, "technician", clock.now());
    const started = await startSession(kv, technicianId, session.id, clock.now());
    assertEquals(started?.status, "active");
    return target;
  };

  /** An empty group the admin routes may change or delete. */
  const group = () =>
    createGroup(kv, { name: `Target ${crypto.randomUUID().slice(0, 8)}`, permissions: ALL_PERMISSIONS });

  /** An invited technician (no password yet, so no key derivation) with a live set-password token. */
  const invited = async () => {
    const invitation = await newPasswordToken(clock.now());
    const technician = await createTechnician(
      kv,
      { email: `inv-${crypto.randomUUID().slice(0, 8)}@example.test`, name: "Ivy", groupId: t.group.id },
      clock.now(),
      (op, id) => invitation.into(op, id, "en"),
    );
    return { technician, token: invitation.token };
  };

  /** Request headers of each principal; `ownerCustomer` needs the customer key of the target. */
  const headersOf = (p: Principal, customerKey?: string, otherCustomerKey?: string): Record<string, string> => {
    switch (p) {
      case "anonymous":
        return {};
      case "ownerCustomer":
        return customerKey ? { authorization: `Bearer ${customerKey}` } : {};
      case "otherCustomer":
        return { authorization: `Bearer ${otherCustomerKey}` };
      case "admin":
        return { authorization: `Bearer ${ADMIN_TOKEN}` };
      default:
        return { cookie: cookies[p] };
    }
  };

  /** Signs a technician principal in again (after a logout cell dropped its cookie). */
  const relogin = async (p: "owner" | "sameGroupTech" | "otherGroupTech") => {
    const email = { owner: TECH.email, sameGroupTech: sameGroupTech.email, otherGroupTech: otherGroupTech.email }[p];
    cookies[p] = await cookieOf(email);
  };

  const writes = recordWrites(kv);

  return {
    ...t,
    livekit,
    otherGroup,
    ids: { sameGroupTech: sameGroupTech.id, otherGroupTech: otherGroupTech.id, disabledTech: disabledTech.id },
    cookies,
    session,
    group,
    invited,
    headersOf,
    relogin,
    /** KV keys written (committed) since the last call, rate-limit counters aside. */
    takeWrites: () => writes.splice(0).filter((k) => !k.startsWith('["rate_limits"')),
    isDisabled: async () => (await getTechnician(kv, disabledTech.id))?.disabled === true,
  };
}

/**
 * Records the key of every committed KV write (set, delete, sum, …, alone or in an atomic operation)
 * on this `kv` object, which the app shares: what a refused request must not have done.
 */
function recordWrites(kv: Deno.Kv): string[] {
  const log: string[] = [];
  const name = (key: Deno.KvKey) => JSON.stringify(key, (_, v) => typeof v === "bigint" ? `${v}n` : v);
  const set = kv.set.bind(kv);
  const del = kv.delete.bind(kv);
  const atomic = kv.atomic.bind(kv);
  kv.set = async (key, value, options) => {
    const res = await set(key, value, options);
    log.push(name(key));
    return res;
  };
  kv.delete = async (key) => {
    await del(key);
    log.push(name(key));
  };
  kv.atomic = () => {
    const op = atomic();
    const pending: string[] = [];
    for (const m of ["set", "delete", "sum", "min", "max"] as const) {
      const original = (op[m] as (...a: unknown[]) => Deno.AtomicOperation).bind(op);
      (op as unknown as Record<string, unknown>)[m] = (key: Deno.KvKey, ...rest: unknown[]) => {
        pending.push(name(key));
        original(key, ...rest);
        return op;
      };
    }
    const mutate = op.mutate.bind(op);
    op.mutate = (...mutations) => {
      pending.push(...mutations.map((x) => name(x.key)));
      mutate(...mutations);
      return op;
    };
    const commit = op.commit.bind(op);
    op.commit = async () => {
      const res = await commit();
      if (res.ok) log.push(...pending);
      return res;
    };
    return op;
  };
  return log;
}
