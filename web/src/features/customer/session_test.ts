import assert from "node:assert/strict";
import * as api from "../../../../shared/customer_api.ts";
import { type FakeTrack, networkDown, refusal, settle } from "../../testing/fakes.ts";
import { AGREED, customerHarness, INFO, link, LIVEKIT } from "./testing.ts";

/** A customer in the session's room, waiting for Start. */
async function waiting() {
  const h = customerHarness();
  h.edge.answer(api.lookUpPin, INFO);
  h.edge.answer(api.acceptEula, { sessionId: "s1", customerKey: "key-1", livekit: LIVEKIT });
  await h.model.start(link("123456", "s".repeat(43)));
  h.model.skipTutorial();
  await h.model.requestCamera();
  await h.model.accept(AGREED);
  return h;
}

/** A customer whose camera the technician sees (Start's grant arrived). */
async function live() {
  const h = await waiting();
  h.room().handlers.onLive();
  await settle();
  return h;
}

const video = (h: ReturnType<typeof customerHarness>) => h.model.camera.tracks().video as unknown as FakeTrack;

Deno.test("Start's grant makes the session live and tells the technician what the camera can do", async () => {
  const h = await waiting();
  assert.deepEqual(h.model.screen.value, { name: "waiting" });
  h.room().handlers.onLive();
  await settle();
  assert.deepEqual(h.model.screen.value, { name: "live" });
  const caps = h.room().sent.find((m) => m.type === "caps");
  assert.deepEqual(caps, { type: "caps", torch: true, zoom: { min: 1, max: 5, step: 0.5, value: 1 } });
  assert.ok(h.room().sent.some((m) => m.type === "sync"), "asks for the drawing");
  assert.equal(h.room().tracks().video, h.model.camera.tracks().video, "the room publishes the camera");
});

Deno.test("Hold stops the camera and pauses it in the room; Resume opens it again", async () => {
  const h = await live();
  const before = video(h);
  h.room().handlers.onTool({ type: "hold", on: true });
  await settle();
  assert.equal(h.model.onHold.value, true);
  assert.deepEqual(h.room().paused, [true]);
  assert.equal(before.readyState, "ended", "the camera's light goes off");
  h.room().handlers.onTool({ type: "hold", on: false });
  await settle();
  assert.equal(h.model.onHold.value, false);
  assert.notEqual(video(h), before, "a new camera track");
  assert.deepEqual(h.room().replaced, [h.model.camera.tracks().video]);
  assert.deepEqual(h.room().paused, [true, false]);
});

Deno.test("the technician's changes apply at once and can be undone", async () => {
  const h = await live();
  const session = h.model.session.value!;
  h.room().handlers.onTool({ type: "camera", action: "torch-on" });
  await settle();
  assert.equal(session.remote.last.value, "torch-on");
  assert.equal(session.controls.torchOn.value, true);
  await session.remote.undo();
  assert.equal(session.controls.torchOn.value, false);
  assert.equal(session.remote.last.value, null);
  h.room().handlers.onTool({ type: "zoom", value: 9 });
  await settle();
  assert.equal(video(h).settings.zoom, 5, "clamped to the camera's range");
  await session.remote.undo();
  assert.equal(video(h).settings.zoom, 1);
  const track = video(h);
  h.room().handlers.onTool({ type: "camera", action: "switch" });
  await settle();
  assert.notEqual(video(h), track);
  assert.deepEqual((h.media.requests.at(-1)!.video as { facingMode: unknown }).facingMode, { ideal: "user" });
});

Deno.test("mute reaches the microphone track and the room", async () => {
  const h = await live();
  const { controls } = h.model.session.value!;
  controls.toggleMute();
  assert.equal(controls.muted.value, true);
  assert.equal(h.model.camera.tracks().audio!.enabled, false);
  assert.deepEqual(h.room().muted, [true]);
});

Deno.test("a hidden page pauses the camera in the room; back, it runs again (or restarts if it ended)", async () => {
  const h = await live();
  h.page.set("hidden");
  h.page.set("visible");
  assert.deepEqual(h.room().paused, [true, false]);
  video(h).stop();
  h.page.set("hidden");
  h.page.set("visible");
  await settle();
  assert.equal(video(h).readyState, "live", "reopened");
});

Deno.test("reconnecting shows while LiveKit reconnects; afterwards the drawing is asked for again", async () => {
  const h = await live();
  const syncs = () => h.room().sent.filter((m) => m.type === "sync").length;
  const before = syncs();
  h.room().handlers.onReconnecting(true);
  assert.equal(h.model.reconnecting.value, true);
  h.room().handlers.onReconnecting(false);
  await settle();
  assert.equal(h.model.reconnecting.value, false);
  assert.equal(syncs(), before + 1);
});

Deno.test("a lost connection rejoins with the customer key, retrying while the edge is unreachable", async () => {
  const h = await live();
  h.edge.answer(api.rejoinSession, [networkDown(), networkDown(), {
    sessionId: "s1",
    status: "active",
    livekit: LIVEKIT,
  }]);
  h.room().handlers.onLost();
  assert.equal(h.model.reconnecting.value, true);
  await settle();
  assert.deepEqual(h.waits, [1000, 2000]);
  assert.equal(h.rooms.length, 2, "joined a new room");
  assert.equal(h.model.reconnecting.value, false);
  assert.deepEqual(h.edge.callsOf(api.rejoinSession).at(-1), { bearer: "key-1" });
});

Deno.test("a lost connection to a session that ended meanwhile ends here too", async () => {
  const h = await live();
  h.edge.answer(api.rejoinSession, refusal(409, "session_ended"));
  h.room().handlers.onLost();
  await settle();
  assert.deepEqual(h.model.screen.value, { name: "ended", reason: "other" });
  assert.equal(h.storage.getItem("sightline.session"), null);
});

Deno.test("the technician ends the session: the end screen, the camera off, a reload remembers it", async () => {
  const h = await live();
  h.room().handlers.onEnded(false);
  assert.deepEqual(h.model.screen.value, { name: "ended", reason: "technician" });
  assert.equal(h.model.camera.stream.value, null);
  assert.deepEqual(JSON.parse(h.storage.getItem("sightline.ended")!), { pin: "123456", reason: "technician" });
  assert.equal(h.storage.getItem("sightline.session"), null);
});

Deno.test("the customer ends the session: ended here at once, the edge told, the room left", async () => {
  const h = await live();
  h.edge.answer(api.endSessionAsCustomer, { ok: true });
  await h.model.session.value!.end();
  assert.deepEqual(h.model.screen.value, { name: "ended", reason: "customer" });
  assert.deepEqual(h.edge.callsOf(api.endSessionAsCustomer), [{ bearer: "key-1" }]);
  assert.equal(h.room().disconnected, true);
});

Deno.test("chat messages from the technician reach the chat; the customer's go out through the room", async () => {
  const h = await live();
  const chat = h.model.session.value!.chat.value!;
  h.room().handlers.onTool({ type: "chat", id: "m1", text: "Hello", at: 1 });
  assert.deepEqual(chat.lines.value.map((l) => [l.text, l.mine]), [["Hello", false]]);
  assert.equal(await chat.say("Hi"), true);
  assert.ok(h.room().sent.some((m) => m.type === "chat" && m.text === "Hi"));
});

Deno.test("dispose() leaves the room and stops listening to the page", async () => {
  const h = await live();
  h.model.dispose();
  await settle();
  assert.equal(h.room().disconnected, true);
  h.page.set("hidden");
  assert.deepEqual(h.room().paused, [], "a hidden page no longer pauses anything");
});

Deno.test("Start's grant arriving while joining: the caps and the drawing request wait for the room", async () => {
  const h = customerHarness({
    storage: { "sightline.session": JSON.stringify({ customerKey: "key-1", pin: "123456", info: INFO }) },
  });
  h.edge.answer(api.rejoinSession, { sessionId: "s1", status: "active", livekit: LIVEKIT });
  h.grant.whileJoining = true;
  await h.model.start(link("123456"));
  await settle();
  assert.deepEqual(h.model.screen.value, { name: "live" });
  assert.deepEqual(h.room().sent.map((m) => m.type).sort(), ["caps", "sync"]);
});
