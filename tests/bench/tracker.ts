/**
 * The tracker (issue 17, item 1) on the synthetic motions: per motion kind the mark error (p50/p95/max, px at
 * 1280×720) of shown marks, the share of frames lost while the region is in view, the share shown while it is
 * out of view (should be 0), frames to re-acquire, and the tracker's ms per frame (p50/p95, wall clock and this
 * process's CPU time: on a shared machine the CPU time is the steadier figure); then with 3 anchors; then the
 * gzip bytes of the bundled Worker (what the customer downloads lazily) and of the main-thread client.
 * `deno run -A tests/bench/tracker.ts [--size 320x180] [--json FILE]`. Reported, never asserted.
 */
import process from "node:process";
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import {
  type AnchorSpec,
  CENTRE,
  KINDS,
  type MotionKind,
  runMotion,
  summarise,
} from "../../web/src/lib/tracker/evaluate.ts";
import { createTracker } from "../../web/src/lib/tracker/tracker.ts";
import type { Tracker } from "../../web/src/lib/tracker/types.ts";
import { percentile, round1 } from "./stats.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const { values } = parseArgs({ args: Deno.args, options: { size: { type: "string" }, json: { type: "string" } } });
const [W, H] = (values.size ?? "320x180").split("x").map(Number);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A tracker that records each update's CPU time. */
function timed(inner: Tracker, cpu: number[]): Tracker {
  return {
    ...inner,
    update(frame, index) {
      const c = cpuMs();
      const poses = inner.update(frame, index);
      cpu.push(cpuMs() - c);
      return poses;
    },
  };
}

function runKind(kind: MotionKind, anchors?: AnchorSpec[]) {
  const cpu: number[] = [];
  const { records, ms } = runMotion(kind, { w: W, h: H, fine: true, anchors, tracker: timed(createTracker(), cpu) });
  const s = summarise(records);
  return {
    errorPx: { p50: round1(s.p50), p95: round1(s.p95), max: round1(s.max) },
    lostInViewShare: round1(100 * s.lostInView)! / 100,
    shownOutOfViewShare: round1(100 * s.shownOutOfView)! / 100,
    reacquireFrames: s.reacquireFrames,
    wallMs: { p50: round1(percentile(ms, 50)), p95: round1(percentile(ms, 95)) },
    cpuMs: { p50: round1(percentile(cpu, 50)), p95: round1(percentile(cpu, 95)) },
    frames: ms.length,
  };
}

async function gzipOfBundle(entry: string): Promise<number> {
  const out = await Deno.makeTempFile({ suffix: ".js" });
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--minify", "--platform", "browser", "-o", out, entry],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(new TextDecoder().decode(stderr));
  const bytes = gzipSync(Deno.readFileSync(out), { level: 9 }).length;
  await Deno.remove(out);
  return bytes;
}

export async function trackerBench() {
  runMotion("pan", { w: W, h: H, fine: true }); // warm-up (JIT), not counted
  const kinds = Object.fromEntries(KINDS.map((k) => [k, runKind(k)]));
  const three = runKind("roll", [
    { id: "left", region: { x0: 0.1, y0: 0.15, x1: 0.3, y1: 0.4 } },
    { id: "centre", region: CENTRE },
    { id: "right", region: { x0: 0.68, y0: 0.55, x1: 0.9, y1: 0.85 } },
  ]);
  return {
    workingSize: `${W}x${H}`,
    kinds,
    threeAnchors: three,
    workerGzipBytes: await gzipOfBundle("web/src/lib/tracker/worker.ts"),
    clientGzipBytes: await gzipOfBundle("web/src/lib/tracker/client.ts"),
  };
}

if (import.meta.main) {
  const r = await trackerBench();
  const row = (name: string, k: ReturnType<typeof runKind>) =>
    `| ${name} | ${k.errorPx.p50} / ${k.errorPx.p95} / ${k.errorPx.max} | ${k.lostInViewShare} | ${k.shownOutOfViewShare} | ` +
    `${k.reacquireFrames.join(", ") || "–"} | ${k.wallMs.p50} / ${k.wallMs.p95} | ${k.cpuMs.p50} / ${k.cpuMs.p95} |`;
  console.log(`Tracker at ${r.workingSize} (errors in px at 1280×720)\n`);
  console.log(
    "| motion | error p50 / p95 / max | lost in view | shown out of view | re-acquire (frames) | wall ms p50 / p95 | CPU ms p50 / p95 |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [k, v] of Object.entries(r.kinds)) console.log(row(k, v));
  console.log(row("3 anchors (roll)", r.threeAnchors));
  console.log(`\nWorker bundle: ${r.workerGzipBytes} B gzip; client: ${r.clientGzipBytes} B gzip`);
  if (values.json) Deno.writeTextFileSync(values.json, JSON.stringify(r, null, 2) + "\n");
}
