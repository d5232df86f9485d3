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
  /** How many yellow canvas pixels the mark has (its cluster; stray pixels elsewhere not counted). */
  pixels: number;
  /** Milliseconds since sampling began. */
  t: number;
  /** When the look was taken, in epoch milliseconds (`performance.timeOrigin` + now: comparable across pages). */
  at: number;
  /** Bounding box of the yellow pixels in picture pixels at 1280×720 ([x0, y0, x1, y1]); null when none. */
  box: [number, number, number, number] | null;
  /** Where the frame was read: the tracked frame painted under the marks, or the live video. */
  from: "tracked" | "video";
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
      // Yellow pixels of the marks' canvas (stray ones are dropped: the mark is the cluster around their
      // median).
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && data[i] > 200 && data[i + 1] > 170 && data[i + 2] < 120) {
          xs.push((i / 4) % canvas.width);
          ys.push(Math.floor(i / 4 / canvas.width));
        }
      }
      const mid = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
      const [mx, my] = [mid(xs), mid(ys)];
      let sx = 0, sy = 0, count = 0;
      let [bx0, by0, bx1, by1] = [Infinity, Infinity, -Infinity, -Infinity];
      xs.forEach((x, i) => {
        const y = ys[i];
        if (Math.abs(x - mx) <= 30 * k && Math.abs(y - my) <= 30 * k) {
          [sx, sy, count] = [sx + x, sy + y, count + 1];
          [bx0, by0, bx1, by1] = [Math.min(bx0, x), Math.min(by0, y), Math.max(bx1, x), Math.max(by1, y)];
        }
      });
      // The frame shown: the one painted under the marks (a page that shows each tracked frame with its
      // marks), else the video's.
      const rect = { x: left * k, y: top * k, width: w * k, height: h * k };
      const shown = root.querySelector("canvas.tracked-picture") as HTMLCanvasElement | null;
      const picture = shown && shown.getContext("2d")!.getImageData(0, 0, shown.width, shown.height).data;
      const tracked = picture ? tools.code.decode(picture, shown!.width, shown!.height, rect, at) : null;
      const frame = tracked ?? tools.code.decodeVideo(video, at);
      const toPicture = (c: number, offset: number, size: number, full: number) =>
        ((c / k + 0.5 / k - offset) / size) * full;
      samples.push({
        frame,
        x: count ? toPicture(sx / count, left, w, 1280) : null,
        y: count ? toPicture(sy / count, top, h, 720) : null,
        pixels: count,
        t,
        at: performance.timeOrigin + performance.now(),
        box: count
          ? [
            toPicture(bx0 - 0.5, left, w, 1280),
            toPicture(by0 - 0.5, top, h, 720),
            toPicture(bx1 + 0.5, left, w, 1280),
            toPicture(by1 + 0.5, top, h, 720),
          ]
          : null,
        from: tracked === null ? "video" : "tracked",
      });
    };
    requestAnimationFrame(look);
  });
}
