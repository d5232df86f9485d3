/** The bench table (`latest.md`): each figure beside its same-run baseline, the ratio and the target. */
import type { AnchoredDrawing } from "./anchored.ts";

type P = { p50?: number | null; p95?: number | null; p99?: number | null } | null;
type T = { rps: number | null; p50: number | null; p99: number | null } | null;

export interface BenchResults {
  date: string;
  machine: { cores: number; cpu: string; chromium: string; livekit: string; deno: string; node: string };
  startToFirstFrameMs: P;
  bareJoinToFirstFrameMs: P;
  glassToGlassMs: P;
  p2pFloorMs: P;
  bareLiveKitG2gMs: P;
  customerJsBeforePromptGzipBytes: number;
  customerCssBeforePromptGzipBytes: number;
  customerJsTotalGzipBytes: number;
  slow4gTutorialMs: { cold: number | null; warm: number | null } | null;
  slow4gPromptMs: { cold: number | null; warm: number | null } | null;
  pinLookup: T;
  bareHono: T;
  sessionCreate: T;
  accept: T;
  start: T;
  edgePeakRssMb: number | null;
  sessionsInKv: number | null;
  listSessionsMs: { sessions: number; p50: number | null; p95: number | null } | null;
  sseFanout100Ms: number | null;
  runSeconds: number;
  anchoredDrawing?: AnchoredDrawing | null;
  details?: { clickToStartAnsweredMs?: P };
}

const fmt = (x: number | null | undefined, unit = "") =>
  x === null || x === undefined ? "—" : `${x.toLocaleString("en-US", { maximumFractionDigits: 1 })}${unit}`;
const ratio = (a: number | null | undefined, b: number | null | undefined, pct = false) =>
  a == null || b == null || b === 0 ? "—" : pct ? `${((a / b) * 100).toFixed(1)} %` : `${(a / b).toFixed(2)}×`;
const met = (ok: boolean | null) => ok === null ? "—" : ok ? "✅" : "❌";
const le = (x: number | null | undefined, limit: number) => (x == null ? null : x <= limit);

export function renderMarkdown(r: BenchResults): string {
  const s = r.startToFirstFrameMs, sb = r.bareJoinToFirstFrameMs;
  const g = r.glassToGlassMs, floor = r.p2pFloorMs, lk = r.bareLiveKitG2gMs;
  const pin = r.pinLookup, hono = r.bareHono;
  const startRatio = s?.p50 != null && sb?.p50 ? s.p50 / sb.p50 : null;
  const pinShare = pin?.rps != null && hono?.rps ? pin.rps / hono.rps : null;
  const rows: string[][] = [
    [
      "Start → first frame p50 / p95",
      `${fmt(s?.p50)} / ${fmt(s?.p95)} ms`,
      `bare join → first frame ${fmt(sb?.p50)} / ${fmt(sb?.p95)} ms`,
      `${ratio(s?.p50, sb?.p50)} / ${ratio(s?.p95, sb?.p95)}`,
      "p50 ≤ 500 ms and ≤ 1.2× bare",
      met(s?.p50 == null || startRatio === null ? null : s.p50 <= 500 && startRatio <= 1.2),
    ],
    [
      "… of which click → Start answered (edge, KV, LiveKit grant) p50 / p95",
      `${fmt(r.details?.clickToStartAnsweredMs?.p50)} / ${fmt(r.details?.clickToStartAnsweredMs?.p95)} ms`,
      "",
      "",
      "",
      "",
    ],
    [
      "Glass to glass p50 / p95 / p99",
      `${fmt(g?.p50)} / ${fmt(g?.p95)} / ${fmt(g?.p99)} ms`,
      `RTCPeerConnection floor ${fmt(floor?.p50)} / ${fmt(floor?.p95)} ms; bare LiveKit ${fmt(lk?.p50)} / ${
        fmt(lk?.p95)
      } ms`,
      `${ratio(g?.p50, floor?.p50)} floor, ${ratio(g?.p50, lk?.p50)} bare LiveKit (p50)`,
      "p50 ≤ 60 ms, p95 ≤ 100 ms",
      met(g?.p50 == null || g.p95 == null ? null : g.p50 <= 60 && g.p95 <= 100),
    ],
    [
      "Customer JS before the camera prompt (gzip)",
      `${fmt(r.customerJsBeforePromptGzipBytes)} B (+ ${fmt(r.customerCssBeforePromptGzipBytes)} B CSS)`,
      "",
      "",
      "≤ 25 KB (25,000 B)",
      met(le(r.customerJsBeforePromptGzipBytes, 25_000)),
    ],
    ["Customer JS in total after the EULA (gzip)", `${fmt(r.customerJsTotalGzipBytes)} B`, "", "", "", ""],
    [
      "Slow 4G: navigation → tutorial, cold / warm (p50)",
      `${fmt(r.slow4gTutorialMs?.cold)} / ${fmt(r.slow4gTutorialMs?.warm)} ms`,
      "",
      "",
      "cold ≤ 1,500 ms",
      met(le(r.slow4gTutorialMs?.cold, 1500)),
    ],
    [
      "Slow 4G: navigation → camera prompt, cold / warm (p50)",
      `${fmt(r.slow4gPromptMs?.cold)} / ${fmt(r.slow4gPromptMs?.warm)} ms`,
      "",
      "",
      "",
      "",
    ],
    [
      "PIN look-up, 50 connections: rps, p50 / p99",
      `${fmt(pin?.rps)} rps, ${fmt(pin?.p50)} / ${fmt(pin?.p99)} ms`,
      `bare Hono ${fmt(hono?.rps)} rps, ${fmt(hono?.p50)} / ${fmt(hono?.p99)} ms`,
      `${ratio(pin?.rps, hono?.rps, true)} of bare throughput`,
      "p99 ≤ 25 ms and ≥ 40 % of bare",
      met(pin?.p99 == null || pinShare === null ? null : pin.p99 <= 25 && pinShare >= 0.4),
    ],
    ...([["Session create", r.sessionCreate], ["Accept", r.accept], ["Start (with LiveKit grant)", r.start]] as const)
      .map(([name, t]) => [
        `${name}, 50 in flight: rps, p50 / p99`,
        `${fmt(t?.rps)} rps, ${fmt(t?.p50)} / ${fmt(t?.p99)} ms`,
        "bare Hono (above)",
        `${ratio(t?.rps, hono?.rps, true)} of bare throughput`,
        "",
        "",
      ]),
    ["Edge peak RSS (VmHWM)", `${fmt(r.edgePeakRssMb)} MB`, "", "", "≤ 150 MB", met(le(r.edgePeakRssMb, 150))],
    [
      `List a technician's sessions (${fmt(r.listSessionsMs?.sessions)} of ${fmt(r.sessionsInKv)} in KV) p50 / p95`,
      `${fmt(r.listSessionsMs?.p50)} / ${fmt(r.listSessionsMs?.p95)} ms`,
      "",
      "",
      "",
      "",
    ],
    [
      "SSE fan-out of one change to 100 consoles",
      `${fmt(r.sseFanout100Ms)} ms`,
      "",
      "",
      "≤ 500 ms",
      met(le(r.sseFanout100Ms, 500)),
    ],
  ];
  const m = r.machine;
  return [
    "# Sightline benchmarks — latest run",
    "",
    `${r.date} · ${m.cores} cores (${m.cpu}) · ${m.chromium} · livekit-server ${m.livekit} · Deno ${m.deno} · ` +
    `Node ${m.node} · run took ${r.runSeconds} s`,
    "",
    "| Figure | Measured | Baseline (same run) | Ratio | Target | Met |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    "Targets are goals, not assertions. Produced by `deno task bench` (tests/bench/run.ts); raw figures and",
    "samples in `latest.json`.",
    "",
    ...(r.anchoredDrawing ? [renderAnchored(r.anchoredDrawing)] : []),
  ].join("\n");
}

/** Issue 17's anchored-drawing section: the overall figures against their targets, then one row per motion kind. */
export function renderAnchored(a: AnchoredDrawing): string {
  const px = (p: { p50: number | null; p95: number | null; max: number | null } | null) =>
    p ? `${fmt(p.p50)} / ${fmt(p.p95)} / ${fmt(p.max)}` : "—";
  const share = (x: number | null | undefined) => (x == null ? "—" : `${(x * 100).toFixed(1)} %`);
  const overall: string[][] = [
    [
      "Mark error on the customer's screen, p95 (worst kind)",
      `${fmt(a.customerP95Px)} px`,
      "≤ 10 px",
      met(le(a.customerP95Px, 10)),
    ],
    [
      "Mark error at the console, p95 (worst kind)",
      `${fmt(a.consoleP95Px)} px`,
      "≤ 14 px",
      met(le(a.consoleP95Px, 14)),
    ],
    [
      "Mark shown while its region is out of view (worst kind)",
      share(a.shownOutOfViewShare),
      "0",
      met(le(a.shownOutOfViewShare, 0)),
    ],
    ["Re-acquire after the region returns (customer)", `${fmt(a.reacquireMs)} ms`, "", ""],
    [
      "Tracker ms per frame p50 / p95 (worst kind, synthetic frames)",
      `${fmt(a.trackerMs?.p50)} / ${fmt(a.trackerMs?.p95)} ms`,
      "p95 ≤ 10 ms",
      met(le(a.trackerMs?.p95, 10)),
    ],
    [
      "Camera frame rate with ÷ without tracking",
      a.fpsRatio == null ? "—" : a.fpsRatio.toFixed(2),
      "≥ 0.95",
      met(a.fpsRatio == null ? null : a.fpsRatio >= 0.95),
    ],
    [
      "Extra JavaScript for tracking (gzip)",
      `${fmt(a.extraGzipBytes)} B`,
      "≤ 150 KB (150,000 B)",
      met(le(a.extraGzipBytes, 150_000)),
    ],
  ];
  const kinds = Object.entries(a.kinds).map(([kind, k]) => {
    const cells = [
      `${kind}${"error" in k ? " (not measured)" : ""}`,
      px(k.customerPx),
      px(k.consolePx),
      share(k.shownOutOfViewShare),
      k.regionReturns ? `${fmt(k.reacquireMs)} / ${fmt(k.consoleReacquireMs)} ms` : "—",
      `${fmt(k.trackerMs?.p50)} / ${fmt(k.trackerMs?.p95)} (CPU ${fmt(k.trackerCpuMs?.p50)} / ${
        fmt(k.trackerCpuMs?.p95)
      })`,
      `${fmt(k.fps?.withoutTracking)} → ${fmt(k.fps?.withTracking)} (${
        k.fpsRatio == null ? "—" : k.fpsRatio.toFixed(2)
      })`,
    ];
    return `| ${cells.join(" | ")} |`;
  });
  return [
    "## Anchored drawing (issue 17)",
    "",
    "| Figure | Measured | Target | Met |",
    "| --- | --- | --- | --- |",
    ...overall.map((row) => `| ${row.join(" | ")} |`),
    "",
    "| Motion | Customer error p50 / p95 / max (px) | Console error p50 / p95 / max (px) | Shown out of view | " +
    "Re-acquire customer / console | Tracker ms p50 / p95 (wall, CPU) | Camera fps without → with tracking (ratio) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...kinds,
    "",
    "Errors in pixels at 1280×720 against the scene camera's ground truth, one live session per kind (browser/" +
    "anchored.bench.ts); tracker ms from `trackerBench()` at 320×180; extra download = gzip of the `tracker_port` and " +
    "`worker` chunks. Overall = worst kind; fps ratio pooled over the kinds. Shown = a dot of annotation yellow (≥ 5 px on the phone, ≥ 1 at the console) " +
    "(not a line of text); out of view = region < 30 % in the picture; re-acquire = first frame with the region " +
    "≥ 50 % back → first sample with the mark within 14 px of the truth. Load average at the end: " +
    `${a.details.loadAverage.join(", ")}.`,
    "",
  ].join("\n");
}
