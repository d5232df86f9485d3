/**
 * Each new frame a <video> shows, scaled down: `requestVideoFrameCallback` where the browser has it
 * (called once per frame presented), else animation frames that skip when the video's time has not moved.
 */

/** Whether `el` calls back once per frame presented (Safari 15.4+, Chrome 83+, Firefox 132+). */
const perFrame = (el: HTMLVideoElement | null): boolean =>
  !!el && "requestVideoFrameCallback" in el && "cancelVideoFrameCallback" in el;

/** A frame kept to be shown later (a `VideoFrame`): drawable, and closed when done with. */
export type KeptPicture = CanvasImageSource & { close(): void };

/** The frame `el` shows now, kept (no copy where the browser has `VideoFrame`), or null. */
function keep(el: HTMLVideoElement): KeptPicture | null {
  const Frame = (globalThis as { VideoFrame?: new (source: CanvasImageSource, init?: object) => KeptPicture })
    .VideoFrame;
  try {
    return Frame ? new Frame(el, { timestamp: Math.round(performance.now() * 1000) }) : null;
  } catch {
    return null;
  }
}

/**
 * When a frame was taken, in milliseconds of real time on some clock: the sender's RTP timestamp for a
 * received video (90 kHz, unwrapped: the sender's capture time shifted), else the capture time (or the
 * time it was shown). Both sides of a call count the same frames the same distance apart on it, so the
 * two clocks differ by a constant.
 */
export type FrameTime = number;

/**
 * The times of one video's frames (`FrameTime`), from what `requestVideoFrameCallback` says of each
 * (`now`: when it is shown).
 */
export function createFrameClock(): (now: number, meta?: VideoFrameCallbackMetadata) => FrameTime {
  /** The last RTP timestamp and how many times it has wrapped past 2³². */
  let rtp = { last: -1, wraps: 0 };
  /** A camera's first frame: its media time (ms) and when it was shown. */
  let first: { media: number; now: number } | null = null;
  /**
   * A camera's own frame: when it was captured, in real time like RTP timestamps. Chrome gives a camera
   * frame's capture timestamp as its `mediaTime`, exact to a fraction of a millisecond, where the time
   * it was shown wanders by a display frame or more; a media time that does not keep pace with real time
   * is not used.
   */
  const cameraTime = (now: number, meta?: VideoFrameCallbackMetadata): FrameTime => {
    if (meta?.captureTime !== undefined) return meta.captureTime;
    if (meta?.mediaTime === undefined) return now;
    const media = meta.mediaTime * 1000;
    first ??= { media, now };
    const [sinceMedia, sinceNow] = [media - first.media, now - first.now];
    return Math.abs(sinceMedia - sinceNow) <= 100 + sinceNow * 0.05 ? first.now + sinceMedia : now;
  };
  return (now: number, meta?: VideoFrameCallbackMetadata): FrameTime => {
    if (meta?.rtpTimestamp === undefined) return cameraTime(now, meta);
    if (rtp.last >= 0 && meta.rtpTimestamp < rtp.last - 2 ** 31) rtp = { ...rtp, wraps: rtp.wraps + 1 };
    rtp.last = meta.rtpTimestamp;
    return (meta.rtpTimestamp + rtp.wraps * 2 ** 32) / 90;
  };
}

/**
 * Starts calling `onFrame` with each new frame of the video `video()` returns (it may change, or be
 * absent for a while), `width` pixels wide (height by the video's aspect), with the frame's time and,
 * with `keepPictures`, the frame itself to show later (the callee closes it); returns the stop function.
 */
export function watchVideoFrames(
  video: () => HTMLVideoElement | null,
  width: number,
  onFrame: (image: ImageData, picture: KeptPicture | null, time: FrameTime) => void,
  keepPictures = false,
): () => void {
  let canvas: HTMLCanvasElement | null = null;
  let ctx: CanvasRenderingContext2D | null = null;
  let stopped = false;
  let lastTime = -1;
  let handle = 0;
  let current: HTMLVideoElement | null = null;
  const cancel = () => {
    if (!current) return;
    if (perFrame(current)) current.cancelVideoFrameCallback(handle);
    else cancelAnimationFrame(handle);
  };

  const frameTime = createFrameClock();

  const grab = (el: HTMLVideoElement, now: number, meta?: VideoFrameCallbackMetadata) => {
    if (!el.videoWidth || !el.videoHeight) return;
    const height = Math.max(1, Math.round((width * el.videoHeight) / el.videoWidth));
    canvas ??= document.createElement("canvas");
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      ctx = null;
    }
    if (!ctx) {
      ctx = canvas.getContext("2d", { willReadFrequently: true });
      if (!ctx) return;
      // A filtered downscale: plain bilinear sampling at a quarter of the size aliases fine texture into
      // noise that differs from frame to frame (and between the two sides' copies).
      ctx.imageSmoothingQuality = "high";
    }
    ctx.drawImage(el, 0, 0, width, height);
    onFrame(ctx.getImageData(0, 0, width, height), keepPictures ? keep(el) : null, frameTime(now, meta));
  };

  const schedule = () => {
    if (stopped) return;
    const el = video();
    current = el;
    if (!el) return; // the poll below starts again when a video appears
    if (perFrame(el)) {
      handle = el.requestVideoFrameCallback((now, meta) => {
        grab(el, now, meta);
        schedule();
      });
    } else {
      handle = requestAnimationFrame(() => {
        if (el.currentTime !== lastTime && el.readyState >= 2) {
          lastTime = el.currentTime;
          grab(el, performance.now());
        }
        schedule();
      });
    }
  };
  // A video element that appears or is replaced (a still shown, then live again): poll for it.
  const poll = setInterval(() => {
    if (!stopped && video() !== current) {
      cancel();
      schedule();
    }
  }, 500);
  schedule();
  return () => {
    stopped = true;
    clearInterval(poll);
    cancel();
  };
}
