import assert from "node:assert/strict";
import { encode } from "uqr";
import { terminalQr } from "./qr.ts";

Deno.test("terminalQr() draws the code's modules two rows a line, light ones as the white foreground", () => {
  const text = "https://192.168.1.20:8443/j/123456#k=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  const lines = terminalQr(text, "").split("\n");
  // Every line is coloured explicitly (white on black), so light and dark terminals show the same code.
  for (const line of lines) assert.ok(line.startsWith("\x1b[97;40m") && line.endsWith("\x1b[0m"), line);
  const glyphs: Record<string, [boolean, boolean]> = {
    "█": [false, false],
    "▀": [false, true],
    "▄": [true, false],
    " ": [true, true],
  };
  // Back from glyphs to modules (true = dark): the upper and lower half of each character.
  const drawn: boolean[][] = [];
  for (const line of lines) {
    const cells = [...line.replace("\x1b[97;40m", "").replace("\x1b[0m", "")].map((c) => glyphs[c]);
    drawn.push(cells.map(([top]) => top), cells.map(([, bottom]) => bottom));
  }
  const { data } = encode(text, { border: 2, ecc: "L" });
  // An odd number of rows leaves the last line's lower half empty (dark).
  assert.deepEqual(drawn.slice(0, data.length), data);
});
