/** The customer's picture as this console decodes it, once a second, for the HD photo hint (`photo_hint.ts`). */
import { type RemoteTrack, type RemoteTrackPublication, Track } from "livekit-client";
import { type PictureSample, pictureSampler } from "../../lib/picture_quality.ts";

/**
 * Reports one `PictureSample` a second of the customer's video (`video()`), or null while none is meant
 * to flow: no video, the customer's camera muted, or not shown on this screen (adaptive stream then asks
 * the server to send none, and the figures would speak of that, not of the customer's uplink). Returns
 * the stop.
 */
export function watchPicture(
  video: () => { track: RemoteTrack; publication: RemoteTrackPublication } | null,
  report: (sample: PictureSample | null) => void,
): () => void {
  const sample = pictureSampler("inbound-rtp");
  const timer = setInterval(async () => {
    const v = video();
    const flowing = v && !v.publication.isMuted && v.publication.isEnabled &&
      v.track.streamState !== Track.StreamState.Paused;
    report(sample(flowing ? await v.track.getRTCStatsReport().catch(() => undefined) : undefined));
  }, 1_000);
  return () => clearInterval(timer);
}
