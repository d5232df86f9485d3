/**
 * Runs browser benchmarks (`tests/bench/browser/*.bench.ts`) with Playwright against a started system:
 * its environment (`systemEnv`), the Chromium to use, where results and artifacts go. Returns the exit code.
 */
import { join } from "node:path";
import { ROOT } from "../../.ci/provision.ts";

export async function runBrowserBenches(o: {
  /** The system's environment (`systemEnv(sys)`) plus anything a benchmark reads. */
  env: Record<string, string>;
  chromium: string;
  /** Where the benchmarks write their JSON (`BENCH_OUT`). */
  out: string;
  /** The run's folder: Playwright's artifacts go to `artifacts/` in it. */
  runDir: string;
  /** Only this benchmark file (default: all of them). */
  file?: string;
}): Promise<number> {
  const { code } = await new Deno.Command("node", {
    args: [
      "node_modules/@playwright/test/cli.js",
      "test",
      "--config",
      "tests/bench/browser/playwright.config.ts",
      ...(o.file ? [o.file] : []),
    ],
    cwd: ROOT,
    env: { ...o.env, CHROMIUM_PATH: o.chromium, BENCH_OUT: o.out, PLAYWRIGHT_OUTPUT_DIR: join(o.runDir, "artifacts") },
    stdout: "inherit",
    stderr: "inherit",
    stdin: "null",
  }).output();
  return code;
}
