/** The customer video's figures for the Connection details overlay, read from its receiver stats. */
import type { RemoteTrack } from "livekit-client";

/** What the Connection details overlay shows, read from the customer video's receiver stats. */
export interface VideoStats {
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  rttMs: number | null;
}

/** Reads a track's figures; the bitrate is over the time since the previous read. */
export function videoStatsReader() {
  let last: { bytes: number; at: number } | null = null;
  return async (track: RemoteTrack | null): Promise<VideoStats | null> => {
    const report = await track?.getRTCStatsReport();
    if (!report) return null;
    let inbound: Record<string, number> | undefined;
    let rtt: number | null = null;
    report.forEach((r) => {
      if (r.type === "inbound-rtp" && r.kind === "video") inbound = r;
      if (r.type === "candidate-pair" && r.nominated && typeof r.currentRoundTripTime === "number") {
        rtt = r.currentRoundTripTime;
      }
    });
    if (!inbound) return null;
    const bytes = inbound.bytesReceived ?? 0;
    const at = inbound.timestamp ?? performance.now();
    const bitrateKbps = last && at > last.at ? ((bytes - last.bytes) * 8) / (at - last.at) : 0;
    last = { bytes, at };
    return {
      width: inbound.frameWidth ?? 0,
      height: inbound.frameHeight ?? 0,
      fps: inbound.framesPerSecond ?? 0,
      bitrateKbps: Math.round(bitrateKbps),
      rttMs: rtt === null ? null : Math.round(rtt * 1000),
    };
  };
}
