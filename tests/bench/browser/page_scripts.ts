/**
 * Code that runs inside the browser pages of the benchmarks, installed with `addInitScript` or
 * `page.evaluate`, so production code carries no bench hooks. Every function here is serialised by
 * Playwright: it must be self-contained (no imports, no outer variables).
 */

/** What the benchmark pages expose on `globalThis`. */
export interface BenchGlobals {
  /** A video track from a canvas whose frames carry their capture time as a block code. */
  __benchTimestampTrack(): MediaStreamTrack;
  /** Starts decoding the block code of every frame `video` presents; latencies go to `__benchG2g`. */
  __benchDecode(video: HTMLVideoElement): void;
  __benchG2g: number[];
  __benchUnreadable: number;
  /** performance.now() of the last click on a button named Start. */
  __benchStartClick: number | null;
  /** performance.now() of the first frame of the Customer camera after that click. */
  __benchFirstFrame: number | null;
  __benchTutorialAt: number | null;
  __benchPromptAt: number | null;
}

/**
 * The timestamp code, robust to VP8 and to simulcast down-scaling: 20 bits of (epoch ms mod 2^20)
 * and a 4-bit checksum, as 24 black/white blocks (2 rows × 12) over the top third of a 1280×720
 * canvas; below them a moving bar, so the encoder sees motion as with a real camera. Decoding samples
 * the block centres of the frame drawn into a small canvas.
 */
export function installTimestampCodec() {
  const BITS = 20;
  const COLS = 12;
  const ROWS = 2;
  const W = 1280;
  const H = 720;
  const BLOCK_H = 120;
  const g = globalThis as unknown as BenchGlobals;
  const nowMs = () => performance.timeOrigin + performance.now();
  const checksum = (v: number) => {
    let sum = 0;
    for (let i = 0; i < BITS; i += 4) sum += (v >> i) & 0xf;
    return (sum ^ 0x5) & 0xf;
  };

  g.__benchG2g = [];
  g.__benchUnreadable = 0;

  g.__benchTimestampTrack = () => {
    const canvas = document.createElement("canvas");
    canvas.width = W;
    canvas.height = H;
    const ctx = canvas.getContext("2d")!;
    let x = 0;
    const draw = () => {
      const value = Math.round(nowMs()) % (1 << BITS);
      const word = value | (checksum(value) << BITS);
      ctx.fillStyle = "#808080";
      ctx.fillRect(0, 0, W, H);
      for (let i = 0; i < COLS * ROWS; i++) {
        ctx.fillStyle = (word >> i) & 1 ? "#ffffff" : "#000000";
        ctx.fillRect((i % COLS) * (W / COLS), Math.floor(i / COLS) * BLOCK_H, W / COLS, BLOCK_H);
      }
      x = (x + 16) % W;
      ctx.fillStyle = "#204080";
      ctx.fillRect(x, ROWS * BLOCK_H + 80, 160, 200);
    };
    draw();
    // A timer, not requestAnimationFrame: 30 frames a second like the camera; captureStream() takes a
    // frame whenever the canvas changed.
    setInterval(draw, 1000 / 30);
    return canvas.captureStream().getVideoTracks()[0];
  };

  g.__benchDecode = (video: HTMLVideoElement) => {
    const SW = 192;
    const SH = 108;
    const canvas = document.createElement("canvas");
    canvas.width = SW;
    canvas.height = SH;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    const onFrame = (now: number) => {
      const at = performance.timeOrigin + now;
      ctx.drawImage(video, 0, 0, SW, SH);
      const pixels = ctx.getImageData(0, 0, SW, (ROWS * BLOCK_H * SH) / H).data;
      let word = 0;
      for (let i = 0; i < COLS * ROWS; i++) {
        const cx = Math.floor(((i % COLS) + 0.5) * (SW / COLS));
        const cy = Math.floor((Math.floor(i / COLS) + 0.5) * ((BLOCK_H * SH) / H));
        const o = (cy * SW + cx) * 4;
        if (pixels[o] + pixels[o + 1] + pixels[o + 2] > 3 * 128) word |= 1 << i;
      }
      const value = word & ((1 << BITS) - 1);
      if (word >>> BITS !== checksum(value)) {
        g.__benchUnreadable++;
      } else {
        const latency = (Math.round(at) - value + (1 << BITS)) % (1 << BITS);
        if (latency < 10_000) g.__benchG2g.push(latency);
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
}

/** Customer pages: the camera is the timestamp canvas (the fake microphone stays). */
export function replaceCameraWithTimestampCanvas() {
  const g = globalThis as unknown as BenchGlobals;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const audio = constraints?.audio ? (await original({ audio: constraints.audio })).getAudioTracks() : [];
    const video = constraints?.video ? [g.__benchTimestampTrack()] : [];
    return new MediaStream([...video, ...audio]);
  };
}

/** Console pages: when Start is clicked, and the first frame the Customer camera presents after it. */
export function watchStartToFirstFrame() {
  const g = globalThis as unknown as BenchGlobals;
  g.__benchStartClick = null;
  g.__benchFirstFrame = null;
  document.addEventListener("click", (e) => {
    const button = (e.target as Element | null)?.closest?.("button");
    if (button?.textContent?.trim() === "Start") {
      g.__benchStartClick = performance.now();
      g.__benchFirstFrame = null;
    }
  }, true);
  const watched = new WeakSet<HTMLVideoElement>();
  const watch = (video: HTMLVideoElement) => {
    if (watched.has(video)) return;
    watched.add(video);
    const onFrame = (now: number) => {
      if (g.__benchStartClick !== null && g.__benchFirstFrame === null) g.__benchFirstFrame = now;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  new MutationObserver(() => document.querySelectorAll("video").forEach(watch))
    .observe(document, { childList: true, subtree: true });
}

/**
 * Customer pages under slow 4G: when the tutorial shows, then Skip at once (as a hurried customer
 * would), and when the camera prompt shows. Times are performance.now(), i.e. from navigation start.
 */
export function watchTutorialAndPrompt() {
  const g = globalThis as unknown as BenchGlobals;
  g.__benchTutorialAt = null;
  g.__benchPromptAt = null;
  const button = (name: string) =>
    [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === name) ?? null;
  new MutationObserver(() => {
    if (g.__benchTutorialAt === null) {
      const skip = button("Skip");
      if (skip) {
        g.__benchTutorialAt = performance.now();
        skip.click();
      }
    }
    if (g.__benchPromptAt === null && button("Allow camera and microphone")) g.__benchPromptAt = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
}
