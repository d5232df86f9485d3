/**
 * The customer's own view of their uplink, for the "weak connection" banner. LiveKit rates a connection
 * by loss and jitter, and the one steady layer this app publishes over a thin uplink loses nothing: it
 * said "excellent" at 300 kbit/s while the encoder had to quantise the picture into mush. So the app also
 * judges what its encoder makes of the camera (`lib/picture_quality.ts`), with the same lines the console
 * uses for its HD photo hint, and calls the connection poor when either says so.
 */
import type { LocalTrackPublication } from "livekit-client";
import { pictureJudge, pictureSampler } from "../../lib/picture_quality.ts";

/**
 * Checks the published camera (`camera()`) once a second; a muted camera (paused, on hold) says nothing.
 * Reports `poor` whenever the verdict changes: LiveKit's rating (`rated`) is poor or lost, or the picture
 * has lost its detail.
 */
export function watchUplink(camera: () => LocalTrackPublication | undefined, report: (poor: boolean) => void) {
  const sample = pictureSampler("outbound-rtp");
  const judge = pictureJudge();
  const state = { rated: false, coarse: false, poor: false };
  const update = (patch: Partial<typeof state>) => {
    Object.assign(state, patch);
    const poor = state.rated || state.coarse;
    if (poor !== state.poor) report(state.poor = poor);
  };
  const timer = setInterval(async () => {
    const track = camera()?.videoTrack;
    const sending = track && !track.isMuted;
    update({ coarse: judge(sample(sending ? await track.getRTCStatsReport().catch(() => undefined) : undefined)) });
  }, 1_000);
  return {
    /** LiveKit rates this side's connection poor or lost (or no longer). */
    rated: (poor: boolean) => update({ rated: poor }),
    stop: () => clearInterval(timer),
  };
}
