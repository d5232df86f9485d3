import assert from "node:assert/strict";
import { type ActiveSession, customerQuality, openedSession, statusLine, withPresence } from "./active_session.ts";

const live = (patch: Partial<ActiveSession> = {}): ActiveSession => ({
  ...openedSession("a", "Ann"),
  state: "live",
  ...patch,
});

Deno.test("statusLine() says the most important thing first, and nothing while all is well", () => {
  assert.equal(statusLine(live(), false, true), null);
  assert.equal(statusLine(live(), false, false), "console.waitingVideo");
  assert.equal(statusLine(live({ cameraPaused: true }), false, true), "console.cameraPaused");
  assert.equal(statusLine(live({ cameraPaused: true }), true, true), "console.onHold");
  assert.equal(statusLine(live({ customerPresent: false }), true, true), "console.customerLeft");
  assert.equal(
    statusLine(live({ customerPresent: false, customerInterrupted: true }), true, true),
    "console.customerReconnecting",
  );
  assert.equal(statusLine(live({ customerStalled: true }), false, true), "console.customerReconnecting");
  assert.equal(
    statusLine(live({ quality: { you: "good", customer: "lost" } }), false, true),
    "console.customerReconnecting",
  );
  assert.equal(statusLine(live({ state: "ended", endedByCustomer: true }), false, true), "console.ended.customer");
  assert.equal(statusLine(live({ state: "ended" }), false, true), "console.ended");
  assert.equal(statusLine(live({ state: "reconnecting", customerStalled: true }), false, true), "console.reconnecting");
  assert.equal(statusLine(openedSession("a", "Ann"), false, false), "console.connecting");
});

Deno.test("withPresence(): a customer back in the room is no longer interrupted", () => {
  const gone = live({ customerPresent: false, customerInterrupted: true });
  assert.deepEqual(withPresence(gone, false), gone);
  assert.deepEqual(withPresence(gone, true), { ...gone, customerPresent: true, customerInterrupted: false });
});

Deno.test("customerQuality() is LiveKit's rating, lost while nothing arrives, at best poor while the picture is coarse", () => {
  const rated = (customer: ActiveSession["quality"]["customer"], patch: Partial<ActiveSession> = {}) =>
    live({ quality: { you: "excellent", customer }, ...patch });
  assert.equal(customerQuality(rated("excellent"), false), "excellent");
  assert.equal(customerQuality(rated("excellent"), true), "poor");
  assert.equal(customerQuality(rated("lost"), true), "lost");
  assert.equal(customerQuality(rated("good", { customerStalled: true }), false), "lost");
});
