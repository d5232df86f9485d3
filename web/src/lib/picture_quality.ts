/**
 * Whether the live picture still shows detail, judged alike on both sides from the same frames: the
 * customer's app from what its encoder makes of the camera (outbound), the console from what it decodes
 * (inbound). The customer publishes one layer that keeps its resolution when bandwidth runs short
 * (`features/customer/room.ts`), so a thin uplink shows as coarser quantisation (frames are dropped only
 * once the quantizer is at its coarsest) — and not in LiveKit's connection rating, which goes by loss and
 * jitter and said "excellent" at 300 kbit/s. Measured at 1280×720 (`tests/bench/results/uplink.md`): VP8's
 * quantizer averaged 103–105 at a 300 kbit/s uplink, 46–50 at 500 kbit/s, 2–3 at 1.5 Mbit/s and unshaped.
 * The frame rate is no measure of the link: on a busy machine (or phone) it falls for want of CPU.
 */

/** One second of the picture. */
export interface PictureSample {
  /** Average quantizer of those frames on the codec's own scale; null when none came or the browser does not say. */
  qp: number | null;
  /** The codec's MIME type, e.g. "video/VP8". */
  codec: string | null;
}

/**
 * The quantizer above which libwebrtc's own quality scaler calls a frame too coarse and would cut the
 * resolution (its `kHighVp8QpThreshold`, `kHighH264QpThreshold`) — the cut the customer's publishing
 * forgoes to keep detail. VP8 reports 0–127, H.264 0–51; a picture in another codec is never called coarse.
 */
export const COARSE_QP: Record<string, number> = { "video/vp8": 95, "video/h264": 37 };
/** Seconds judged together to call a picture coarse, so one key frame's burst decides nothing. */
export const WINDOW_SECONDS = 4;
/**
 * To call it good again: the average over this many seconds below `MARGIN` of the line. Longer, so that
 * a few sharper seconds (measured at 300 kbit/s on a busy machine: the encoder got fewer frames and spent
 * more on each) do not make a hint blink.
 */
export const GOOD_AGAIN_SECONDS = 8;
export const MARGIN = 0.85;

type Stats = Record<string, number | string | undefined>;

/**
 * Reads one `PictureSample` per call from a video sender's or receiver's stats report: the counters since
 * the previous call (no quantizer on the first call, or when no frame came). `undefined` (nothing
 * flowing) returns null and starts over.
 */
export function pictureSampler(type: "inbound-rtp" | "outbound-rtp") {
  const framesField = type === "inbound-rtp" ? "framesDecoded" : "framesEncoded";
  let last: { frames: number; qpSum: number | null; at: number } | null = null;
  return (report: RTCStatsReport | undefined): PictureSample | null => {
    let rtp: Stats | undefined;
    const codecs = new Map<string, string>();
    report?.forEach((r: Stats) => {
      if (r.type === type && r.kind === "video" && Number(r[framesField] ?? 0) >= Number(rtp?.[framesField] ?? 0)) {
        rtp = r;
      }
      if (r.type === "codec" && typeof r.mimeType === "string") codecs.set(String(r.id), r.mimeType);
    });
    if (!rtp) return (last = null);
    const now = {
      frames: Number(rtp[framesField] ?? 0),
      qpSum: typeof rtp.qpSum === "number" ? rtp.qpSum : null,
      at: Number(rtp.timestamp ?? performance.now()),
    };
    const [before, codec] = [last, codecs.get(String(rtp.codecId)) ?? null];
    last = now;
    const frames = before && now.at > before.at ? now.frames - before.frames : 0;
    const qp = frames > 0 && now.qpSum !== null && before?.qpSum != null ? (now.qpSum - before.qpSum) / frames : null;
    return { qp, codec };
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Says, once a second, whether the picture has lost its detail: its average quantizer over the last
 * `WINDOW_SECONDS` is above the codec's `COARSE_QP`; good again once the average over the last
 * `GOOD_AGAIN_SECONDS` is below `MARGIN` of that line.
 * A null sample (the picture is not meant to flow: paused, on hold, hidden) says nothing about the link
 * and starts over.
 */
export function pictureJudge() {
  let window: PictureSample[] = [];
  let coarse = false;
  return (sample: PictureSample | null): boolean => {
    if (!sample) {
      window = [];
      return (coarse = false);
    }
    window = [...window, sample].slice(-GOOD_AGAIN_SECONDS);
    if (window.length < WINDOW_SECONDS) return coarse;
    const line = COARSE_QP[sample.codec?.toLowerCase() ?? ""];
    if (line === undefined) return (coarse = false);
    const qps = window.slice(coarse ? -GOOD_AGAIN_SECONDS : -WINDOW_SECONDS).flatMap((s) =>
      s.qp === null ? [] : [s.qp]
    );
    // No frame in the whole window (or no quantizer reported): nothing new is known, the verdict stands.
    if (qps.length > 0) coarse = mean(qps) > (coarse ? line * MARGIN : line);
    return coarse;
  };
}
