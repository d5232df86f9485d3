/** Noticing that nothing arrives from the customer any more, before LiveKit says anything about them. */
import { type RemoteTrack, Track } from "livekit-client";

/**
 * How long the customer's media may stop before the console says their connection is interrupted.
 * LiveKit keeps a customer whose network vanished in the room and rates their connection by what it
 * last saw, for longer than a technician looking at a frozen picture should wait to be told. The
 * customer's unmuted microphone sends something at least every few hundred milliseconds, even in
 * silence (comfort noise); muted tracks, Hold and a paused camera are not expected to send.
 */
export const STALL_MS = 3_000;

/**
 * Checks once a second how many bytes the customer's tracks (`tracks()`) have brought, and reports
 * `stalled` when that has not changed for `STALL_MS` (and again when it flows). Returns the stop.
 */
export function watchStall(
  connected: () => boolean,
  tracks: () => (RemoteTrack | null)[],
  report: (stalled: boolean) => void,
): () => void {
  // Bytes received from the customer so far (every inbound RTP stream of theirs), and since when unchanged.
  let received = -1;
  let quietSince = performance.now();
  let stalled = false;
  const timer = setInterval(async () => {
    const now = performance.now();
    // Only what should be flowing counts: not a muted microphone or camera (the SFU forwards nothing of
    // them), not a video the SFU paused (hidden on this screen, or too little bandwidth), not an old track.
    const expected = tracks().filter((t): t is RemoteTrack =>
      !!t && !t.isMuted && t.streamState !== Track.StreamState.Paused && t.mediaStreamTrack.readyState === "live"
    );
    if (!connected() || expected.length === 0) {
      // Our own connection is the problem, or nothing of the customer's should be arriving now.
      [received, quietSince] = [-1, now];
      if (stalled) report(stalled = false);
      return;
    }
    let bytes = 0;
    for (const track of expected) {
      (await track.getRTCStatsReport())?.forEach((r) => {
        if (r.type === "inbound-rtp") bytes += r.bytesReceived ?? 0;
      });
    }
    if (bytes !== received) [received, quietSince] = [bytes, now];
    const quiet = now - quietSince >= STALL_MS;
    if (quiet !== stalled) report(stalled = quiet);
  }, 1_000);
  return () => clearInterval(timer);
}
