import assert from "node:assert/strict";
import * as api from "../../../../shared/api.ts";
import { networkDown, refusal, settle } from "../../testing/fakes.ts";
import { consoleHarness, LIVEKIT, session } from "./testing.ts";

const started = (id: string) => ({ session: session(id, "active"), livekit: LIVEKIT });
const video = { attach: (el: HTMLMediaElement) => el, detach: (el: HTMLMediaElement) => el };

/** A technician whose customer waits in session "a". */
async function withWaiting() {
  const h = consoleHarness();
  await h.model.signIn.check();
  h.stream().emit([session("a", "waiting")]);
  return h;
}

/** Session "a" started, its room joined. */
async function withActive() {
  const h = await withWaiting();
  h.edge.answer(api.startSession, started("a"));
  await h.model.start("a");
  return h;
}

Deno.test("start() joins the room: connecting until the customer's video arrives, then live", async () => {
  const h = await withWaiting();
  h.edge.answer(api.startSession, started("a"));
  await h.model.start("a");
  assert.deepEqual(h.edge.callsOf(api.startSession), [{ params: { id: "a" } }]);
  assert.equal(h.model.tab.value, "active");
  assert.equal(h.model.live.active.value?.state, "connecting");
  assert.deepEqual(h.room().volumes, [1]);
  h.room().handlers.onVideo(video);
  assert.equal(h.model.live.active.value?.state, "live");
  assert.equal(h.model.live.videoTrack.value, video);
});

Deno.test("start() refused because another session is active, or without network, says so", async () => {
  const h = await withWaiting();
  h.edge.answer(api.startSession, [
    refusal(409, "active_session_exists"),
    networkDown(),
    refusal(409, "session_not_waiting"),
  ]);
  for (const error of ["console.activeExists", "error.network", "error.generic"]) {
    await h.model.start("a");
    assert.equal(h.model.live.startError.value, error);
    assert.equal(h.model.live.starting.value, false);
  }
  assert.equal(h.rooms.length, 0);
});

Deno.test("the customer's presence, connection and camera show in the active session", async () => {
  const h = await withActive();
  const { handlers } = h.room();
  handlers.onCustomerLeft("interrupted");
  assert.equal(h.model.live.active.value?.customerInterrupted, true);
  h.stream().emit([session("a", "active", { customerPresent: true })]);
  assert.equal(h.model.live.active.value?.customerInterrupted, false, "back according to the list");
  handlers.onCustomerStalled(true);
  handlers.onCameraPaused(true);
  handlers.onCustomerMuted(true);
  handlers.onQuality("customer", "poor");
  handlers.onQuality("you", "excellent");
  const a = h.model.live.active.value!;
  assert.deepEqual(
    [a.customerStalled, a.cameraPaused, a.customerMuted, a.quality],
    [true, true, true, { you: "excellent", customer: "poor" }],
  );
});

Deno.test("a coarse picture from the customer suggests HD photo, not while on hold or after the room closed", async () => {
  const h = await withActive();
  const { handlers } = h.room();
  handlers.onVideo(video);
  const coarse = { qp: 105, codec: "video/VP8" };
  const seconds = (n: number) => {
    for (let i = 0; i < n; i++) handlers.onPicture(coarse);
  };
  seconds(4);
  assert.equal(h.model.live.photoHint.value, true);
  await h.model.live.toggleHold();
  seconds(1);
  assert.equal(h.model.live.photoHint.value, false, "on hold the customer's camera is off");
  await h.model.live.toggleHold();
  seconds(4);
  assert.equal(h.model.live.photoHint.value, true);
  h.room().handlers.onLost();
  assert.equal(h.model.live.photoHint.value, false);
});

Deno.test("Hold and Resume go to the customer; a customer who rejoins is told the hold again", async () => {
  const h = await withActive();
  await h.model.live.toggleHold();
  assert.equal(h.model.live.held.value, true);
  h.room().handlers.onTool({ type: "sync", still: null });
  await settle();
  const holds = h.room().sent.filter((m) => m.type === "hold");
  assert.deepEqual(holds, [{ type: "hold", on: true }, { type: "hold", on: true }]);
  await h.model.live.toggleHold();
  assert.equal(h.model.live.held.value, false);
});

Deno.test("the customer's camera controls follow what their app reported", async () => {
  const h = await withActive();
  const caps = () => h.model.remote.caps.value;
  assert.deepEqual(caps(), { torch: false, zoom: null });
  await h.model.remote.setZoom(2);
  assert.equal(h.room().sent.length, 0, "no zoom without a zoom range");
  h.room().handlers.onTool({ type: "caps", torch: true, zoom: { min: 1, max: 4, step: 1, value: 1 } });
  await h.model.remote.setZoom(3);
  await h.model.remote.toggleTorch();
  await h.model.remote.switchCamera();
  assert.deepEqual(h.room().sent, [
    { type: "zoom", value: 3 },
    { type: "camera", action: "torch-on" },
    { type: "camera", action: "switch" },
  ]);
  assert.equal(caps().zoom?.value, 3);
  assert.equal(h.model.remote.torch.value, true);
});

Deno.test("end(): ended for both; a network failure keeps the session and says so", async () => {
  const h = await withActive();
  h.edge.answer(api.endSession, [networkDown(), { session: session("a", "ended") }]);
  await h.model.live.end();
  assert.equal(h.model.live.endError.value, "error.network");
  assert.equal(h.model.live.active.value?.state, "connecting");
  assert.equal(h.room().disconnected, false);
  await h.model.live.end();
  assert.equal(h.model.live.endError.value, null);
  assert.equal(h.model.live.active.value?.state, "ended");
  assert.equal(h.model.live.active.value?.endedByCustomer, false);
  assert.equal(h.room().disconnected, true);
  h.model.closeActive();
  assert.equal(h.model.live.active.value, null);
  assert.equal(h.model.tab.value, "sessions");
});

Deno.test("the customer ends the session: the room closes and the console says who ended it", async () => {
  const h = await withActive();
  h.room().handlers.onEnded(true);
  assert.equal(h.model.live.active.value?.state, "ended");
  assert.equal(h.model.live.active.value?.endedByCustomer, true);
  h.room().handlers.onVideo(video);
  assert.equal(h.model.live.active.value?.state, "ended", "nothing revives an ended session");
});

Deno.test("a lost connection rejoins with Start, retrying while the edge is unreachable; chat is kept", async () => {
  const h = await withActive();
  const chat = h.model.live.chat.value;
  h.edge.answer(api.startSession, [networkDown(), started("a")]);
  h.room().handlers.onLost();
  await settle();
  assert.deepEqual(h.waits, [1000]);
  assert.equal(h.rooms.length, 2);
  assert.equal(h.model.live.active.value?.state, "live");
  assert.equal(h.model.live.chat.value, chat);
});

Deno.test("a lost connection to a session that ended meanwhile ends it here", async () => {
  const h = await withActive();
  h.edge.answer(api.startSession, refusal(409, "session_not_waiting"));
  h.room().handlers.onLost();
  await settle();
  assert.equal(h.model.live.active.value?.state, "ended");
  assert.equal(h.rooms.length, 1);
});

Deno.test("a reloaded console goes back into its active session from the first list", async () => {
  const h = consoleHarness();
  await h.model.signIn.check();
  h.edge.answer(api.startSession, started("a"));
  h.stream().emit([session("a", "active"), session("b", "waiting")]);
  await settle();
  assert.equal(h.rooms.length, 1);
  assert.equal(h.model.live.active.value?.id, "a");
  assert.equal(h.model.live.active.value?.state, "live");
});

Deno.test("chat lines of the active session are kept in its transcript", async () => {
  const h = await withActive();
  h.edge.answer(api.addChatLine, { ok: true });
  h.room().handlers.onTool({ type: "chat", id: "m1", text: "Hi", at: 5 });
  await settle();
  assert.deepEqual(h.edge.callsOf(api.addChatLine), [
    { params: { id: "a" }, body: { id: "m1", from: "customer", text: "Hi", at: 5 } },
  ]);
});

Deno.test("dispose() closes the event stream and leaves the room", async () => {
  const h = await withActive();
  h.model.dispose();
  await settle();
  assert.equal(h.stream().closed, true);
  assert.equal(h.room().disconnected, true);
  assert.equal(h.model.live.active.value, null);
});
