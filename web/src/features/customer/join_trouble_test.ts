import assert from "node:assert/strict";
import * as api from "../../../../shared/api.ts";
import { refusal, settle } from "../../testing/fakes.ts";
import { JoinFailure } from "./room.ts";
import { AGREED, customerHarness, INFO, link, LIVEKIT } from "./testing.ts";

const accepted = { sessionId: "s1", customerKey: "key-1", livekit: LIVEKIT };

/** A customer on the EULA screen, camera granted; the edge accepts and rejoins. */
async function atEula() {
  const h = customerHarness();
  h.edge.answer(api.lookUpPin, INFO);
  h.edge.answer(api.acceptEula, accepted);
  h.edge.answer(api.rejoinSession, { sessionId: "s1", status: "waiting", livekit: LIVEKIT });
  h.edge.answer(api.reportProgress, { ok: true });
  await h.model.start(link("123456", "s".repeat(43)));
  h.model.skipTutorial();
  await h.model.requestCamera();
  return h;
}

Deno.test("Accept after a failed join rejoins with the saved customer key instead of accepting again", async () => {
  const h = await atEula();
  h.failJoins.push(new JoinFailure("other", new Error("signal closed")));
  await h.model.accept(AGREED);
  assert.deepEqual(h.model.screen.value, { name: "eula", joining: false, problem: "generic" });
  await h.model.accept(AGREED);
  assert.deepEqual(h.model.screen.value, { name: "waiting" });
  assert.equal(h.edge.callsOf(api.acceptEula).length, 1, "the used-up PIN is not sent again");
  assert.deepEqual(h.edge.callsOf(api.rejoinSession), [{ bearer: "key-1" }]);
  assert.equal(h.media.requests.length, 1, "the camera stays open");
});

Deno.test("Accept after a failed join, for a session that ended meanwhile, ends here", async () => {
  const h = await atEula();
  h.failJoins.push(new JoinFailure("other", null));
  await h.model.accept(AGREED);
  h.edge.answer(api.rejoinSession, refusal(409, "session_ended"));
  await h.model.accept(AGREED);
  assert.deepEqual(h.model.screen.value, { name: "ended", reason: "other" });
});

Deno.test("a network that blocks the direct way: the customer is told, the technician too, the relay is tried", async () => {
  const h = await atEula();
  h.failJoins.push(new JoinFailure("blocked", null));
  const accepting = h.model.accept(AGREED);
  await settle();
  await accepting;
  assert.deepEqual(h.joinAttempts, [{ relay: false }, { relay: true }]);
  // The list says "Connecting…", then why not (in that order: one report after the other).
  assert.deepEqual(h.edge.callsOf(api.reportProgress), [
    { bearer: "key-1", body: { event: "connecting" } },
    { bearer: "key-1", body: { event: "cannot-connect", reason: "network" } },
  ]);
  assert.deepEqual(h.model.screen.value, { name: "waiting" });
  assert.equal(h.model.relaying.value, false, "through: nothing to say any more");
  // Later joins of the session go through the relay at once.
  h.edge.answer(api.rejoinSession, { sessionId: "s1", status: "waiting", livekit: LIVEKIT });
  h.room().handlers.onLost();
  await settle();
  assert.deepEqual(h.joinAttempts.at(-1), { relay: true });
});

Deno.test("blocked even through the relay, or no media server: why, and Accept tries again", async () => {
  const h = await atEula();
  h.failJoins.push(new JoinFailure("blocked", null), new JoinFailure("blocked", null));
  await h.model.accept(AGREED);
  assert.deepEqual(h.model.screen.value, { name: "eula", joining: false, problem: "blocked" });
  assert.equal(h.model.relaying.value, false);
  h.failJoins.push(new JoinFailure("unreachable", null));
  await h.model.accept(AGREED);
  assert.deepEqual(h.model.screen.value, { name: "eula", joining: false, problem: "unreachable" });
  await settle();
  assert.deepEqual(
    h.edge.callsOf(api.reportProgress).map((c) => c.body as unknown as { event: string }).filter((b) =>
      b.event !== "connecting"
    ),
    [
      { event: "cannot-connect", reason: "network" },
      { event: "cannot-connect", reason: "media-server" },
    ],
  );
  await h.model.accept(AGREED);
  assert.deepEqual(h.model.screen.value, { name: "waiting" });
});

Deno.test("Decline after a failed join ends the session with the saved key (the PIN is used up)", async () => {
  const h = await atEula();
  h.failJoins.push(new JoinFailure("unreachable", null));
  await h.model.accept(AGREED);
  h.edge.answer(api.endSessionAsCustomer, { ok: true });
  await h.model.decline();
  assert.deepEqual(h.edge.callsOf(api.endSessionAsCustomer), [{ bearer: "key-1" }]);
  assert.equal(h.edge.callsOf(api.declineEula).length, 0);
  assert.deepEqual(h.model.screen.value, { name: "ended", reason: "declined" });
});
