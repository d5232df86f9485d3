/**
 * Anchored drawing (issue 17, "Must show"): puts together `anchoredDrawing` for `latest.json` from the
 * browser benchmark (`browser/anchored.bench.ts`: mark error on both screens against ground truth,
 * shown while out of view, re-acquire, frame rate with and without tracking), the tracker's ms per frame
 * on synthetic frames (`trackerBench()`, `tracker.ts`) and the gzip bytes of the tracking chunks the
 * customer downloads when the technician picks a tool (`tracker_port-*.js`, `worker-*.js` in web/dist).
 *
 * Overall figures are the worst kind's (customer and console p95, shown-out-of-view share, re-acquire,
 * tracker p50 and p95 each), except `fpsRatio`: pooled over the kinds (mean frame rate with tracking ÷
 * mean without), since every kind measures it the same way (the scene held at rest).
 *
 * Part of `deno task bench`; alone (builds, starts its own system, runs only this benchmark, writes
 * `.data/bench-anchored-runs/<time>/anchored.json`, never `latest.json`): `deno task bench:anchored`;
 * `BENCH_ANCHORED_KINDS=pan,leave` measures only those kinds.
 */
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { loadavg } from "node:os";
import { trackerBench } from "./tracker.ts";
import { renderAnchored } from "./report.ts";

type Stats = { p50: number | null; p95: number | null; max: number | null; n: number };
interface ScreenFigures {
  errorPx: Stats;
  outOfViewSamples: number;
  shownOutOfView: number;
  shownOutOfViewShare: number;
  reacquireMs: number | null;
}
interface KindRun {
  error?: string;
  regionBackFrame: number | null;
  customer: ScreenFigures;
  console: ScreenFigures;
  fps: {
    withoutTracking: number | null;
    withTracking: number | null;
    sceneWithout: number | null;
    sceneWith: number | null;
  };
}
export interface AnchoredBrowser {
  kinds?: Record<string, KindRun>;
}
type TrackerResults = Awaited<ReturnType<typeof trackerBench>>;

/** The tracking code the customer downloads when the technician picks a tool: gzip bytes per chunk and in all. */
export function trackerDownload(dist: string) {
  const assets = join(dist, "assets");
  const files = [...Deno.readDirSync(assets)].map((e) => e.name).filter((n) =>
    /^(tracker_port|worker)-[\w-]+\.js$/.test(n)
  );
  const sizes = Object.fromEntries(
    files.map((n) => [n, gzipSync(Deno.readFileSync(join(assets, n)), { level: 9 }).length]),
  );
  return { extraGzipBytes: files.length ? Object.values(sizes).reduce((a, b) => a + b, 0) : null, files: sizes };
}

const worst = (xs: (number | null | undefined)[]) => {
  const ok = xs.filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  return ok.length ? Math.max(...ok) : null;
};
const round2 = (x: number) => Math.round(x * 100) / 100;

/** `anchoredDrawing` for latest.json; null parts are figures that could not be measured. */
export function anchoredDrawing(
  browser: AnchoredBrowser | null,
  tracker: TrackerResults | null,
  download: ReturnType<typeof trackerDownload>,
) {
  const names = [...new Set([...Object.keys(browser?.kinds ?? {}), ...Object.keys(tracker?.kinds ?? {})])];
  const kinds = Object.fromEntries(names.map((kind) => {
    const run = browser?.kinds?.[kind];
    const ok = run && !run.error ? run : null;
    const t = tracker?.kinds[kind];
    const fpsRatio = ok?.fps.withTracking != null && ok.fps.withoutTracking
      ? round2(ok.fps.withTracking / ok.fps.withoutTracking)
      : null;
    const outs = ok ? ok.customer.outOfViewSamples + ok.console.outOfViewSamples : 0;
    return [kind, {
      customerP95Px: ok?.customer.errorPx.p95 ?? null,
      consoleP95Px: ok?.console.errorPx.p95 ?? null,
      shownOutOfViewShare: ok
        ? (outs ? round2((ok.customer.shownOutOfView + ok.console.shownOutOfView) / outs) : 0)
        : null,
      reacquireMs: ok?.customer.reacquireMs ?? null,
      trackerMs: t ? { p50: t.wallMs.p50, p95: t.wallMs.p95 } : null,
      fpsRatio,
      customerPx: ok?.customer.errorPx ?? null,
      consolePx: ok?.console.errorPx ?? null,
      outOfViewSamples: ok ? { customer: ok.customer.outOfViewSamples, console: ok.console.outOfViewSamples } : null,
      regionReturns: ok ? ok.regionBackFrame !== null : null,
      consoleReacquireMs: ok?.console.reacquireMs ?? null,
      fps: ok?.fps ?? null,
      trackerCpuMs: t?.cpuMs ?? null,
      ...(run?.error ? { error: run.error } : {}),
    }];
  }));
  const ks = Object.values(kinds);
  const measured = ks.filter((k) => k.fps);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const withs = measured.map((k) => k.fps!.withTracking).filter((x): x is number => x != null);
  const withouts = measured.map((k) => k.fps!.withoutTracking).filter((x): x is number => x != null);
  return {
    customerP95Px: worst(ks.map((k) => k.customerP95Px)),
    consoleP95Px: worst(ks.map((k) => k.consoleP95Px)),
    shownOutOfViewShare: worst(ks.map((k) => k.shownOutOfViewShare)),
    reacquireMs: worst(ks.filter((k) => k.regionReturns).map((k) => k.reacquireMs)),
    trackerMs: tracker
      ? { p50: worst(ks.map((k) => k.trackerMs?.p50)), p95: worst(ks.map((k) => k.trackerMs?.p95)) }
      : null,
    fpsRatio: withs.length && withouts.length ? round2(mean(withs) / mean(withouts)) : null,
    extraGzipBytes: download.extraGzipBytes,
    kinds,
    details: {
      overall: "worst kind; fpsRatio pooled (mean with ÷ mean without over the kinds)",
      trackerWorkingSize: tracker?.workingSize ?? null,
      downloadFiles: download.files,
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    },
  };
}

export type AnchoredDrawing = ReturnType<typeof anchoredDrawing>;

if (import.meta.main) {
  const { ensureChromium, ensureLivekit, ensureNodeModules, ROOT, step } = await import("../../.ci/provision.ts");
  const { buildWeb } = await import("../../.ci/build.ts");
  const { systemEnv } = await import("../support/system_env.ts");
  const { runBrowserBenches } = await import("./playwright_run.ts");
  await ensureNodeModules();
  const livekitBin = await ensureLivekit();
  const chromium = await ensureChromium();
  await buildWeb();
  const { startSystem } = await import("../support/system.ts");
  const sys = await startSystem({ kind: "bench-anchored", livekitBin });
  const out = join(sys.runDir, "results");
  Deno.mkdirSync(out, { recursive: true });
  let browser: AnchoredBrowser | null = null;
  try {
    step(`anchored drawing benchmark (Playwright; logs in ${sys.runDir})`);
    const code = await runBrowserBenches({
      env: systemEnv(sys),
      chromium,
      out,
      runDir: sys.runDir,
      file: "anchored.bench.ts",
    });
    if (code !== 0) console.error(`the anchored benchmark exited ${code}`);
    browser = JSON.parse(Deno.readTextFileSync(join(out, "anchored.json")));
  } catch (err) {
    console.error(err);
  } finally {
    await sys.stop();
  }
  step("tracker ms per frame on synthetic frames (tests/bench/tracker.ts)");
  const tracker = await trackerBench();
  const result = anchoredDrawing(browser, tracker, trackerDownload(join(ROOT, "web/dist")));
  Deno.writeTextFileSync(join(sys.runDir, "anchored.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(`\n${renderAnchored(result)}`);
  console.log(`Results: ${join(sys.runDir, "anchored.json")}`);
  Deno.exit(browser ? 0 : 1);
}
