/**
 * A QR code for the terminal (uqr: no dependencies, typed), so a phone's camera opens a link `dev --lan`
 * prints. Two rows of modules per line with half blocks; the colours are set explicitly (light modules
 * white, dark ones black), so it scans the same on a dark or a light terminal.
 */
import { renderUnicodeCompact } from "uqr";

export function terminalQr(text: string, indent = "  "): string {
  return renderUnicodeCompact(text, { border: 2, ecc: "L" })
    .split("\n")
    .map((line) => `${indent}\x1b[97;40m${line}\x1b[0m`)
    .join("\n");
}
