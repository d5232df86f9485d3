import assert from "node:assert/strict";
import { pictureJudge, type PictureSample, pictureSampler, WINDOW_SECONDS } from "./picture_quality.ts";

const vp8 = (qp: number | null): PictureSample => ({ qp, codec: "video/VP8" });

/** Plays `samples` to a fresh judge (or `judge`), one a second; its verdict after each. */
function play(samples: (PictureSample | null)[], judge = pictureJudge()) {
  return samples.map((s) => judge(s));
}

Deno.test("pictureJudge(): VP8 coarser than libwebrtc's line for four seconds is coarse, not before", () => {
  // Measured at a 300 kbit/s uplink: 103–105; at 500 kbit/s: 46–50.
  assert.deepEqual(play([vp8(105), vp8(105), vp8(105), vp8(105)]), [false, false, false, true]);
  assert.deepEqual(play(Array(8).fill(vp8(50))), Array(8).fill(false));
  // One key frame's burst of coarse frames in a fine picture decides nothing.
  assert.deepEqual(play([vp8(20), vp8(127), vp8(20), vp8(20), vp8(20)]), Array(5).fill(false));
});

Deno.test("pictureJudge(): good again only below the margin, so a picture at the line does not blink", () => {
  const judge = pictureJudge();
  play(Array(WINDOW_SECONDS).fill(vp8(110)), judge);
  assert.deepEqual(play(Array(6).fill(vp8(90)), judge), Array(6).fill(true), "just under the line: still coarse");
  // Well under it (the limit lifted): good once the last 8 seconds average below 0.85 × 95 = 80.75.
  const lifted = pictureJudge();
  play(Array(WINDOW_SECONDS).fill(vp8(110)), lifted);
  assert.deepEqual(play([vp8(10), vp8(10), vp8(10)], lifted), [true, false, false], "(110·4 + 10) / 5 = 90");
  // A few sharper seconds inside a coarse stretch (seen at 300 kbit/s on a busy machine) change nothing.
  const busy = pictureJudge();
  const seen = [106, 106, 106, 106, 106, 106, 106, 105, 70, 39, 51, 75, 106, 106, 106, 106];
  assert.deepEqual(play(seen.map(vp8), busy).slice(WINDOW_SECONDS - 1), Array(seen.length - 3).fill(true));
});

Deno.test("pictureJudge(): seconds without a quantizer keep the verdict; an unknown codec is never coarse", () => {
  const judge = pictureJudge();
  play(Array(WINDOW_SECONDS).fill(vp8(110)), judge);
  assert.deepEqual(play(Array(WINDOW_SECONDS + 2).fill(vp8(null)), judge), Array(WINDOW_SECONDS + 2).fill(true));
  const av1 = { qp: 250, codec: "video/AV1" };
  assert.equal(play(Array(WINDOW_SECONDS).fill(av1)).at(-1), false);
  // H.264 has its own scale (0–51) and line (37).
  const h264 = (qp: number) => ({ qp, codec: "video/H264" });
  assert.equal(play(Array(WINDOW_SECONDS).fill(h264(40))).at(-1), true);
  assert.equal(play(Array(WINDOW_SECONDS).fill(h264(30))).at(-1), false);
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

Deno.test("pictureSampler(): the average quantizer of the frames since the previous read, with the codec", () => {
  const read = pictureSampler("inbound-rtp");
  assert.deepEqual(read(report("inbound-rtp", 1000, 100, 5000)), vp8(null), "nothing to compare with yet");
  assert.deepEqual(read(report("inbound-rtp", 2000, 120, 7000)), vp8(100));
  assert.deepEqual(read(report("inbound-rtp", 2000, 120, 7000)), vp8(null), "stats cached since the last read");
  assert.deepEqual(read(report("inbound-rtp", 3000, 120, 7000)), vp8(null), "no frame in a second");
});

Deno.test("pictureSampler(): the sender's side reads framesEncoded; nothing flowing starts over", () => {
  const read = pictureSampler("outbound-rtp");
  read(report("outbound-rtp", 0, 0, 0));
  assert.deepEqual(read(report("outbound-rtp", 500, 10, 400)), vp8(40));
  assert.equal(read(undefined), null);
  assert.deepEqual(read(report("outbound-rtp", 9000, 20, 800)), vp8(null), "a pause is not one long second");
  // A browser without qpSum: no quantizer.
  const noQp = pictureSampler("outbound-rtp");
  noQp(report("outbound-rtp", 0, 0, undefined));
  assert.deepEqual(noQp(report("outbound-rtp", 1000, 15, undefined)), vp8(null));
});
