/**
 * Which frame is on screen, read from the picture itself (issue 17 §4): the scene camera draws the
 * frame number into a corner of every frame as a block code that survives VP8/H.264, scaling to
 * 640×360 and being shown scaled inside a larger screenshot.
 *
 * The code: 16 bits of the frame number (mod 65536) and an 8-bit CRC, each bit two side-by-side blocks
 * (white-black for 1, black-white for 0, so no threshold is needed and dimming or contrast changes do not
 * matter), 12 blocks × 4 rows of 12 px on a 6 px white quiet zone: 156×60 px, 1 % of a 1280×720 frame.
 * A read whose pairs are not clearly black/white or whose CRC does not match is null, never a wrong number.
 *
 * Built by one self-contained factory, `sceneFrameCode()`, so the camera's init script and any page
 * (`page.evaluate`) can run the same code; the named exports are for Deno and Node.
 */

/** The picture's rectangle inside an image (image pixels). */
export interface PictureRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the code sits: [0, 0] top-left … [1, 1] bottom-right (the default), [0.5, 1] bottom centre. */
export type CodePlacement = readonly [number, number];

export function sceneFrameCode() {
  const FRAME = { width: 1280, height: 720 };
  /** Block and quiet zone (px), the grid of blocks, and from the frame's edge to the quiet zone (px). */
  const [BLOCK, MARGIN, COLS, ROWS, INSET] = [12, 6, 12, 4, 8];
  /** The frame number's bits and all bits (with the CRC). */
  const [DATA_BITS, BITS] = [16, 24];

  /** CRC-8 (polynomial 0x07, start 0xFF) of the two bytes of `value`. */
  function crc8(value: number) {
    let crc = 0xff;
    for (const byte of [value >> 8, value & 0xff]) {
      crc ^= byte;
      for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    }
    return crc;
  }

  /** The code's box in frame pixels (quiet zone included) for a placement. */
  function layout(at: CodePlacement = [1, 1]) {
    const width = COLS * BLOCK + 2 * MARGIN;
    const height = ROWS * BLOCK + 2 * MARGIN;
    const x = Math.round(INSET + at[0] * (FRAME.width - 2 * INSET - width));
    const y = Math.round(INSET + at[1] * (FRAME.height - 2 * INSET - height));
    return { x, y, width, height, block: BLOCK, margin: MARGIN, cols: COLS, rows: ROWS };
  }

  /** Whether each block (row by row) is white, for frame number `frame`. */
  function blocks(frame: number): boolean[] {
    const value = ((frame % 65536) + 65536) % 65536;
    const word = value | (crc8(value) << DATA_BITS);
    const out: boolean[] = [];
    for (let i = 0; i < BITS; i++) {
      const bit = ((word >> i) & 1) === 1;
      out.push(bit, !bit);
    }
    return out;
  }

  /** Centre of block `k` in frame pixels. */
  function blockCentre(k: number, at: CodePlacement): [number, number] {
    const box = layout(at);
    return [box.x + MARGIN + ((k % COLS) + 0.5) * BLOCK, box.y + MARGIN + (Math.floor(k / COLS) + 0.5) * BLOCK];
  }

  /**
   * The frame number in an RGBA image (`width` × `height`) whose picture fills `rect` (image pixels; the
   * whole image by default), or null when the code cannot be read with confidence.
   */
  function decode(
    rgba: ArrayLike<number>,
    width: number,
    height: number,
    rect: PictureRect = { x: 0, y: 0, width, height },
    at: CodePlacement = [1, 1],
  ): number | null {
    const [sx, sy] = [rect.width / FRAME.width, rect.height / FRAME.height];
    // Average the middle half of each block, at least one pixel.
    const r = Math.max(0, Math.floor(0.25 * BLOCK * Math.min(sx, sy) - 0.5));
    const luma = (k: number) => {
      const [fx, fy] = blockCentre(k, at);
      const [cx, cy] = [Math.floor(rect.x + fx * sx), Math.floor(rect.y + fy * sy)];
      let [sum, n] = [0, 0];
      for (let y = cy - r; y <= cy + r; y++) {
        for (let x = cx - r; x <= cx + r; x++) {
          if (x < 0 || y < 0 || x >= width || y >= height) return NaN;
          const o = 4 * (y * width + x);
          sum += 0.299 * rgba[o] + 0.587 * rgba[o + 1] + 0.114 * rgba[o + 2];
          n++;
        }
      }
      return sum / n;
    };
    const diffs: number[] = [];
    for (let i = 0; i < BITS; i++) diffs.push(luma(2 * i) - luma(2 * i + 1));
    if (diffs.some((d) => Number.isNaN(d))) return null;
    const sorted = diffs.map(Math.abs).sort((a, b) => a - b);
    const median = sorted[BITS / 2];
    // Every pair clearly one way or the other: a black/white step of at least a third of the typical one.
    if (median < 60 || sorted[0] < Math.max(20, median / 3)) return null;
    let word = 0;
    diffs.forEach((d, i) => (word |= (d > 0 ? 1 : 0) << i));
    const value = word & 0xffff;
    return word >>> DATA_BITS === crc8(value) ? value : null;
  }

  /** The frame number a <video> shows now (drawn at its own size), or null. Browser only. */
  function decodeVideo(video: HTMLVideoElement, at: CodePlacement = [1, 1]): number | null {
    const [w, h] = [video.videoWidth, video.videoHeight];
    if (!w || !h) return null;
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    ctx.drawImage(video, 0, 0);
    return decode(ctx.getImageData(0, 0, w, h).data, w, h, undefined, at);
  }

  return { layout, blocks, crc8, decode, decodeVideo };
}

export type SceneFrameCode = ReturnType<typeof sceneFrameCode>;

const code = sceneFrameCode();
/** The code's box in frame pixels (quiet zone included). */
export const codeLayout = code.layout;
/** Whether each block of frame `frame`'s code is white, row by row. */
export const codeBlocks = code.blocks;
/** The frame number in an RGBA image whose picture fills `rect`, or null (see `sceneFrameCode`). */
export const decodeFrameCode = code.decode;
