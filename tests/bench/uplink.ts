/**
 * `deno task bench:uplink`: the thin-uplink benchmark (issue 15 §6). Provisions like `deno task bench`,
 * builds the PWA, makes the customer's network namespace (tests/support/customer_network.ts) before
 * livekit-server starts (its media address is the namespace's host end), starts the system under
 * `.data/bench-uplink-runs/<time>/`, and runs `browser/uplink.bench.ts`, which limits the customer's
 * uplink through the control endpoint. Writes `tests/bench/results/uplink.md` and `uplinkShaping` in
 * `latest.json` (keyed by kbit/s; the rest of that file is `deno task bench`'s), and prints the table.
 * Needs root (network namespaces and tc); fails only when the benchmark cannot run.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import {
  ensureChromium,
  ensureIproute,
  ensureLivekit,
  ensureNodeModules,
  ProvisionError,
  ROOT,
  step,
} from "../../.ci/provision.ts";
import { buildWeb } from "../../.ci/build.ts";
import { newRunDir, type Service } from "../../.ci/services.ts";
import { startControl } from "../support/control.ts";
import { createCustomerNetwork } from "../support/customer_network.ts";
import { systemEnv } from "../support/system_env.ts";
import { renderUplink, type UplinkResults } from "./uplink_report.ts";
import { runBrowserBenches } from "./playwright_run.ts";

const started = performance.now();
const services: Service[] = [];

/** The benchmark's figures, or it throws with why it could not run. */
async function measure(): Promise<UplinkResults> {
  await ensureNodeModules();
  const livekitBin = await ensureLivekit();
  const chromium = await ensureChromium();
  await ensureIproute();
  await buildWeb();
  const runDir = newRunDir("bench-uplink");
  const network = await createCustomerNetwork({ chromium, runDir });
  services.push(network);
  // Imported only now: the system's clients use npm packages, which a clean clone has only after
  // ensureNodeModules.
  const { startSystem } = await import("../support/system.ts");
  const sys = await startSystem({ kind: "bench", livekitBin, runDir, mediaAddress: network.hostAddress });
  services.push({ name: "system", stop: sys.stop });
  await network.forward([new URL(sys.baseUrl).port, new URL(sys.livekit.url).port].map(Number));
  const control = startControl({ network });
  services.push({ name: "control", stop: control.close });
  const out = join(runDir, "results");
  Deno.mkdirSync(out, { recursive: true });

  step(`uplink benchmark (Playwright; logs in ${runDir})`);
  const code = await runBrowserBenches({
    env: {
      ...systemEnv(sys),
      CUSTOMER_NETWORK_CHROMIUM: network.chromium,
      SIGHTLINE_CONTROL_URL: control.url,
      BENCH_UPLINK: "1",
    },
    chromium,
    out,
    runDir,
    file: "uplink.bench.ts",
  });
  if (code !== 0) throw new Error(`the uplink benchmark failed (exit ${code}, output above)`);
  const measured = JSON.parse(await Deno.readTextFile(join(out, "uplink.json")));
  return {
    date: new Date().toISOString(),
    chromium: await versionOf(chromium),
    livekit: await versionOf(livekitBin),
    ...measured,
    runSeconds: Math.round((performance.now() - started) / 1000),
    loadAverage: loadavg(),
  };
}

async function versionOf(cmd: string): Promise<string> {
  const out = await new Deno.Command(cmd, { args: ["--version"], stdout: "piped", stderr: "null" }).output()
    .catch(() => null);
  return out ? new TextDecoder().decode(out.stdout).trim().split("\n")[0] : "unknown";
}

/** `uplink.md`, and `uplinkShaping` into `latest.json` beside the other benchmarks' figures. */
async function write(results: UplinkResults) {
  const dir = join(ROOT, "tests/bench/results");
  const latestPath = join(dir, "latest.json");
  let latest: Record<string, unknown> = {};
  try {
    latest = JSON.parse(await Deno.readTextFile(latestPath));
  } catch { /* no full bench run yet */ }
  latest.uplinkShaping = { date: results.date, unshaped: results.unshaped, ...results.rates };
  await Deno.writeTextFile(latestPath, JSON.stringify(latest, null, 2) + "\n");
  const md = renderUplink(results);
  await Deno.writeTextFile(join(dir, "uplink.md"), md);
  // The results are committed; keep them in `deno fmt`'s shape so `deno task ok` stays green.
  await new Deno.Command(Deno.execPath(), { args: ["fmt", "-q", dir], cwd: ROOT }).output();
  console.log(`\n${md}`);
  console.log("Results: tests/bench/results/uplink.md and uplinkShaping in latest.json");
}

let exitCode = 0;
try {
  if (Deno.uid() !== 0) {
    throw new ProvisionError(
      "bench:uplink needs root: it makes a network namespace and limits its uplink with tc (run it as root)",
    );
  }
  await write(await measure());
} catch (err) {
  console.error(err instanceof ProvisionError ? err.message : err);
  exitCode = 1;
} finally {
  for (const s of services.reverse()) await s.stop();
}
console.log(`bench:uplink: ${((performance.now() - started) / 1000).toFixed(0)} s`);
Deno.exit(exitCode);
