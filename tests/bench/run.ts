/**
 * `deno task bench`: provisions like `deno task test`, builds the PWA, starts a real livekit-server and
 * the edge on free ports with a fresh KV under `.data/bench-runs/<time>/`, runs every benchmark of
 * issue 7 with its baseline in the same run, stops everything, writes `tests/bench/results/latest.json`
 * and `latest.md`, and prints the table. Figures are reported against the targets, never asserted: the
 * task fails only when a benchmark could not run at all.
 */
import { join } from "node:path";
import { cpus } from "node:os";
import { ensureChromium, ensureLivekit, ensureNodeModules, ProvisionError, ROOT, step } from "../../.ci/provision.ts";
import { buildWeb } from "../../.ci/build.ts";
import { customerSize } from "./size.ts";
import type { System } from "../support/system.ts";
import { systemEnv } from "../support/system_env.ts";
import { rssMb } from "./memory.ts";
import type { EdgeApiResults } from "./edge_api.ts";
import { renderMarkdown } from "./report.ts";
import { anchoredDrawing, trackerDownload } from "./anchored.ts";
import { trackerBench } from "./tracker.ts";
import { runBrowserBenches } from "./playwright_run.ts";

const started = performance.now();
const failures: string[] = [];

async function versionOf(cmd: string, args: string[]): Promise<string> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
    return new TextDecoder().decode(out.stdout).trim().split("\n")[0];
  } catch {
    return "unknown";
  }
}

/** The browser benchmarks (Playwright under Node); each writes `<name>.json` into `out`. */
async function browserBenches(sys: System, chromium: string, out: string) {
  step("browser benchmarks (Playwright): start to first frame, glass to glass, slow 4G, anchored drawing");
  const code = await runBrowserBenches({ env: systemEnv(sys), chromium, out, runDir: sys.runDir });
  if (code !== 0) failures.push("a browser benchmark failed (output above)");
  const read = (name: string) => {
    try {
      return JSON.parse(Deno.readTextFileSync(join(out, `${name}.json`)));
    } catch {
      failures.push(`no result from the ${name} benchmark`);
      return {};
    }
  };
  return { start: read("start"), g2g: read("g2g"), load: read("load"), anchored: read("anchored") };
}

/** The edge API and state benchmarks in their own Deno process, as `deno run tests/bench/edge_api.ts` runs them alone. */
async function edgeBenches(sys: System, out: string): Promise<EdgeApiResults | null> {
  const path = join(out, "edge.json");
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tests/bench/edge_api.ts", path],
    cwd: ROOT,
    env: systemEnv(sys),
    stdout: "inherit",
    stderr: "inherit",
    stdin: "null",
  }).output();
  try {
    return JSON.parse(Deno.readTextFileSync(path));
  } catch {
    failures.push(`the edge API benchmark failed (exit ${code}, output above)`);
    return null;
  }
}

/** The thin-uplink figures the last `deno task bench:uplink` left in `latest.json`, if any. */
function previousUplinkShaping(path: string): unknown {
  try {
    return JSON.parse(Deno.readTextFileSync(path)).uplinkShaping;
  } catch {
    return undefined;
  }
}

let exitCode = 0;
let sys: System | null = null;
try {
  await ensureNodeModules();
  const livekitBin = await ensureLivekit();
  const chromium = await ensureChromium();
  await buildWeb();
  step("customer download size (gzip, from web/dist)");
  const size = customerSize();

  // Imported only now: the system's clients use npm packages, which a clean clone has only after
  // ensureNodeModules (which then runs this task again in a process that can load them).
  const { startSystem } = await import("../support/system.ts");
  sys = await startSystem({ kind: "bench", livekitBin });
  const out = join(sys.runDir, "results");
  Deno.mkdirSync(out, { recursive: true });
  const idleRss = rssMb(sys.edgePid);
  const browser = await browserBenches(sys, chromium, out);
  const afterBrowserRss = rssMb(sys.edgePid);
  const edge = await edgeBenches(sys, out);
  const edgePeakRssMb = rssMb(sys.edgePid)?.peak ?? null;
  await sys.stop();
  sys = null;
  step("tracker ms per frame on synthetic frames (tests/bench/tracker.ts)");
  const tracker = await trackerBench().catch((err) => {
    failures.push(`the tracker benchmark failed: ${err}`);
    return null;
  });

  const results = {
    date: new Date().toISOString(),
    machine: {
      cores: navigator.hardwareConcurrency,
      cpu: cpus()[0]?.model ?? "unknown",
      chromium: await versionOf(chromium, ["--version"]),
      livekit: await versionOf(livekitBin, ["--version"]),
      deno: Deno.version.deno,
      node: await versionOf("node", ["--version"]),
    },
    startToFirstFrameMs: browser.start.startToFirstFrameMs ?? null,
    bareJoinToFirstFrameMs: browser.start.bareJoinToFirstFrameMs ?? null,
    glassToGlassMs: browser.g2g.glassToGlassMs ?? null,
    p2pFloorMs: browser.g2g.p2pFloorMs ?? null,
    bareLiveKitG2gMs: browser.g2g.bareLiveKitG2gMs ?? null,
    customerJsBeforePromptGzipBytes: size.customerJsBeforePromptGzipBytes,
    customerCssBeforePromptGzipBytes: size.customerCssBeforePromptGzipBytes,
    customerJsTotalGzipBytes: size.customerJsTotalGzipBytes,
    slow4gTutorialMs: browser.load.slow4gTutorialMs ?? null,
    slow4gPromptMs: browser.load.slow4gPromptMs ?? null,
    pinLookup: edge?.pinLookup ?? null,
    bareHono: edge?.bareHono ?? null,
    sessionCreate: edge?.sessionCreate ?? null,
    accept: edge?.accept ?? null,
    start: edge?.start ?? null,
    edgePeakRssMb,
    sessionsInKv: edge?.sessionsInKv ?? null,
    listSessionsMs: edge?.listSessionsMs ?? null,
    sseFanout100Ms: edge?.sseFanout100Ms ?? null,
    anchoredDrawing: anchoredDrawing(browser.anchored, tracker, trackerDownload(join(ROOT, "web/dist"))),
    details: {
      clickToStartAnsweredMs: browser.start.clickToStartAnsweredMs ?? null,
      startSamples: browser.start.samples ?? null,
      g2gFrames: browser.g2g.frames ?? null,
      slow4gSamples: browser.load.samples ?? null,
      customerFiles: size.files,
      edgeRssMb: { idle: idleRss, afterBrowserBenches: afterBrowserRss, ...edge?.rssByPhase },
    },
    runSeconds: Math.round((performance.now() - started) / 1000),
  };
  const dir = join(ROOT, "tests/bench/results");
  Deno.mkdirSync(dir, { recursive: true });
  // `deno task bench:uplink` (tests/bench/uplink.ts) measures the thin uplinks; keep its figures.
  const uplinkShaping = previousUplinkShaping(join(dir, "latest.json"));
  Deno.writeTextFileSync(join(dir, "latest.json"), JSON.stringify({ ...results, uplinkShaping }, null, 2) + "\n");
  const md = renderMarkdown(results);
  Deno.writeTextFileSync(join(dir, "latest.md"), md);
  // The results are committed; keep them in `deno fmt`'s shape so `deno task ok` stays green.
  await new Deno.Command(Deno.execPath(), { args: ["fmt", "-q", dir], cwd: ROOT }).output();
  console.log(`\n${md}`);
  console.log(`Results: tests/bench/results/latest.{json,md}; logs: ${out.replace(/\/results$/, "")}`);
} catch (err) {
  console.error(err instanceof ProvisionError ? err.message : err);
  failures.push(String(err));
} finally {
  await sys?.stop();
}
if (failures.length) {
  console.error(`\nbench: ${failures.length} benchmark(s) could not run:\n- ${failures.join("\n- ")}`);
  exitCode = 1;
}
console.log(`bench: ${((performance.now() - started) / 1000).toFixed(0)} s`);
Deno.exit(exitCode);
