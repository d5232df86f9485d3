/**
 * What the uplink benchmark reads once a second: the console's inbound WebRTC stats of the customer's
 * video and audio, the customer's outbound video as its encoder sees it, and what both screens say
 * about the connection. Read from outside the pages (the `__pcs` every e2e context records), so the
 * app carries no hook. `summarize` turns a run of samples into one row of the table.
 */
import type { Page } from "@playwright/test";
import { round1 } from "../stats.ts";

/** The console's counters, summed over its live peer connections. */
export interface Inbound {
  at: number;
  width: number;
  height: number;
  framesDecoded: number;
  /** Sum of the decoded frames' quantizers (VP8: 0–127, higher is coarser). */
  qpSum: number;
  videoBytes: number;
  audioBytes: number;
  audioPackets: number;
  /** How long ago the last audio packet arrived, ms (the stats' own clock). */
  audioSilentMs: number;
  concealedSamples: number;
  silentConcealedSamples: number;
  totalSamplesReceived: number;
}

/** The customer's encoder: what it sends and why it sends less (bandwidth, cpu, none). */
export interface Outbound {
  width: number;
  height: number;
  fps: number;
  limitation: string;
  /** The encoder's target, kbit/s: what the bandwidth estimate grants the picture. */
  targetKbps: number;
  /** The send-side bandwidth estimate, kbit/s. */
  availableKbps: number | null;
}

export interface Sample {
  /** ms since the phase began. */
  t: number;
  desk: Inbound;
  phone: Outbound;
  /** "Customer connection: …" in the console. */
  customerQuality: string;
  /** The customer's "Weak connection" banner. */
  weakBanner: boolean;
  /** The console's HD photo hint. */
  hint: boolean;
}

type PcGlobals = { __pcs: RTCPeerConnection[] };

export function readInbound(desk: Page): Promise<Inbound> {
  return desk.evaluate(async () => {
    const s = {
      at: performance.now(),
      width: 0,
      height: 0,
      framesDecoded: 0,
      qpSum: 0,
      videoBytes: 0,
      audioBytes: 0,
      audioPackets: 0,
      audioSilentMs: 0,
      concealedSamples: 0,
      silentConcealedSamples: 0,
      totalSamplesReceived: 0,
    };
    for (const pc of (globalThis as unknown as PcGlobals).__pcs) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type !== "inbound-rtp") return;
        if (r.kind === "video") {
          s.width = Math.max(s.width, r.frameWidth ?? 0);
          s.height = Math.max(s.height, r.frameHeight ?? 0);
          s.framesDecoded += r.framesDecoded ?? 0;
          s.qpSum += r.qpSum ?? 0;
          s.videoBytes += r.bytesReceived ?? 0;
        } else {
          s.audioBytes += r.bytesReceived ?? 0;
          s.audioPackets += r.packetsReceived ?? 0;
          if (r.lastPacketReceivedTimestamp) s.audioSilentMs = Math.round(r.timestamp - r.lastPacketReceivedTimestamp);
          s.concealedSamples += r.concealedSamples ?? 0;
          s.silentConcealedSamples += r.silentConcealedSamples ?? 0;
          s.totalSamplesReceived += r.totalSamplesReceived ?? 0;
        }
      });
    }
    return s;
  });
}

export function readOutbound(phone: Page): Promise<Outbound> {
  return phone.evaluate(async () => {
    const o = { width: 0, height: 0, fps: 0, limitation: "none", targetKbps: 0, availableKbps: null as number | null };
    for (const pc of (globalThis as unknown as PcGlobals).__pcs) {
      if (pc.connectionState !== "connected") continue;
      (await pc.getStats()).forEach((r) => {
        // With several encodings (simulcast), the largest one that is sending.
        if (r.type === "outbound-rtp" && r.kind === "video" && (r.frameHeight ?? 0) >= o.height) {
          [o.width, o.height, o.fps] = [r.frameWidth ?? 0, r.frameHeight ?? 0, r.framesPerSecond ?? 0];
          o.limitation = r.qualityLimitationReason ?? "none";
          o.targetKbps = Math.round((r.targetBitrate ?? 0) / 1000);
        }
        if (r.type === "candidate-pair" && r.nominated && typeof r.availableOutgoingBitrate === "number") {
          o.availableKbps = Math.round(r.availableOutgoingBitrate / 1000);
        }
      });
    }
    return o;
  });
}

const kbps = (bytes: number, ms: number) => ms > 0 ? round1((bytes * 8) / ms) : null;

/** The most frequent value. */
function mode<T>(values: T[]): T | null {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The average quantizer of each second's frames, rounded. */
export const qpPerSecond = (samples: Sample[]) =>
  samples.slice(1).map((s, i) => {
    const frames = s.desk.framesDecoded - samples[i].desk.framesDecoded;
    return frames > 0 ? Math.round((s.desk.qpSum - samples[i].desk.qpSum) / frames) : null;
  });

/** Frames per second between two consecutive samples. */
export const fpsBetween = (a: Inbound, b: Inbound) =>
  b.at > a.at ? ((b.framesDecoded - a.framesDecoded) * 1000) / (b.at - a.at) : 0;

/** One row of the table from the samples of a measuring window (at least two). */
export function summarize(samples: Sample[]) {
  const first = samples[0].desk, last = samples.at(-1)!.desk;
  const ms = last.at - first.at;
  const total = last.totalSamplesReceived - first.totalSamplesReceived;
  const concealed = last.concealedSamples - first.concealedSamples;
  const silent = last.silentConcealedSamples - first.silentConcealedSamples;
  const share = (f: (s: Sample) => boolean) => round1(samples.filter(f).length / samples.length);
  const qps = qpPerSecond(samples).filter((q) => q !== null);
  return {
    resolution: mode(samples.map((s) => `${s.desk.width}×${s.desk.height}`)),
    fps: round1(((last.framesDecoded - first.framesDecoded) * 1000) / ms),
    /** Average quantizer of the decoded frames (VP8: 0–127). */
    qp: round1((last.qpSum - first.qpSum) / (last.framesDecoded - first.framesDecoded)),
    /** The lowest and highest of the seconds' averages. */
    qpRange: qps.length ? [Math.min(...qps), Math.max(...qps)] : null,
    videoKbps: kbps(last.videoBytes - first.videoBytes, ms),
    audioKbps: kbps(last.audioBytes - first.audioBytes, ms),
    /** Share of played audio samples the receiver had to invent (loss, late packets), in %. */
    concealedPct: total > 0 ? round1((concealed / total) * 100) : null,
    /** … not counting silence it filled in (DTX, comfort noise), in %. */
    concealedAudiblePct: total > 0 ? round1(((concealed - silent) / total) * 100) : null,
    /**
     * The longest the console had gone without an audio packet at any sample, ms: speech comes every
     * 20 ms, silence (DTX) every 400 ms, so anything near a second means the audio stopped.
     */
    longestAudioSilenceMs: Math.max(...samples.map((s) => s.desk.audioSilentMs)),
    sent: {
      resolution: mode(samples.map((s) => `${s.phone.width}×${s.phone.height}`)),
      fps: round1(samples.reduce((n, s) => n + s.phone.fps, 0) / samples.length),
      limitation: mode(samples.map((s) => s.phone.limitation)),
      targetKbps: round1(samples.reduce((n, s) => n + s.phone.targetKbps, 0) / samples.length),
      availableKbps: mode(samples.map((s) => s.phone.availableKbps)),
    },
    customerQuality: mode(samples.map((s) => s.customerQuality)),
    weakBannerShare: share((s) => s.weakBanner),
    hintShare: share((s) => s.hint),
    /** How often the hint appeared or went while measured (it should not blink). */
    hintChanges: samples.slice(1).filter((s, i) => s.hint !== samples[i].hint).length,
  };
}
export type UplinkRow = ReturnType<typeof summarize>;
