import assert from "node:assert/strict";
import { settle } from "../../testing/fakes.ts";
import { customerHarness } from "./testing.ts";

const cameras = [
  { deviceId: "ultra", kind: "videoinput", label: "camera2 2, facing back" },
  { deviceId: "main", kind: "videoinput", label: "camera2 0, facing back" },
  { deviceId: "front", kind: "videoinput", label: "camera2 1, facing front" },
];
const asked = (h: ReturnType<typeof customerHarness>, i: number) =>
  h.media.requests[i].video as Record<string, unknown>;

Deno.test("camera.open() switches to the phone's main rear camera when the browser chose another", async () => {
  const h = customerHarness();
  h.media.devices = cameras;
  await h.model.camera.open();
  await settle();
  assert.deepEqual(asked(h, 0).facingMode, { ideal: "environment" });
  assert.deepEqual(asked(h, 1).deviceId, { exact: "main" });
  assert.equal(h.media.requests[1].audio, false, "the microphone stays");
  assert.equal(h.model.camera.tracks().video?.getSettings().deviceId, "main");
  assert.ok(h.model.camera.tracks().audio, "camera and microphone in one stream");
});

Deno.test("camera.open() keeps the camera when it is the main one, or when labels tell nothing", async () => {
  const h = customerHarness();
  h.media.devices = [{ deviceId: "rear", kind: "videoinput", label: "Back Camera" }];
  await h.model.camera.open();
  const bare = customerHarness();
  bare.media.devices = [{ deviceId: "x", kind: "videoinput", label: "" }];
  await bare.model.camera.open();
  await settle();
  assert.equal(h.media.requests.length, 1);
  assert.equal(bare.media.requests.length, 1);
});

Deno.test("a switched camera is remembered: the next session starts with it", async () => {
  const h = customerHarness();
  h.media.devices = cameras;
  await h.model.camera.open();
  await h.model.camera.switchCamera();
  assert.deepEqual(asked(h, 2).facingMode, { ideal: "user" });
  assert.equal(h.prefs.getItem("sightline.facing"), "user");
  const next = customerHarness({ prefs: { "sightline.facing": "user" } });
  next.media.devices = cameras;
  await next.model.camera.open();
  await settle();
  assert.deepEqual(asked(next, 0).facingMode, { ideal: "user" });
  assert.equal(next.media.requests.length, 1, "no rear-camera choice for the front camera");
  await next.model.camera.switchCamera();
  await settle();
  assert.deepEqual(asked(next, 1).facingMode, { ideal: "environment" });
  assert.equal(next.prefs.getItem("sightline.facing"), "environment");
});
