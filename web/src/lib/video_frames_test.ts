import assert from "node:assert/strict";
import { createFrameClock } from "./video_frames.ts";

const meta = (extra: Partial<VideoFrameCallbackMetadata>) =>
  ({
    presentationTime: 0,
    expectedDisplayTime: 0,
    width: 1,
    height: 1,
    mediaTime: 0,
    presentedFrames: 0,
    ...extra,
  }) as VideoFrameCallbackMetadata;

Deno.test("frame clock: a camera's capture time from its media time, where that keeps pace with real time", () => {
  const time = createFrameClock();
  // Shown on display frames (16.7 ms apart, late by varying amounts); captured exactly 33.3 ms apart.
  assert.equal(time(1000, meta({ mediaTime: 5 })), 1000);
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} ≠ ${b}`);
  near(time(1050, meta({ mediaTime: 5.0333 })), 1000 + 33.3);
  near(time(1066.7, meta({ mediaTime: 5.0666 })), 1000 + 66.6);
  // Its own capture time where the browser gives one.
  assert.equal(time(1100, meta({ mediaTime: 5.1, captureTime: 777 })), 777);
});

Deno.test("frame clock: a media time that does not keep pace is not used; RTP timestamps unwrap", () => {
  const time = createFrameClock();
  time(1000, meta({ mediaTime: 0 }));
  assert.equal(time(3000, meta({ mediaTime: 0.5 })), 3000, "half a second of media in two seconds: the time shown");
  const received = createFrameClock();
  assert.equal(received(0, meta({ rtpTimestamp: 2 ** 32 - 900 })), (2 ** 32 - 900) / 90);
  assert.equal(received(10, meta({ rtpTimestamp: 1800 })), (2 ** 32 + 1800) / 90, "past 2³² it counts on");
});
