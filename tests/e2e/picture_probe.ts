/**
 * Page functions that read the picture (live video or still) and the drawing canvas over it, on either
 * side, computed from the layout alone and so independently of the app's own mapping. They import
 * nothing, so Playwright and puppeteer-core (the Firefox customer) can both evaluate them in a page:
 * `page.evaluate(pictureOverlay, [stage, u, v])`.
 */

/** Where the picture element and its drawing canvas are: `.video-stage` (console), `.live-stage` (customer). */
export const PICTURE = {
  desk: { stage: ".video-stage" },
  phone: { stage: ".live-stage" },
};

/**
 * Where the normalised picture point (u, v) is, in client pixels: the picture is shown in its element
 * as its computed `object-fit` (contain or cover) and `object-position` say; the canvas covers the element.
 */
export function picturePoint([stage, u, v]: readonly [string, number, number]) {
  const root = document.querySelector(stage)!;
  const media = root.querySelector("img, video:not([hidden])") as HTMLVideoElement | HTMLImageElement;
  const [mw, mh] = media instanceof HTMLVideoElement
    ? [media.videoWidth, media.videoHeight]
    : [media.naturalWidth, media.naturalHeight];
  const box = media.getBoundingClientRect();
  const style = getComputedStyle(media);
  const scale = (style.objectFit === "cover" ? Math.max : Math.min)(box.width / mw, box.height / mh);
  const [w, h] = [mw * scale, mh * scale];
  const [px, py] = style.objectPosition.split(" ");
  const at = (pos: string, free: number) => pos.endsWith("%") ? free * parseFloat(pos) / 100 : parseFloat(pos);
  return { x: box.left + at(px, box.width - w) + u * w, y: box.top + at(py, box.height - h) + v * h };
}

/**
 * What the drawing canvas shows around the normalised point (u, v) (a 9×9 CSS-pixel window): whether
 * an annotation-coloured (yellow) pixel is there, and how many pixels of the whole canvas are drawn.
 */
export function pictureOverlay([stage, u, v]: readonly [string, number, number]) {
  const root = document.querySelector(stage)!;
  const canvas = root.querySelector("canvas.annotations") as HTMLCanvasElement;
  const media = root.querySelector("img, video:not([hidden])") as HTMLVideoElement | HTMLImageElement;
  const [mw, mh] = media instanceof HTMLVideoElement
    ? [media.videoWidth, media.videoHeight]
    : [media.naturalWidth, media.naturalHeight];
  const [cw, ch] = [canvas.clientWidth, canvas.clientHeight];
  const style = getComputedStyle(media);
  const scale = (style.objectFit === "cover" ? Math.max : Math.min)(cw / mw, ch / mh);
  const [w, h] = [mw * scale, mh * scale];
  const [ox, oy] = style.objectPosition.split(" ");
  const at = (pos: string, free: number) => pos.endsWith("%") ? free * parseFloat(pos) / 100 : parseFloat(pos);
  const k = canvas.width / cw;
  const px = Math.round((at(ox, cw - w) + u * w) * k);
  const py = Math.round((at(oy, ch - h) + v * h) * k);
  const ctx = canvas.getContext("2d")!;
  const r = Math.round(4 * k);
  // A picture not laid out yet (a reloaded page before its first frame, a canvas of no size) has no point
  // (u, v): nothing is yellow there yet.
  const placed = [px, py, r].every(Number.isFinite) && canvas.width > 0 && canvas.height > 0;
  const win = placed ? ctx.getImageData(px - r, py - r, 2 * r + 1, 2 * r + 1).data : new Uint8ClampedArray();
  let yellow = false;
  for (let i = 0; i < win.length; i += 4) {
    if (win[i + 3] > 200 && win[i] > 200 && win[i + 1] > 170 && win[i + 2] < 120) yellow = true;
  }
  const all = placed ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : new Uint8ClampedArray();
  let drawn = 0;
  for (let i = 3; i < all.length; i += 4) if (all[i] > 0) drawn++;
  return { yellow, drawn };
}
