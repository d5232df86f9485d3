/**
 * `deno task lighthouse`: builds the PWA, starts the system as the benchmarks do, and runs Lighthouse
 * (npm `lighthouse`, pinned, through npx; Debian's Chromium) for Accessibility and Best Practices on the
 * customer's link page (mobile) and the console's sign-in page (desktop). Writes
 * `tests/bench/results/lighthouse.md` and prints it. A report, not a test: the task fails only when
 * Lighthouse could not run.
 */
import { join } from "node:path";
import * as api from "../../shared/api.ts";
import { ensureChromium, ensureLivekit, ensureNodeModules, ProvisionError, ROOT, step } from "../../.ci/provision.ts";
import { buildWeb } from "../../.ci/build.ts";
import type { System } from "../support/system.ts";

const LIGHTHOUSE = "lighthouse@12.2.3";
const CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu";
const CATEGORIES = ["accessibility", "best-practices"] as const;

interface Page {
  name: string;
  url: string;
  preset: "mobile" | "desktop";
}

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
}

interface PageResult {
  page: Page;
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** Audits that count and did not pass, per category. */
  failing: Record<string, string[]>;
}

async function lighthouse(page: Page, chromium: string, out: string): Promise<PageResult> {
  step(`Lighthouse ${page.name} (${page.preset})`);
  const json = join(out, `${page.name.replace(/\W+/g, "-")}.json`);
  const args = [
    "-y",
    LIGHTHOUSE,
    page.url,
    `--only-categories=${CATEGORIES.join(",")}`,
    `--chrome-flags=${CHROME_FLAGS}`,
    "--output=json",
    `--output-path=${json}`,
    "--quiet",
    ...(page.preset === "desktop" ? ["--preset=desktop"] : []),
  ];
  const { code, stderr } = await new Deno.Command("npx", {
    args,
    cwd: ROOT,
    env: { CHROME_PATH: chromium },
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(`lighthouse failed on ${page.url}: ${new TextDecoder().decode(stderr)}`);
  const report = JSON.parse(Deno.readTextFileSync(json));
  const scores = {} as PageResult["scores"];
  const failing: PageResult["failing"] = {};
  for (const category of CATEGORIES) {
    const c = report.categories[category];
    scores[category] = Math.round(c.score * 100);
    failing[category] = (c.auditRefs as { id: string; weight: number }[])
      .filter((ref) => ref.weight > 0)
      .map((ref) => report.audits[ref.id] as Audit)
      .filter((a) => a.scoreDisplayMode !== "notApplicable" && a.score !== null && a.score < 1)
      .map((a) => `${a.id} (${a.title})`);
  }
  return { page, scores, failing };
}

function markdown(results: PageResult[], version: string): string {
  const rows = results.map((r) =>
    `| ${r.page.name} | ${r.page.preset} | ${r.scores.accessibility} | ${r.scores["best-practices"]} |`
  );
  const failing = results.flatMap((r) =>
    Object.entries(r.failing).flatMap(([category, audits]) => audits.map((a) => `- ${r.page.name}, ${category}: ${a}`))
  );
  return [
    "# Lighthouse",
    "",
    `${new Date().toISOString().slice(0, 10)}, npm \`${LIGHTHOUSE}\` with ${version} (\`${CHROME_FLAGS}\`), ` +
    "`deno task lighthouse`. The target is 95 or more in each.",
    "",
    "| page | form factor | Accessibility | Best Practices |",
    "| ---- | ----------- | ------------- | -------------- |",
    ...rows,
    "",
    failing.length ? "Audits not passed:" : "Every audit that counts passed.",
    ...(failing.length ? ["", ...failing] : []),
    "",
  ].join("\n");
}

let sys: System | null = null;
let exitCode = 0;
try {
  await ensureNodeModules();
  const livekitBin = await ensureLivekit();
  const chromium = await ensureChromium();
  await buildWeb();
  const { startSystem } = await import("../support/system.ts");
  const { newGroup, newTechnician } = await import("../support/accounts.ts");
  sys = await startSystem({ kind: "lighthouse", livekitBin });
  const group = await newGroup(sys.admin);
  const account = await newTechnician(sys.admin, group.id);
  const tech = await sys.anonymous.login({ email: account.email, password: account.password });
  const created = await tech.call(api.createSession, {
    body: { type: "lens", name: "Lighthouse", delivery: { method: "link" } },
  });
  const out = join(sys.runDir, "lighthouse");
  Deno.mkdirSync(out, { recursive: true });
  const pages: Page[] = [
    { name: "customer link page", url: created.link, preset: "mobile" },
    { name: "console (sign-in)", url: `${sys.baseUrl}/console`, preset: "desktop" },
  ];
  const results: PageResult[] = [];
  for (const page of pages) results.push(await lighthouse(page, chromium, out));
  const version = new TextDecoder().decode(
    (await new Deno.Command(chromium, { args: ["--version"], stdout: "piped" }).output()).stdout,
  ).trim();
  const md = markdown(results, version);
  const dir = join(ROOT, "tests/bench/results");
  Deno.writeTextFileSync(join(dir, "lighthouse.md"), md);
  await new Deno.Command(Deno.execPath(), { args: ["fmt", "-q", join(dir, "lighthouse.md")], cwd: ROOT }).output();
  console.log(`\n${md}`);
  console.log(`Reports: ${out}`);
} catch (err) {
  console.error(err instanceof ProvisionError ? err.message : err);
  exitCode = 1;
} finally {
  await sys?.stop();
}
Deno.exit(exitCode);
