import assert from "node:assert/strict";
import * as api from "../../../../shared/customer_api.ts";
import { networkDown, refusal, settle } from "../../testing/fakes.ts";
import { AGREED, customerHarness, INFO, link, LIVEKIT } from "./testing.ts";

const SECRET = "s".repeat(43);
const accepted = { sessionId: "s1", customerKey: "key-1", livekit: LIVEKIT };

Deno.test("start() with a link looks the PIN up with its secret and shows the tutorial", async () => {
  const h = customerHarness();
  h.edge.answer(api.lookUpPin, INFO);
  await h.model.start(link("123456", SECRET));
  assert.deepEqual(h.edge.callsOf(api.lookUpPin), [
    { params: { pin: "123456" }, headers: { [api.LINK_SECRET_HEADER]: SECRET } },
  ]);
  assert.deepEqual(h.model.screen.value, { name: "tutorial", step: 0 });
  assert.equal(h.model.info.value?.companyName, "Acme");
});

Deno.test("start() with an expired or used link shows the PIN form saying so", async () => {
  const h = customerHarness();
  h.edge.answer(api.lookUpPin, refusal(404, "pin_not_found"));
  await h.model.start(link("123456", SECRET));
  assert.deepEqual(h.model.screen.value, { name: "pin", problem: "notFound", retryAfterSeconds: undefined });
});

Deno.test("start() without a PIN in the address shows the PIN form; a typed PIN is checked", async () => {
  const h = customerHarness();
  await h.model.start({ pathname: "/", hash: "" });
  assert.deepEqual(h.model.screen.value, { name: "pin" });
  await h.model.submitPin("12 34");
  assert.deepEqual(h.model.screen.value, { name: "pin", problem: "invalid" });
  assert.equal(h.edge.calls.length, 0);
  h.edge.answer(api.lookUpPin, [refusal(429, "rate_limited", 42), refusal(500, "internal_error"), INFO]);
  await h.model.submitPin("123 456");
  assert.deepEqual(h.model.screen.value, { name: "pin", problem: "throttled", retryAfterSeconds: 42 });
  await h.model.submitPin("123456");
  assert.deepEqual(h.model.screen.value, { name: "pin", problem: "generic", retryAfterSeconds: undefined });
  await h.model.submitPin("123456");
  assert.deepEqual(h.model.screen.value, { name: "tutorial", step: 0 });
  // A typed PIN carries no link secret.
  assert.deepEqual(h.edge.callsOf(api.lookUpPin).at(-1), { params: { pin: "123456" }, headers: {} });
});

Deno.test("start() explains what an in-app browser or one without camera support cannot do", async () => {
  for (const browser of ["inApp", "insecure", "noCamera", "noWebRTC"] as const) {
    const h = customerHarness({ browser });
    h.edge.answer(api.lookUpPin, INFO);
    await h.model.start(link("123456"));
    assert.deepEqual(h.model.screen.value, { name: "unsupported", reason: browser });
  }
});

Deno.test("start() after the session ended in this tab says it ended, without asking the edge", async () => {
  const h = customerHarness({
    storage: { "sightline.ended": JSON.stringify({ pin: "123456", reason: "technician" }) },
  });
  await h.model.start(link("123456", SECRET));
  assert.deepEqual(h.model.screen.value, { name: "ended", reason: "technician" });
  assert.equal(h.edge.calls.length, 0);
});

Deno.test("requestCamera(): denied gets the help, Try again carries on to the EULA", async () => {
  const h = customerHarness();
  h.media.fail = "NotAllowedError";
  h.model.nextTutorialStep(); // not in the tutorial yet: nothing happens
  h.edge.answer(api.lookUpPin, INFO);
  await h.model.start(link("123456"));
  h.model.skipTutorial();
  await h.model.requestCamera();
  assert.deepEqual(h.model.screen.value, { name: "permission", asking: false, problem: "denied" });
  h.media.fail = "NotReadableError";
  await h.model.requestCamera();
  assert.deepEqual(h.model.screen.value, { name: "permission", asking: false, problem: "inUse" });
  h.media.fail = null;
  await h.model.requestCamera();
  assert.deepEqual(h.model.screen.value, { name: "eula", joining: false });
  assert.ok(h.model.camera.stream.value, "the preview has the camera");
  assert.deepEqual(h.media.requests[0].video, {
    facingMode: { ideal: "environment" },
    width: { ideal: 1280 },
    height: { ideal: 720 },
  });
});

/** A customer on the EULA screen, camera granted. */
async function atEula(secret = SECRET) {
  const h = customerHarness();
  h.edge.answer(api.lookUpPin, INFO);
  await h.model.start(link("123456", secret));
  h.model.skipTutorial();
  await h.model.requestCamera();
  return h;
}

Deno.test("accept() sends the EULA's language and version and the link secret, keeps the key and waits", async () => {
  const h = await atEula();
  h.edge.answer(api.acceptEula, accepted);
  await h.model.accept({ eulaVersion: "v1", eulaLanguage: "de" });
  assert.deepEqual(h.edge.callsOf(api.acceptEula), [{
    params: { pin: "123456" },
    body: { eulaVersion: "v1", eulaLanguage: "de", linkSecret: SECRET },
  }]);
  assert.deepEqual(h.model.screen.value, { name: "waiting" });
  assert.deepEqual(h.room().connection, LIVEKIT);
  assert.deepEqual(JSON.parse(h.storage.getItem("sightline.session")!), {
    customerKey: "key-1",
    pin: "123456",
    info: INFO,
  });
});

Deno.test("accept() that fails stays on the EULA and says why", async () => {
  const h = await atEula();
  h.edge.answer(api.acceptEula, [networkDown(), refusal(404, "pin_not_found"), refusal(409, "eula_version_mismatch")]);
  for (const problem of ["network", "notFound", "generic"]) {
    await h.model.accept(AGREED);
    assert.deepEqual(h.model.screen.value, { name: "eula", joining: false, problem });
  }
  assert.equal(h.rooms.length, 0);
});

Deno.test("decline() ends the session, tells the edge, and a reload says so", async () => {
  const h = await atEula();
  h.edge.answer(api.declineEula, { ok: true });
  await h.model.decline();
  assert.deepEqual(h.edge.callsOf(api.declineEula), [{ params: { pin: "123456" }, body: { linkSecret: SECRET } }]);
  assert.deepEqual(h.model.screen.value, { name: "ended", reason: "declined" });
  assert.equal(h.model.camera.stream.value, null, "the camera is off");
  assert.deepEqual(JSON.parse(h.storage.getItem("sightline.ended")!), { pin: "123456", reason: "declined" });
});

const saved = { "sightline.session": JSON.stringify({ customerKey: "key-1", pin: "123456", info: INFO }) };

Deno.test("start() after a reload rejoins the saved session with its key", async () => {
  const h = customerHarness({ storage: saved });
  h.edge.answer(api.rejoinSession, { sessionId: "s1", status: "waiting", livekit: LIVEKIT });
  await h.model.start(link("123456"));
  assert.deepEqual(h.edge.callsOf(api.rejoinSession), [{ bearer: "key-1" }]);
  assert.deepEqual(h.model.screen.value, { name: "waiting" });
  assert.equal(h.model.info.value?.technicianName, "Tess");
  assert.equal(h.edge.callsOf(api.lookUpPin).length, 0);
});

Deno.test("start() after a reload: an unknown key starts over, an ended session ends, no camera asks again", async () => {
  const unknown = customerHarness({ storage: saved });
  unknown.edge.answer(api.rejoinSession, refusal(401, "unauthenticated"));
  unknown.edge.answer(api.lookUpPin, INFO);
  await unknown.model.start(link("123456"));
  assert.deepEqual(unknown.model.screen.value, { name: "tutorial", step: 0 });
  assert.equal(unknown.storage.getItem("sightline.session"), null);

  const ended = customerHarness({ storage: saved });
  ended.edge.answer(api.rejoinSession, refusal(409, "session_ended"));
  await ended.model.start(link("123456"));
  assert.deepEqual(ended.model.screen.value, { name: "ended", reason: "other" });
  assert.equal(ended.storage.getItem("sightline.session"), null);

  const noCamera = customerHarness({ storage: saved });
  noCamera.edge.answer(api.rejoinSession, { sessionId: "s1", status: "active", livekit: LIVEKIT });
  noCamera.media.fail = "NotAllowedError";
  await noCamera.model.start(link("123456"));
  assert.deepEqual(noCamera.model.screen.value, { name: "permission", asking: false, problem: "denied" });
  await settle();
});
