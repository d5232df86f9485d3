/**
 * Page functions for anchored-drawing tests, on a page whose camera picture comes from the scene camera
 * (`tests/support/scene`; `__sightlineSceneTools` in the page). Self-contained, so Playwright can
 * serialise them: `page.evaluate(sampleMarks, [".live-stage", 5000, [0, 0.5], 0])`.
 */

/** One look at the screen: the scene frame the picture shows and where the drawn mark's colour is. */
export interface MarkSample {
  /** The scene's frame number read from the picture, null when unreadable. */
  frame: number | null;
  /** Centre of the annotation-yellow pixels, in picture pixels at 1280×720; null when none. */
  x: number | null;
  y: number | null;
  /** How many yellow canvas pixels there were. */
  pixels: number;
  /** Milliseconds since sampling began. */
  t: number;
}

/**
 * For `ms` or until the picture shows frame `until` (0: no such end), on every second animation frame
 * (what is about to be on screen): the frame the picture element shows (its frame code) and the centre
 * of the yellow marks on the drawing canvas, mapped back to the picture from the layout (computed
 * `object-fit`/`object-position`), not from the app's code.
 */
export function sampleMarks(
  [stage, ms, at, until]: readonly [string, number, readonly [number, number], number],
): Promise<MarkSample[]> {
  const root = document.querySelector(stage)!;
  type Rect = { x: number; y: number; width: number; height: number };
  const tools = (globalThis as unknown as {
    __sightlineSceneTools: {
      code: {
        decodeVideo(v: HTMLVideoElement, at: readonly [number, number]): number | null;
        decode(rgba: ArrayLike<number>, w: number, h: number, rect: Rect, at: readonly [number, number]): number | null;
      };
    };
  }).__sightlineSceneTools;
  const samples: MarkSample[] = [];
  const started = performance.now();
  let n = 0;
  return new Promise((done) => {
    const look = () => {
      const t = performance.now() - started;
      const last = samples.at(-1)?.frame ?? null;
      if (t > ms || (until && last !== null && last >= until)) return done(samples);
      requestAnimationFrame(look);
      if (n++ % 2) return;
      const video = root.querySelector("video:not([hidden])") as HTMLVideoElement | null;
      const canvas = root.querySelector("canvas.annotations") as HTMLCanvasElement | null;
      if (!video || !canvas || !video.videoWidth) return;
      const [cw, ch] = [canvas.clientWidth, canvas.clientHeight];
      const style = getComputedStyle(video);
      const scale = (style.objectFit === "cover" ? Math.max : Math.min)(cw / video.videoWidth, ch / video.videoHeight);
      const [w, h] = [video.videoWidth * scale, video.videoHeight * scale];
      const [ox, oy] = style.objectPosition.split(" ");
      const offset = (pos: string, free: number) => pos.endsWith("%") ? free * parseFloat(pos) / 100 : parseFloat(pos);
      const [left, top] = [offset(ox, cw - w), offset(oy, ch - h)];
      const k = canvas.width / cw;
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let sx = 0, sy = 0, count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && data[i] > 200 && data[i + 1] > 170 && data[i + 2] < 120) {
          const p = i / 4;
          sx += p % canvas.width;
          sy += Math.floor(p / canvas.width);
          count++;
        }
      }
      // The frame shown: the one painted on the canvas (a page that shows each tracked frame with its
      // marks), else the video's.
      const rect = { x: left * k, y: top * k, width: w * k, height: h * k };
      const frame = tools.code.decode(data, canvas.width, canvas.height, rect, at) ?? tools.code.decodeVideo(video, at);
      const toPicture = (c: number, offset: number, size: number, full: number) =>
        ((c / k + 0.5 / k - offset) / size) * full;
      samples.push({
        frame,
        x: count ? toPicture(sx / count, left, w, 1280) : null,
        y: count ? toPicture(sy / count, top, h, 720) : null,
        pixels: count,
        t,
      });
    };
    requestAnimationFrame(look);
  });
}
