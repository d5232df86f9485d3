/**
 * `deno task test`: provisions tools, runs the Deno unit tests and the LiveKit tests (`tests/livekit/`, each
 * with its own livekit-server), builds the PWA, starts a real livekit-server and the edge on free ports
 * with a fresh KV, runs the Playwright suite in Debian Chromium (the customer also in Firefox ESR and
 * WebKitGTK, see tests/support/other_browsers.ts), and ends with one line totalling every suite:
 * `N passed, N failed`.
 */
import type { CspReport, CspReportList } from "../shared/schemas.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import {
  ensureChromium,
  ensureIproute,
  ensureLivekit,
  ensureNetworkTools,
  ensureNodeModules,
  ProvisionError,
  ROOT,
  step,
} from "../.ci/provision.ts";
import { buildWeb } from "../.ci/build.ts";
import { newRunDir, type Service } from "../.ci/services.ts";
import { startResendRecorder } from "./support/resend_recorder.ts";
import { startControl } from "./support/control.ts";
import { createCustomerNetwork, type CustomerNetwork } from "./support/customer_network.ts";
import { findLeaks, parseSecrets } from "./support/log_scan.ts";
import { fieldNetwork } from "./support/field_network.ts";
import { otherBrowsers } from "./support/other_browsers.ts";
import { countByProject } from "./support/playwright_report.ts";
import type { System } from "./support/system.ts";
import { systemEnv } from "./support/system_env.ts";

interface Tally {
  suite: string;
  passed: number;
  failed: number;
}

const tallies: Tally[] = [];
const services: Service[] = [];
const started = performance.now();

/** Runs a command with inherited output, also capturing stdout for the summary. */
async function runTee(cmd: string, args: string[], env: Record<string, string> = {}) {
  const child = new Deno.Command(cmd, { args, cwd: ROOT, env, stdout: "piped", stderr: "inherit", stdin: "null" })
    .spawn();
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    await Deno.stdout.write(chunk);
    text += decoder.decode(chunk, { stream: true });
  }
  return { code: (await child.status).code, text };
}

/** `deno test` over `paths` as one suite of the total; its summary line gives the counts. */
async function denoTests(suite: string, paths: string[], env: Record<string, string> = {}) {
  const { code, text } = await runTee(Deno.execPath(), ["test", "-A", "--no-check=remote", ...paths], env);
  // deno test ends with e.g. "ok | 12 passed (3 steps) | 0 failed (1s)".
  // deno-lint-ignore no-control-regex
  const summary = text.replace(/\x1b\[[0-9;]*m/g, "").match(/(\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/);
  if (!summary) {
    tallies.push({ suite, passed: 0, failed: Math.max(1, code) });
    return;
  }
  tallies.push({ suite, passed: Number(summary[1]), failed: Number(summary[2]) || (code ? 1 : 0) });
}

function unitTests() {
  step("unit tests (deno test)");
  return denoTests("unit", ["edge/", "shared/", "web/src/", "tests/audit/", "tests/support/", ".ci/"]);
}

/**
 * LiveKit itself (`tests/livekit/`, e.g. rooms exist only while the edge says so): against a real
 * livekit-server and edge that each test starts on free ports and stops, before the shared system is up.
 */
function livekitTests(livekitBin: string) {
  step("LiveKit tests (deno test tests/livekit/, their own livekit-server and edge)");
  return denoTests("livekit", ["tests/livekit/"], { LIVEKIT_SERVER: livekitBin });
}

async function e2eTests(chromium: string, livekitBin: string) {
  const runDir = newRunDir("test");
  const resendKey = `re_${randomBytes(16).toString("hex")}`;
  const recorder = startResendRecorder({ apiKey: resendKey });
  services.push({ name: "resend-recorder", stop: recorder.close });
  // The customer's own network for the offline fault test; before livekit-server, which listens on the
  // addresses present when it starts. Without root or iproute2 that one test fails and says why.
  let network: CustomerNetwork | null = null;
  let networkError = "";
  try {
    network = await createCustomerNetwork({ chromium, runDir });
    services.push(network);
  } catch (err) {
    networkError = err instanceof Error ? err.message : String(err);
    step(`customer network unavailable: ${networkError}`);
  }
  // Imported only now: the system's clients use npm packages, which a clean clone has only after
  // ensureNodeModules (which then runs this task again in a process that can load them).
  const { startSystem } = await import("./support/system.ts");
  const field = await fieldNetwork(runDir, network);
  const system = await startSystem({
    kind: "test",
    livekitBin,
    runDir,
    mediaAddress: field.mediaAddress,
    turn: field.turn,
    env: {
      RESEND_API_KEY: resendKey,
      RESEND_BASE_URL: recorder.url,
      MAIL_FROM: "Sightline Support <support@sightline.test>",
    },
  });
  services.push({ name: "system", stop: system.stop });
  await network?.forward([new URL(system.baseUrl).port, new URL(system.livekit.url).port].map(Number));
  // The fault tests (last, see playwright.config.ts) kill and restart these through the control endpoint,
  // and unplug the customer's network ("kill") and plug it back ("start").
  const control = startControl({
    edge: system.edge,
    livekit: system.livekitService,
    ...(network ? { network } : {}),
  });
  services.push({ name: "control", stop: control.close });
  // Firefox and WebKit for the customer tests in those engines (their own Playwright projects).
  const browsers = await otherBrowsers(runDir);
  services.push(...browsers.services);
  const secretsFile = join(runDir, "secrets.tsv");
  await Deno.writeTextFile(
    secretsFile,
    [
      `admin token\t${system.adminToken}`,
      `livekit api secret\t${system.livekit.apiSecret}`,
      `resend key\t${resendKey}`,
      "",
    ]
      .join("\n"),
  );

  step(`end-to-end tests (Playwright, logs in ${runDir})`);
  const report = join(runDir, "playwright.json");
  const { code } = await runTee("node", [
    "node_modules/@playwright/test/cli.js",
    "test",
    "--config",
    "tests/e2e/playwright.config.ts",
    ...Deno.args,
  ], {
    ...systemEnv(system),
    CHROMIUM_PATH: chromium,
    RESEND_RECORDER_URL: recorder.url,
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    PLAYWRIGHT_OUTPUT_DIR: join(runDir, "artifacts"),
    SIGHTLINE_CONTROL_URL: control.url,
    ...(network ? { CUSTOMER_NETWORK_CHROMIUM: network.chromium } : { CUSTOMER_NETWORK_ERROR: networkError }),
    SIGHTLINE_SECRETS_FILE: secretsFile,
    ...field.env,
    ...browsers.env,
  });
  try {
    const json = JSON.parse(await Deno.readTextFile(report));
    const e2e = { suite: "e2e", passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected };
    tallies.push(e2e);
    // The customer in Firefox and in WebKit, counted apart from the Chromium tests.
    const byProject = countByProject(json);
    for (const suite of ["firefox", "webkit"]) {
      const count = byProject.get(suite);
      if (!count) continue;
      tallies.push({ suite, ...count });
      e2e.passed -= count.passed;
      e2e.failed -= count.failed;
    }
  } catch {
    tallies.push({ suite: "e2e", passed: 0, failed: Math.max(1, code) });
  }
  await control.restoreAll();
  await cspCheck(system);
  await logScan(runDir, secretsFile);
}

/** No secret the run created or used (see `tests/support/log_scan.ts`) appears in a service log. */
async function logScan(runDir: string, secretsFile: string) {
  step("secrets in the service logs");
  const secrets = parseSecrets(await Deno.readTextFile(secretsFile));
  const logs: Record<string, string> = {};
  for (const file of ["edge.log", "livekit.log"]) logs[file] = await Deno.readTextFile(join(runDir, file));
  const leaks = findLeaks(secrets, logs);
  for (const l of leaks) console.log(`  secret in log: ${l.kind} in ${l.file} line ${l.line}`);
  const kinds = [...new Set(secrets.map((s) => s.kind))].join(", ");
  console.log(`  ${new Set(secrets.map((s) => s.value)).size} secrets (${kinds}) checked, ${leaks.length} found`);
  tallies.push({ suite: "logs", passed: leaks.length === 0 ? 1 : 0, failed: leaks.length === 0 ? 0 : 1 });
}

/** Browsers reported every CSP violation of the whole e2e run to the edge; there must be none. */
async function cspCheck(system: System) {
  step("CSP violations reported during the end-to-end run");
  const { cspReports } = await import("../shared/api.ts");
  // Newest first, a page at a time; repeats of a report are one entry with a count.
  const reports: CspReport[] = [];
  let cursor: string | null = null;
  do {
    const page: CspReportList = await system.admin.call(cspReports, { query: cursor ? { cursor } : {} });
    reports.push(...page.reports);
    cursor = page.next;
  } while (cursor);
  // The e2e probe triggers one on purpose (to prove reports arrive); everything else counts.
  const real = reports.filter((r) => !r.blocked.startsWith("https://csp-probe.invalid"));
  for (const r of real) {
    console.log(`  CSP violation: ${r.directive} blocked ${r.blocked} on ${r.page} (${r.count}×, source ${r.source})`);
  }
  console.log(`  ${real.length} violation(s), ${reports.length - real.length} probe report(s)`);
  tallies.push({ suite: "csp", passed: real.length === 0 ? 1 : 0, failed: real.length === 0 ? 0 : 1 });
}

let exitCode = 0;
try {
  await ensureNodeModules();
  const livekitBin = await ensureLivekit();
  const chromium = await ensureChromium();
  await ensureIproute();
  await ensureNetworkTools();
  // `SIGHTLINE_E2E_ONLY=1 deno task test -g "<title>"`: one end-to-end test again, quickly, with the unit
  // tests left out and the last build of web/dist reused (while working on a test, not for a verdict).
  const e2eOnly = Deno.env.get("SIGHTLINE_E2E_ONLY") === "1";
  if (!e2eOnly) await unitTests();
  if (!e2eOnly) await livekitTests(livekitBin);
  if (!e2eOnly || !existsSync(join(ROOT, "web", "dist", "index.html"))) await buildWeb();
  await e2eTests(chromium, livekitBin);
} catch (err) {
  console.error(err instanceof ProvisionError ? err.message : err);
  tallies.push({ suite: "setup", passed: 0, failed: 1 });
} finally {
  for (const s of services.reverse()) await s.stop();
}

const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
if (failed > 0) exitCode = 1;
console.log(
  `\n${tallies.map((t) => `${t.suite}: ${t.passed} passed, ${t.failed} failed`).join("; ")} ` +
    `(${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
console.log(`${passed} passed, ${failed} failed`);
Deno.exit(exitCode);
