/** The thin-uplink table (`uplink.md`): one row per uplink rate, the unshaped session as the baseline. */
import type { UplinkRow } from "./browser/uplink_stats.ts";

export interface ShapedRow extends UplinkRow {
  /** From the limit set to the console's HD photo hint (null: not shown). */
  hintShownAfterMs: number | null;
  /** From the limit set to the customer's "Weak connection" banner (null: not shown). */
  weakBannerAfterMs: number | null;
  /** From the limit lifted to the unshaped resolution and frame rate again (null: not within 90 s). */
  recoveryMs: number | null;
  hintHiddenAfterMs: number | null;
}

export interface UplinkResults {
  date: string;
  chromium: string;
  livekit: string;
  settleMs: number;
  measureMs: number;
  recoveredFpsShare: number;
  recoveredQpAbove: number;
  /** The machine's load average (1, 5, 15 min) when the run ended: it is shared, and the figures show it. */
  loadAverage?: number[];
  unshaped: UplinkRow;
  rates: Record<string, ShapedRow>;
  runSeconds: number;
}

const n = (x: number | null | undefined, unit = "") =>
  x === null || x === undefined ? "—" : `${x.toLocaleString("en-US", { maximumFractionDigits: 1 })}${unit}`;
const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? "—" : `${(ms / 1000).toFixed(1)} s`);
const share = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)} %`);

function cells(label: string, r: UplinkRow, shaped?: ShapedRow): string[] {
  return [
    label,
    r.resolution ?? "—",
    n(r.fps),
    `${n(r.qp)}${r.qpRange ? ` (${r.qpRange[0]}–${r.qpRange[1]})` : ""}`,
    n(r.videoKbps),
    n(r.audioKbps),
    `${n(r.concealedPct, " %")} (${n(r.concealedAudiblePct, " %")})`,
    `${n(r.longestAudioSilenceMs)} ms`,
    `${r.sent.resolution ?? "—"} @ ${n(r.sent.fps)}, target ${n(r.sent.targetKbps)}, est. ${
      n(r.sent.availableKbps)
    }, limited by ${r.sent.limitation ?? "—"}`,
    r.customerQuality ?? "—",
    `${share(r.weakBannerShare)}${shaped ? ` (after ${s(shaped.weakBannerAfterMs)})` : ""}`,
    `${share(r.hintShare)}${shaped ? ` (after ${s(shaped.hintShownAfterMs)})` : ""}` +
    (r.hintChanges ? `, ${r.hintChanges} ${r.hintChanges === 1 ? "change" : "changes"}` : ""),
    shaped ? `${s(shaped.recoveryMs)} (hint gone ${s(shaped.hintHiddenAfterMs)})` : "",
  ];
}

export function renderUplink(r: UplinkResults): string {
  const rows = [
    cells("unshaped (baseline)", r.unshaped),
    // Fastest first, as the benchmark ran them (JSON keys that are numbers come out smallest first).
    ...Object.entries(r.rates).sort(([a], [b]) => Number(b) - Number(a))
      .map(([kbit, row]) => cells(`${n(Number(kbit))} kbit/s`, row, row)),
  ];
  return [
    "# Sightline benchmarks — thin customer uplink",
    "",
    `${r.date} · ${r.chromium} · livekit-server ${r.livekit} · run took ${r.runSeconds} s` +
    (r.loadAverage ? ` · load average ${r.loadAverage.map((x) => x.toFixed(1)).join(" / ")}` : ""),
    "",
    "| Customer uplink | Received | Frame rate (fps) | Quantizer (VP8, 0–127; per-second range) | Video kbit/s | " +
    "Audio kbit/s | Audio concealed (audible) | Longest without audio | Customer sends (fps, encoder target and " +
    "bandwidth estimate in kbit/s) | Console: customer connection | Customer: weak banner | " +
    "Console: HD photo hint | Recovery when lifted |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    [
      "The customer's uplink (egress of their network namespace) limited with `tc qdisc … tbf`",
      `(tests/support/uplink.ts); each rate ${s(r.settleMs)} to settle, then ${s(r.measureMs)} measured at the`,
      "console from its WebRTC stats. Audio concealed: concealedSamples / totalSamplesReceived of the",
      "technician's inbound audio (audible: without silentConcealedSamples). Longest without audio: the most",
      "time since the last audio packet at any sample (speech sends every 20 ms, silence every 400 ms). Banner",
      "and hint: share of the measured seconds they showed, and when they first showed after the limit was set.",
      `Recovery: from lifting the limit to the unshaped resolution at ≥ ${Math.round(r.recoveredFpsShare * 100)} %`,
      `of its frame rate and a quantizer at most ${r.recoveredQpAbove} above its own, two seconds in a row.`,
      "Chromium's fake camera (a simple moving pattern) is easier to encode than a real one, so a phone needs",
      "more bitrate for the same picture. The machine is shared: compare each rate with the unshaped row.",
    ].join("\n"),
    "",
    "Produced by `deno task bench:uplink` (tests/bench/uplink.ts, needs root); raw figures in `latest.json` " +
    "(`uplinkShaping`, keyed by kbit/s). Reported, never asserted.",
    "",
  ].join("\n");
}
