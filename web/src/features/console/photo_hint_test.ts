import assert from "node:assert/strict";
import type { PictureSample } from "../../lib/picture_quality.ts";
import { type ActiveSession, openedSession } from "./active_session.ts";
import { createPhotoHint, pictureExpected } from "./photo_hint.ts";

const live = (patch: Partial<ActiveSession> = {}): ActiveSession => ({
  ...openedSession("a", "Ann"),
  state: "live",
  ...patch,
});
/** One second of VP8 as the console decoded it at a 300 kbit/s uplink (quantizer 105), and unshaped (2). */
const thin: PictureSample = { qp: 105, codec: "video/VP8" };
const fine: PictureSample = { qp: 2, codec: "video/VP8" };

Deno.test("createPhotoHint(): shows after four coarse seconds of an expected picture, goes when it is fine again", () => {
  const hint = createPhotoHint();
  const shown: boolean[] = [];
  for (const sample of [thin, thin, thin, thin, thin, fine, fine, fine]) {
    hint.sample(sample, true);
    shown.push(hint.shown.value);
  }
  // Good again once the last seconds (up to 8) average below 80.75: (5·105 + 2) / 6 = 88, (5·105 + 4) / 7 = 76.
  assert.deepEqual(shown, [false, false, false, true, true, true, false, false]);
});

Deno.test("createPhotoHint(): a picture that is not expected to flow hides the hint and starts over", () => {
  const hint = createPhotoHint();
  for (let i = 0; i < 4; i++) hint.sample(thin, true);
  assert.equal(hint.shown.value, true);
  hint.sample(thin, false);
  assert.equal(hint.shown.value, false, "e.g. the technician took the HD photo: the still covers the video");
  for (let i = 0; i < 3; i++) hint.sample(thin, true);
  assert.equal(hint.shown.value, false);
  hint.sample(null, true);
  assert.equal(hint.shown.value, false, "no figures (the video is hidden here)");
});

Deno.test("pictureExpected(): only a live picture the customer is sending and nothing covers", () => {
  assert.equal(pictureExpected(live(), false, false), true);
  assert.equal(pictureExpected(null, false, false), false);
  assert.equal(pictureExpected(openedSession("a", "Ann"), false, false), false, "still connecting");
  assert.equal(pictureExpected(live({ state: "reconnecting" }), false, false), false);
  assert.equal(pictureExpected(live(), true, false), false, "on hold");
  assert.equal(pictureExpected(live(), false, true), false, "a still is shown");
  assert.equal(pictureExpected(live({ cameraPaused: true }), false, false), false);
  assert.equal(pictureExpected(live({ customerStalled: true }), false, false), false);
  assert.equal(pictureExpected(live({ customerPresent: false }), false, false), false);
});
