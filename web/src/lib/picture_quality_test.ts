import assert from "node:assert/strict";
import { pictureJudge, type PictureSample, pictureSampler, WINDOW_SECONDS } from "./picture_quality.ts";

const vp8 = (qp: number | null, fps = 20): PictureSample => ({ fps, qp, codec: "video/VP8" });

/** Plays `samples` to a fresh judge (or `judge`), one a second; its verdict after each. */
function play(samples: (PictureSample | null)[], judge = pictureJudge()) {
  return samples.map((s) => judge(s));
}

Deno.test("pictureJudge(): VP8 coarser than libwebrtc's line for four seconds is coarse, not before", () => {
  // Measured at a 300 kbit/s uplink: 105; at 500 kbit/s: 46.
  assert.deepEqual(play([vp8(105), vp8(105), vp8(105), vp8(105)]), [false, false, false, true]);
  assert.deepEqual(play(Array(8).fill(vp8(46))), Array(8).fill(false));
  // One key frame's burst of coarse frames in a fine picture decides nothing.
  assert.deepEqual(play([vp8(20), vp8(127), vp8(20), vp8(20), vp8(20)]), Array(5).fill(false));
});

Deno.test("pictureJudge(): fewer than 8 frames a second is a slideshow, whatever the quantizer", () => {
  assert.equal(play(Array(WINDOW_SECONDS).fill(vp8(30, 5))).at(-1), true);
  assert.equal(play(Array(WINDOW_SECONDS).fill(vp8(30, 12))).at(-1), false);
  // A codec without a known line (or no quantizer at all) is judged by frame rate only.
  const av1 = { fps: 20, qp: 250, codec: "video/AV1" };
  assert.equal(play(Array(WINDOW_SECONDS).fill(av1)).at(-1), false);
  assert.equal(play(Array(WINDOW_SECONDS).fill(vp8(null))).at(-1), false);
});

Deno.test("pictureJudge(): good again only once inside the margin, so a picture at the line does not blink", () => {
  const judge = pictureJudge();
  play(Array(WINDOW_SECONDS).fill(vp8(110)), judge);
  // Just under the line: still coarse.
  assert.deepEqual(play(Array(6).fill(vp8(90)), judge), Array(6).fill(true));
  // Well under it (the limit lifted): good once the window's average is inside the margin.
  const lifted = pictureJudge();
  play(Array(WINDOW_SECONDS).fill(vp8(110)), lifted);
  assert.deepEqual(play([vp8(10), vp8(10), vp8(10)], lifted), [true, false, false], "(110·3 + 10) / 4 = 85 > 80.75");
  // Likewise the frame rate: 9 fps is not yet back, 15 is.
  play(Array(WINDOW_SECONDS).fill(vp8(30, 4)), judge);
  assert.equal(play(Array(WINDOW_SECONDS).fill(vp8(30, 9)), judge).at(-1), true);
  assert.equal(play(Array(WINDOW_SECONDS).fill(vp8(30, 15)), judge).at(-1), false);
});

Deno.test("pictureJudge(): a picture not meant to flow says nothing and starts the window over", () => {
  const judge = pictureJudge();
  play(Array(WINDOW_SECONDS).fill(vp8(110)), judge);
  assert.equal(judge(null), false);
  assert.deepEqual(play([vp8(110), vp8(110), vp8(110), vp8(110)], judge), [false, false, false, true]);
});

/** A stats report with one video RTP stream of `type` and its codec. */
function report(type: string, at: number, frames: number, qpSum: number | undefined) {
  const field = type === "inbound-rtp" ? "framesDecoded" : "framesEncoded";
  const rtp = { id: "rtp", type, kind: "video", timestamp: at, [field]: frames, qpSum, codecId: "c1" };
  const codec = { id: "c1", type: "codec", mimeType: "video/VP8" };
  return new Map<string, object>([["rtp", rtp], ["c1", codec]]) as unknown as RTCStatsReport;
}

Deno.test("pictureSampler(): frames and quantizer since the previous read, with the codec", () => {
  const read = pictureSampler("inbound-rtp");
  assert.equal(read(report("inbound-rtp", 1000, 100, 5000)), null, "nothing to compare with yet");
  assert.deepEqual(read(report("inbound-rtp", 2000, 120, 7000)), { fps: 20, qp: 100, codec: "video/VP8" });
  // Stats cached since the last read: no new second.
  assert.equal(read(report("inbound-rtp", 2000, 120, 7000)), null);
  // No frames in a second: no quantizer, 0 fps.
  assert.deepEqual(read(report("inbound-rtp", 3000, 120, 7000)), { fps: 0, qp: null, codec: "video/VP8" });
});

Deno.test("pictureSampler(): the sender's side reads framesEncoded; nothing flowing starts over", () => {
  const read = pictureSampler("outbound-rtp");
  read(report("outbound-rtp", 0, 0, 0));
  assert.deepEqual(read(report("outbound-rtp", 500, 10, 400)), { fps: 20, qp: 40, codec: "video/VP8" });
  assert.equal(read(undefined), null);
  assert.equal(read(report("outbound-rtp", 9000, 20, 800)), null, "a pause is not one long second");
  // A browser without qpSum: frame rate only.
  const noQp = pictureSampler("outbound-rtp");
  noQp(report("outbound-rtp", 0, 0, undefined));
  assert.deepEqual(noQp(report("outbound-rtp", 1000, 15, undefined)), { fps: 15, qp: null, codec: "video/VP8" });
});
