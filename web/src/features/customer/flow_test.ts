import assert from "node:assert/strict";
import { type Flow, type FlowEvent, initialFlow, next, type Screen, TUTORIAL_STEPS } from "./flow.ts";

const at = (screen: Screen, extra: Partial<Flow> = {}): Flow => ({ ...initialFlow, screen, ...extra });
const run = (from: Flow, ...events: FlowEvent[]) => events.reduce(next, from);
const screenAfter = (from: Flow, ...events: FlowEvent[]) => run(from, ...events).screen;

Deno.test("next(): a link that is still valid leads to the tutorial", () => {
  assert.deepEqual(screenAfter(initialFlow, { type: "looked-up", browser: null }), { name: "tutorial", step: 0 });
});

Deno.test("next(): an expired or used link lands on the PIN form saying so", () => {
  assert.deepEqual(screenAfter(initialFlow, { type: "lookup-failed", problem: "notFound" }), {
    name: "pin",
    problem: "notFound",
    retryAfterSeconds: undefined,
  });
});

Deno.test("next(): an address without a PIN shows the PIN form", () => {
  assert.deepEqual(screenAfter(initialFlow, { type: "no-link" }), { name: "pin" });
});

Deno.test("next(): a typed PIN is checked when it has six digits, refused on the form otherwise", () => {
  const form = at({ name: "pin" });
  assert.deepEqual(screenAfter(form, { type: "pin-typed", valid: false }), { name: "pin", problem: "invalid" });
  assert.deepEqual(screenAfter(form, { type: "pin-typed", valid: true }), { name: "checking" });
  assert.deepEqual(screenAfter(form, { type: "pin-typed", valid: true }, { type: "looked-up", browser: null }), {
    name: "tutorial",
    step: 0,
  });
  const throttled = screenAfter(form, { type: "pin-typed", valid: true }, {
    type: "lookup-failed",
    problem: "throttled",
    retryAfterSeconds: 42,
  });
  assert.deepEqual(throttled, { name: "pin", problem: "throttled", retryAfterSeconds: 42 });
});

Deno.test("next(): a browser without what it takes, or an in-app browser, gets the explanation instead", () => {
  assert.deepEqual(screenAfter(initialFlow, { type: "looked-up", browser: "noWebRTC" }), {
    name: "unsupported",
    reason: "noWebRTC",
  });
  assert.deepEqual(screenAfter(initialFlow, { type: "looked-up", browser: "inApp" }), {
    name: "unsupported",
    reason: "inApp",
  });
});

Deno.test("next(): OK walks through the tutorial's steps to the permission; Skip goes there at once", () => {
  const first = at({ name: "tutorial", step: 0 });
  assert.deepEqual(screenAfter(first, { type: "tutorial-next" }), { name: "tutorial", step: 1 });
  const oks = Array.from({ length: TUTORIAL_STEPS }, () => ({ type: "tutorial-next" }) as const);
  assert.deepEqual(screenAfter(first, ...oks), { name: "permission", asking: false });
  assert.deepEqual(screenAfter(at({ name: "tutorial", step: 1 }), { type: "tutorial-skip" }), {
    name: "permission",
    asking: false,
  });
  // Neither applies outside the tutorial.
  assert.deepEqual(screenAfter(at({ name: "eula", joining: false }), { type: "tutorial-skip" }), {
    name: "eula",
    joining: false,
  });
});

Deno.test("next(): the permission is asked, granted (EULA next) or denied (help and Try again)", () => {
  const permission = at({ name: "permission", asking: false });
  assert.deepEqual(screenAfter(permission, { type: "camera-asked" }), { name: "permission", asking: true });
  assert.deepEqual(screenAfter(permission, { type: "camera-asked" }, { type: "camera-granted" }), {
    name: "eula",
    joining: false,
  });
  const denied = run(permission, { type: "camera-asked" }, { type: "camera-failed", problem: "denied" });
  assert.deepEqual(denied.screen, { name: "permission", asking: false, problem: "denied" });
  // Try again: asking anew drops the problem, and a grant carries on.
  assert.deepEqual(screenAfter(denied, { type: "camera-asked" }), { name: "permission", asking: true });
  assert.deepEqual(screenAfter(denied, { type: "camera-asked" }, { type: "camera-granted" }), {
    name: "eula",
    joining: false,
  });
});

Deno.test("next(): Accept joins (then waits for the technician); a failed join stays on the EULA with why", () => {
  const eula = at({ name: "eula", joining: false });
  assert.deepEqual(screenAfter(eula, { type: "accept-sent" }), { name: "eula", joining: true });
  assert.deepEqual(screenAfter(eula, { type: "accept-sent" }, { type: "joined" }), { name: "waiting" });
  assert.deepEqual(screenAfter(eula, { type: "accept-sent" }, { type: "accept-failed", problem: "network" }), {
    name: "eula",
    joining: false,
    problem: "network",
  });
});

Deno.test("next(): Decline ends the session", () => {
  assert.deepEqual(screenAfter(at({ name: "eula", joining: false }), { type: "ended", reason: "declined" }), {
    name: "ended",
    reason: "declined",
  });
});

Deno.test("next(): Start's grant makes the session live; joining again keeps it live", () => {
  const waiting = at({ name: "waiting" });
  assert.deepEqual(screenAfter(waiting, { type: "published" }), { name: "live" });
  assert.deepEqual(screenAfter(waiting, { type: "published" }, { type: "joined" }), { name: "live" });
  // A reload into an active session may be granted while it joins.
  assert.deepEqual(screenAfter(initialFlow, { type: "published" }, { type: "joined" }), { name: "live" });
});

Deno.test("next(): Hold and Resume, and reconnecting, show over the live screen", () => {
  const live = at({ name: "live" });
  const held = run(live, { type: "hold", on: true });
  assert.equal(held.onHold, true);
  assert.deepEqual(held.screen, { name: "live" });
  assert.equal(run(held, { type: "hold", on: false }).onHold, false);
  const reconnecting = run(live, { type: "reconnecting", on: true });
  assert.equal(reconnecting.reconnecting, true);
  assert.equal(run(reconnecting, { type: "reconnecting", on: false }).reconnecting, false);
});

Deno.test("next(): either side ends the session, and nothing changes an ended session", () => {
  for (const reason of ["technician", "customer", "other"] as const) {
    const ended = run(at({ name: "live" }, { onHold: true, reconnecting: true }), { type: "ended", reason });
    assert.deepEqual(ended, { screen: { name: "ended", reason }, reconnecting: false, onHold: false, relaying: false });
    for (const later of [{ type: "published" }, { type: "joined" }, { type: "no-link" }] as const) {
      assert.equal(next(ended, later), ended);
    }
  }
});

Deno.test("next(): after a reload the saved session is rejoined, or the camera is asked for again", () => {
  assert.deepEqual(screenAfter(initialFlow, { type: "joined" }), { name: "waiting" });
  assert.deepEqual(screenAfter(initialFlow, { type: "camera-failed", problem: "error" }), {
    name: "permission",
    asking: false,
    problem: "error",
  });
  assert.deepEqual(screenAfter(initialFlow, { type: "ended", reason: "other" }), { name: "ended", reason: "other" });
});

Deno.test("next(): a network that blocks video calls shows while the relay is tried, and until it fails", () => {
  const joining = at({ name: "eula", joining: true });
  const relaying = run(joining, { type: "connect-trouble", trouble: "blocked" });
  assert.equal(relaying.relaying, true);
  assert.deepEqual(relaying.screen, { name: "eula", joining: true });
  assert.equal(run(relaying, { type: "joined" }).relaying, false);
  const failed = run(relaying, { type: "accept-failed", problem: "blocked" });
  assert.deepEqual([failed.relaying, failed.screen], [false, { name: "eula", joining: false, problem: "blocked" }]);
});
