import assert from "node:assert/strict";
import { codeBlocks, codeLayout, type CodePlacement, decodeFrameCode, sceneFrameCode } from "./frame_code.ts";

const [W, H] = [1280, 720];

/** A deterministic pseudo-random source (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 1280×720 frame of coloured noise in 8 px cells with the code of `frame` drawn as the camera draws it. */
function frameImage(frame: number, seed: number, at: CodePlacement = [1, 1]) {
  const rnd = random(seed);
  const cells = Array.from({ length: (W / 8) * (H / 8) * 3 }, () => Math.floor(rnd() * 256));
  const img = new Uint8ClampedArray(W * H * 4);
  for (let y = 0, o = 0; y < H; y++) {
    for (let x = 0; x < W; x++, o += 4) {
      const c = 3 * ((y >> 3) * (W / 8) + (x >> 3));
      img[o] = cells[c];
      img[o + 1] = cells[c + 1];
      img[o + 2] = cells[c + 2];
      img[o + 3] = 255;
    }
  }
  const box = codeLayout(at);
  const white = codeBlocks(frame);
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const [bx, by] = [
        Math.floor((x - box.x - box.margin) / box.block),
        Math.floor((y - box.y - box.margin) / box.block),
      ];
      const inData = bx >= 0 && by >= 0 && bx < box.cols && by < box.rows;
      const v = !inData || white[by * box.cols + bx] ? 255 : 0;
      img.set([v, v, v, 255], 4 * (y * W + x));
    }
  }
  return img;
}

/** Gaussian-ish noise of about `sigma` on every channel. */
function addNoise(img: Uint8ClampedArray, sigma: number, seed: number) {
  const rnd = random(seed);
  for (let i = 0; i < img.length; i++) {
    if (i % 4 !== 3) img[i] = img[i] + sigma * (rnd() + rnd() + rnd() + rnd() - 2) * Math.sqrt(3);
  }
  return img;
}

/** `src` (w × h) resampled bilinearly into `rect` of a new `outW` × `outH` grey image. */
function place(
  src: Uint8ClampedArray,
  w: number,
  h: number,
  outW: number,
  outH: number,
  rect = { x: 0, y: 0, width: outW, height: outH },
) {
  const out = new Uint8ClampedArray(outW * outH * 4).fill(128);
  for (let y = Math.ceil(rect.y); y < rect.y + rect.height; y++) {
    for (let x = Math.ceil(rect.x); x < rect.x + rect.width; x++) {
      const sx = Math.min(w - 1.001, Math.max(0, ((x + 0.5 - rect.x) * w) / rect.width - 0.5));
      const sy = Math.min(h - 1.001, Math.max(0, ((y + 0.5 - rect.y) * h) / rect.height - 0.5));
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      const [fx, fy] = [sx - x0, sy - y0];
      const [a, b] = [4 * (y0 * w + x0), 4 * ((y0 + 1) * w + x0)];
      for (let c = 0; c < 4; c++) {
        const top = src[a + c] * (1 - fx) + src[a + 4 + c] * fx;
        out[4 * (y * outW + x) + c] = top * (1 - fy) + (src[b + c] * (1 - fx) + src[b + 4 + c] * fx) * fy;
      }
    }
  }
  return out;
}

/** A 3×3 box blur, a stand-in for a coarse codec smearing the block edges. */
function blur(img: Uint8ClampedArray, w: number, h: number) {
  const out = new Uint8ClampedArray(img);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += img[4 * ((y + dy) * w + x + dx) + c];
        out[4 * (y * w + x) + c] = s / 9;
      }
    }
  }
  return out;
}

Deno.test("the code takes 1 % of the frame, in the corner it is placed in", () => {
  const box = codeLayout();
  assert.ok((box.width * box.height) / (W * H) < 0.02);
  assert.deepEqual([box.x + box.width, box.y + box.height], [W - 8, H - 8]);
  assert.deepEqual([codeLayout([0, 0]).x, codeLayout([0, 0]).y], [8, 8]);
});

Deno.test("encode and decode round trip, every placement, frame numbers mod 65536", () => {
  for (
    const [frame, at] of [[0, [1, 1]], [1, [0, 1]], [4321, [0.5, 1]], [65535, [0, 0]], [65536 + 77, [1, 0]]] as const
  ) {
    assert.equal(decodeFrameCode(frameImage(frame, frame + 1, at), W, H, undefined, at), frame % 65536);
  }
});

Deno.test("decodes through noise, a 2× downscale, a blur and being shown scaled inside a larger image", () => {
  for (const frame of [3, 999, 31337, 60000]) {
    const noisy = addNoise(frameImage(frame, frame), 25, frame);
    assert.equal(decodeFrameCode(noisy, W, H), frame);
    const small = blur(place(noisy, W, H, 640, 360), 640, 360);
    assert.equal(decodeFrameCode(small, 640, 360), frame);
    // The 640×360 picture shown at 900×506 inside a 1366×800 screenshot, off-centre.
    const rect = { x: 233.5, y: 97.25, width: 900, height: 506.25 };
    const shot = place(small, 640, 360, 1366, 800, rect);
    assert.equal(decodeFrameCode(shot, 1366, 800, rect), frame);
    // And shrunk to a third (4 px blocks).
    const tiny = { x: 40, y: 30, width: 427, height: 240 };
    assert.equal(decodeFrameCode(place(small, 640, 360, 520, 320, tiny), 520, 320, tiny), frame);
  }
});

Deno.test("a misread is null, never a wrong number", () => {
  const img = frameImage(1234, 5);
  const box = codeLayout();
  // One block painted like its partner: the pair says nothing.
  const k = 7;
  const [x0, y0] = [
    box.x + box.margin + (k % box.cols) * box.block,
    box.y + box.margin + Math.floor(k / box.cols) * box.block,
  ];
  const partner = codeBlocks(1234)[k - 1] ? 255 : 0;
  for (let y = y0; y < y0 + box.block; y++) {
    for (let x = x0; x < x0 + box.block; x++) img.fill(partner, 4 * (y * W + x), 4 * (y * W + x) + 3);
  }
  assert.equal(decodeFrameCode(img, W, H), null);
  // One pair swapped (a clean one-bit error): the CRC catches it.
  const swapped = frameImage(1234, 5);
  const pair = [box.margin + 2 * box.block, box.margin + 3 * box.block];
  for (let y = box.y + box.margin; y < box.y + box.margin + box.block; y++) {
    for (let x = 0; x < box.block; x++) {
      const [a, b] = pair.map((p) => 4 * (y * W + box.x + p + x));
      const va = swapped[a];
      swapped.fill(swapped[b], a, a + 3);
      swapped.fill(va, b, b + 3);
    }
  }
  assert.equal(decodeFrameCode(swapped, W, H), null);
  // Pictures without a code (noise, flat grey, a code of another placement) never give a number.
  let numbers = 0;
  for (let seed = 0; seed < 200; seed++) {
    const noise = new Uint8ClampedArray(160 * 90 * 4);
    const rnd = random(seed);
    for (let i = 0; i < noise.length; i++) noise[i] = rnd() < 0.5 ? 0 : 255;
    if (decodeFrameCode(noise, 160, 90) !== null) numbers++;
  }
  assert.equal(numbers, 0);
  assert.equal(decodeFrameCode(new Uint8ClampedArray(W * H * 4).fill(128), W, H), null);
  assert.equal(decodeFrameCode(frameImage(42, 1, [0, 0]), W, H), null);
});

Deno.test("the factory references nothing outside itself", () => {
  const fresh = new Function(`return (${sceneFrameCode.toString()})()`)() as ReturnType<typeof sceneFrameCode>;
  assert.equal(fresh.decode(frameImage(777, 3), W, H), 777);
  assert.deepEqual(fresh.blocks(777), codeBlocks(777));
});
