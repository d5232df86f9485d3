import { assert, assertEquals, assertFalse, assertMatch, assertNotEquals, assertRejects } from "../testing/assert.ts";
import { DomainError } from "../errors.ts";
import { keys } from "./keys.ts";
import {
  acceptSession,
  createSession,
  endSession,
  findByCustomerKey,
  findJoinableByPin,
  getSession,
  setCustomerPresence,
  startSession,
  toView,
} from "./sessions.ts";

const code = (c: string) => (e: DomainError) => e instanceof DomainError && e.code === c;

async function withKv(fn: (kv: Deno.Kv) => Promise<void>) {
  const kv = await Deno.openKv(":memory:");
  try {
    await fn(kv);
  } finally {
    kv.close();
  }
}

const NOW = Date.UTC(2026, 0, 1);

const newSession = (kv: Deno.Kv, technicianId = "t1") =>
  createSession(kv, { technicianId, name: "Alice", method: "link", recipient: null, validityMinutes: 20 }, NOW);

/** A session whose customer accepted the EULA and joined the room: Waiting. */
async function waitingSession(kv: Deno.Kv, technicianId = "t1") {
  const { session, linkSecret } = await newSession(kv, technicianId);
  await acceptSession(kv, session.pin, { eulaVersion: "2", linkSecret, client: {} }, NOW);
  await setCustomerPresence(kv, session.id, true, NOW);
  return session;
}

Deno.test("createSession() makes a pending session with a six-digit PIN indexed in KV", () =>
  withKv(async (kv) => {
    const { session, linkSecret } = await newSession(kv);
    assertMatch(session.pin, /^\d{6}$/);
    assertEquals(session.status, "pending");
    assert(linkSecret.length >= 40);
    assertNotEquals(session.linkSecretHash, linkSecret);
    assertEquals((await kv.get(keys.sessionByPin(session.pin))).value, session.id);
    assertEquals((await findJoinableByPin(kv, session.pin, NOW))?.id, session.id);
  }));

Deno.test("createSession() gives different live sessions different PINs", () =>
  withKv(async (kv) => {
    const pins = new Set<string>();
    for (let i = 0; i < 50; i++) pins.add((await newSession(kv)).session.pin);
    assertEquals(pins.size, 50);
  }));

Deno.test("acceptSession() consumes the PIN exactly once", () =>
  withKv(async (kv) => {
    const { session, linkSecret } = await newSession(kv);
    const results = await Promise.allSettled([
      acceptSession(kv, session.pin, { eulaVersion: "2", linkSecret, client: {} }, NOW),
      acceptSession(kv, session.pin, { eulaVersion: "2", linkSecret, client: {} }, NOW),
    ]);
    assertEquals(results.filter((r) => r.status === "fulfilled").length, 1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert(code("pin_not_found")(rejected.reason));
    assertEquals(await findJoinableByPin(kv, session.pin, NOW), null);
    const { customerKey } = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<
      { customerKey: string }
    >).value;
    assertEquals((await findByCustomerKey(kv, customerKey))?.id, session.id);
  }));

Deno.test("acceptSession() refuses a wrong link secret and leaves the PIN usable", () =>
  withKv(async (kv) => {
    const { session } = await newSession(kv);
    await assertRejects(
      () => acceptSession(kv, session.pin, { eulaVersion: "2", linkSecret: "x".repeat(43), client: {} }, NOW),
      code("link_secret_mismatch"),
    );
    assertEquals((await findJoinableByPin(kv, session.pin, NOW))?.id, session.id);
  }));

Deno.test("a PIN expires by the clock: claimable until its validity ends, then shown as ended", () =>
  withKv(async (kv) => {
    const { session } = await newSession(kv);
    const lastValid = NOW + 20 * 60_000;
    assertEquals((await findJoinableByPin(kv, session.pin, lastValid))?.id, session.id);
    assertEquals(await findJoinableByPin(kv, session.pin, lastValid + 1), null);
    await assertRejects(
      () => acceptSession(kv, session.pin, { eulaVersion: "2", client: {} }, lastValid + 1),
      code("pin_not_found"),
    );
    assertEquals(toView(session, lastValid + 1).status, "ended");
    assertEquals(toView(session, lastValid + 1).endedBy, "expired");
    assertEquals(toView(session, lastValid).status, "pending");
  }));

Deno.test("setCustomerPresence() makes an accepted session Waiting and back", () =>
  withKv(async (kv) => {
    const { session, linkSecret } = await newSession(kv);
    assertEquals((await setCustomerPresence(kv, session.id, true, NOW))?.status, "pending", "no EULA yet");
    await setCustomerPresence(kv, session.id, false, NOW);
    await acceptSession(kv, session.pin, { eulaVersion: "2", linkSecret, client: {} }, NOW);
    assertEquals((await setCustomerPresence(kv, session.id, true, NOW))?.status, "waiting");
    assertEquals((await setCustomerPresence(kv, session.id, false, NOW))?.status, "pending");
  }));

Deno.test("startSession() lets only one of two concurrent Starts win", () =>
  withKv(async (kv) => {
    const a = await waitingSession(kv);
    const b = await waitingSession(kv);
    const results = await Promise.allSettled([startSession(kv, "t1", a.id, NOW), startSession(kv, "t1", b.id, NOW)]);
    assertEquals(results.filter((r) => r.status === "fulfilled").length, 1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert(code("active_session_exists")(rejected.reason));
    const winner = results[0].status === "fulfilled" ? a : b;
    assertEquals((await kv.get(keys.activeSessionByTechnician("t1"))).value, winner.id);
  }));

Deno.test("startSession() refuses sessions that are not Waiting or not the technician's", () =>
  withKv(async (kv) => {
    const { session } = await newSession(kv);
    await assertRejects(() => startSession(kv, "t1", session.id, NOW), code("session_not_waiting"));
    const waiting = await waitingSession(kv);
    await assertRejects(() => startSession(kv, "someone-else", waiting.id, NOW), code("not_found"));
  }));

Deno.test("endSession() frees the active slot so the next session can start", () =>
  withKv(async (kv) => {
    const a = await waitingSession(kv);
    const b = await waitingSession(kv);
    await startSession(kv, "t1", a.id, NOW);
    await assertRejects(() => startSession(kv, "t1", b.id, NOW), code("active_session_exists"));
    const ended = await endSession(kv, a.id, "technician", NOW);
    assertEquals(ended?.status, "ended");
    assertEquals(ended?.endedBy, "technician");
    assertEquals(await endSession(kv, a.id, "customer", NOW), null, "ending twice changes nothing");
    assertEquals((await startSession(kv, "t1", b.id, NOW))?.status, "active");
  }));

Deno.test("endSession() of a claimed session leaves a reused PIN alone", () =>
  withKv(async (kv) => {
    const a = await waitingSession(kv);
    // Another session that happens to get the same PIN after a's was consumed.
    await kv.set(keys.sessionByPin(a.pin), "other-session");
    await endSession(kv, a.id, "technician", NOW);
    assertEquals((await kv.get(keys.sessionByPin(a.pin))).value, "other-session");
    assertFalse((await kv.get(keys.activeSessionByTechnician("t1"))).value);
  }));

Deno.test("setCustomerPresence() ignores a late 'left' of a replaced connection (reload)", () =>
  withKv(async (kv) => {
    const { session, linkSecret } = await newSession(kv);
    await acceptSession(kv, session.pin, { eulaVersion: "2", linkSecret, client: {} }, NOW);
    await setCustomerPresence(kv, session.id, true, NOW, "PA_old");
    await setCustomerPresence(kv, session.id, true, NOW, "PA_new");
    assertEquals(await setCustomerPresence(kv, session.id, false, NOW, "PA_old"), null);
    assertEquals((await getSession(kv, session.id))?.status, "waiting");
    assertEquals((await setCustomerPresence(kv, session.id, false, NOW, "PA_new"))?.status, "pending");
  }));
