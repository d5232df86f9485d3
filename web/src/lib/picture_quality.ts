/**
 * Whether the live picture still shows detail, judged alike on both sides from the same frames: the
 * customer's app from what its encoder makes of the camera (outbound), the console from what it decodes
 * (inbound). The customer publishes one layer that keeps its resolution when bandwidth runs short
 * (`features/customer/room.ts`), so a thin uplink shows first as coarser quantisation, then as dropped
 * frames — and not in LiveKit's connection rating, which goes by loss and jitter and said "excellent" at
 * 300 kbit/s. Measured at 1280×720 (`tests/bench/results/uplink.md`): VP8's quantizer averaged 105 at a
 * 300 kbit/s uplink, 46 at 500 kbit/s, 2 unshaped.
 */

/** One second of the picture. */
export interface PictureSample {
  fps: number;
  /** Average quantizer of those frames on the codec's own scale; null when none came or the browser does not say. */
  qp: number | null;
  /** The codec's MIME type, e.g. "video/VP8". */
  codec: string | null;
}

/**
 * The quantizer above which libwebrtc's own quality scaler calls a frame too coarse and would cut the
 * resolution (its `kHighVp8QpThreshold`, `kHighH264QpThreshold`) — the cut the customer's publishing
 * forgoes to keep detail. VP8 reports 0–127, H.264 0–51; other codecs are judged by frame rate only.
 */
export const COARSE_QP: Record<string, number> = { "video/vp8": 95, "video/h264": 37 };
/** Fewer frames a second than this is a slideshow, however sharp each frame is. */
export const SLIDESHOW_FPS = 8;
/** Seconds judged together, so one key frame or a passing dip decides nothing. */
export const WINDOW_SECONDS = 4;
/** Good again only this far inside the lines, so a picture hovering at one does not make a hint blink. */
export const MARGIN = 0.85;

type Stats = Record<string, number | string | undefined>;

/**
 * Reads one `PictureSample` per call from a video sender's or receiver's stats report: the counters since
 * the previous call. `undefined` (nothing flowing) returns null and starts over.
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
    const before = last;
    last = now;
    if (!before || now.at <= before.at) return null;
    const frames = now.frames - before.frames;
    const qp = frames > 0 && now.qpSum !== null && before.qpSum !== null ? (now.qpSum - before.qpSum) / frames : null;
    return { fps: (frames * 1000) / (now.at - before.at), qp, codec: codecs.get(String(rtp.codecId)) ?? null };
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Says, once a second, whether the picture has lost its detail: over the last `WINDOW_SECONDS`, an
 * average quantizer above the codec's `COARSE_QP` or fewer than `SLIDESHOW_FPS` frames a second; and
 * good again once both are `MARGIN` inside their lines. A null sample (the picture is not meant to flow:
 * paused, on hold, hidden) says nothing about the link and starts over.
 */
export function pictureJudge() {
  let window: PictureSample[] = [];
  let coarse = false;
  return (sample: PictureSample | null): boolean => {
    if (!sample) {
      window = [];
      return (coarse = false);
    }
    window = [...window, sample].slice(-WINDOW_SECONDS);
    if (window.length < WINDOW_SECONDS) return coarse;
    const qps = window.flatMap((s) => (s.qp === null ? [] : [s.qp]));
    const line = COARSE_QP[sample.codec?.toLowerCase() ?? ""];
    const qpLine = coarse ? line * MARGIN : line;
    const fpsLine = coarse ? SLIDESHOW_FPS / MARGIN : SLIDESHOW_FPS;
    coarse = (line !== undefined && qps.length > 0 && mean(qps) > qpLine) || mean(window.map((s) => s.fps)) < fpsLine;
    return coarse;
  };
}
