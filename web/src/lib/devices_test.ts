import assert from "node:assert/strict";
import { type CameraDevice, loudspeaker, mainRearCamera, toLoudspeaker } from "./devices.ts";

const video = (deviceId: string, label: string): CameraDevice => ({ deviceId, kind: "videoinput", label });

Deno.test("mainRearCamera() picks Android's first rear camera, not the ultra-wide or telephoto", () => {
  const android = [
    video("front", "camera2 1, facing front"),
    video("wide", "camera2 2, facing back"),
    video("main", "camera2 0, facing back"),
    video("tele", "camera2 3, facing back telephoto"),
  ];
  assert.equal(mainRearCamera(android), "main");
});

Deno.test("mainRearCamera() picks iOS's Back Camera, before virtual and special lenses, in English and German", () => {
  const ios = [
    video("front", "Front Camera"),
    video("triple", "Back Triple Camera"),
    video("dual", "Back Dual Wide Camera"),
    video("ultra", "Back Ultra Wide Camera"),
    video("tele", "Back Telephoto Camera"),
    video("main", "Back Camera"),
  ];
  assert.equal(mainRearCamera(ios), "main");
  const german = [video("ultra", "Rückseitige Ultraweitwinkelkamera"), video("main", "Rückkamera")];
  assert.equal(mainRearCamera(german), "main");
  assert.equal(
    mainRearCamera([video("dual", "Back Dual Wide Camera")]),
    "dual",
    "a virtual camera is better than none",
  );
});

Deno.test("mainRearCamera() says nothing without labels (no permission yet) or rear cameras", () => {
  assert.equal(mainRearCamera([video("a", ""), video("b", "")]), null);
  assert.equal(mainRearCamera([video("front", "Front Camera"), video("usb", "HD Webcam")]), null);
});

Deno.test("loudspeaker() finds a speaker output, not a headset or the earpiece", () => {
  const out = (deviceId: string, label: string): CameraDevice => ({ deviceId, kind: "audiooutput", label });
  assert.equal(
    loudspeaker([out("ear", "Earpiece"), out("bt", "Bluetooth headset speaker"), out("sp", "Speakerphone")]),
    "sp",
  );
  assert.equal(loudspeaker([out("default", "Default")]), null);
});

Deno.test("toLoudspeaker() routes the element to the speaker where the browser can, and does nothing where not", async () => {
  const routed: string[] = [];
  const el = { setSinkId: (id: string) => (routed.push(id), Promise.resolve()) } as unknown as HTMLMediaElement;
  const outputs = () => Promise.resolve([{ deviceId: "sp", kind: "audiooutput", label: "Speakerphone" }]);
  await toLoudspeaker(el, outputs);
  assert.deepEqual(routed, ["sp"]);
  await toLoudspeaker({} as HTMLMediaElement, () => Promise.reject(new Error("not asked")));
  await toLoudspeaker(el, () => Promise.resolve([]));
  assert.deepEqual(routed, ["sp"]);
});
