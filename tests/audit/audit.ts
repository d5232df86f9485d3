/**
 * The dependency audit (`deno task audit`): npm's advisories for every package in `deno.lock`.
 *
 * It asks the registry's advisory service first (`deno audit`). Where that service cannot be reached
 * (this workplace: see SECURITY.md, Dependencies), it checks the lock against `advisories.json`: the
 * published advisories a review found, with their affected ranges and sources (OSV's range model). An
 * advisory that still applies on purpose is listed in `ACCEPTED` with the reason; any other hit fails.
 * `audit_test.ts` runs the offline check in `deno task ok` and `deno task test`, so a lock change that
 * brings back an advised version fails there too.
 */

export interface Advisory {
  id: string;
  aliases?: string[];
  package: string;
  summary: string;
  severity: "low" | "moderate" | "high" | "critical";
  ranges: { introduced: string; fixed?: string; last_affected?: string }[];
  disputed?: boolean;
  source: string;
}

export interface Finding {
  advisory: Advisory;
  version: string;
  /** Why it is accepted (see `ACCEPTED`), or undefined for a finding that fails the audit. */
  accepted?: string;
}

/** Advisories that match a locked version on purpose, with the reason (also in SECURITY.md). */
export const ACCEPTED: Record<string, string> = {
  "CVE-2023-29827":
    "ejs (via workbox-build) renders only workbox's own templates during the PWA build; no user input reaches it. The CVE is disputed and has no fixed version.",
};

/** Semver precedence: -1, 0 or 1. Build metadata is ignored; a prerelease sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split("+")[0].split(/-(.*)/s);
    return { core: core.split(".").map(Number), pre: pre ? pre.split(".") : [] };
  };
  const x = parse(a), y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.core[i] ?? 0) - (y.core[i] ?? 0);
    if (d) return Math.sign(d);
  }
  if (!x.pre.length || !y.pre.length) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i], q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p), qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Math.sign(Number(p) - Number(q));
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

export function isAffected(version: string, advisory: Advisory): boolean {
  return advisory.ranges.some((r) =>
    (r.introduced === "0" || compareVersions(version, r.introduced) >= 0) &&
    (r.fixed !== undefined
      ? compareVersions(version, r.fixed) < 0
      : r.last_affected !== undefined && compareVersions(version, r.last_affected) <= 0)
  );
}

/** `name@version` for every npm package in a deno.lock (v5), peer suffixes (`_peer@x`) dropped. */
export function lockedPackages(lock: { npm?: Record<string, unknown> }): { name: string; version: string }[] {
  const seen = new Set<string>();
  const out: { name: string; version: string }[] = [];
  for (const key of Object.keys(lock.npm ?? {})) {
    const at = key.indexOf("@", 1);
    const name = key.slice(0, at);
    const version = key.slice(at + 1).split("_")[0];
    if (at > 0 && !seen.has(`${name}@${version}`)) {
      seen.add(`${name}@${version}`);
      out.push({ name, version });
    }
  }
  return out;
}

/** Every advisory that applies to a locked package, accepted ones marked. */
export function auditLock(
  lock: { npm?: Record<string, unknown> },
  advisories: Advisory[],
  accepted: Record<string, string> = ACCEPTED,
): Finding[] {
  const findings: Finding[] = [];
  for (const { name, version } of lockedPackages(lock)) {
    for (const advisory of advisories) {
      if (advisory.package !== name || !isAffected(version, advisory)) continue;
      const reason = [advisory.id, ...(advisory.aliases ?? [])].map((id) => accepted[id]).find(Boolean);
      findings.push({ advisory, version, accepted: reason });
    }
  }
  return findings;
}

const here = (file: string) => new URL(file, import.meta.url);

export async function loadAdvisories(): Promise<Advisory[]> {
  return JSON.parse(await Deno.readTextFile(here("advisories.json")));
}

export async function loadLock() {
  return JSON.parse(await Deno.readTextFile(here("../../deno.lock")));
}

/** Prints the findings; true when none fails the audit. */
export function report(findings: Finding[], advisories: Advisory[], packages: number): boolean {
  for (const f of findings) {
    const a = f.advisory;
    const mark = f.accepted ? "accepted" : "AFFECTED";
    console.log(`  ${mark}: ${a.package}@${f.version} ${a.id} (${a.severity}) ${a.summary}`);
    if (f.accepted) console.log(`    why: ${f.accepted}`);
  }
  const failing = findings.filter((f) => !f.accepted).length;
  const names = new Set(advisories.map((a) => a.package)).size;
  console.log(
    `${packages} locked packages checked against ${advisories.length} advisories for ${names} packages: ` +
      `${failing} affected, ${findings.length - failing} accepted`,
  );
  return failing === 0;
}

if (import.meta.main) {
  // The registry's advisory service, when it answers, is the complete and current source.
  const online = await new Deno.Command(Deno.execPath(), {
    args: ["audit", "--level=moderate"],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(online.stdout) + new TextDecoder().decode(online.stderr);
  const unreachable = /error sending request|client error|invalid peer certificate|Method Not Allowed|dns error/i
    .test(text);
  if (!unreachable) {
    console.log(text.trim());
    Deno.exit(online.success ? 0 : 1);
  }
  console.log(`npm's advisory service is unreachable here: ${text.trim().split("\n").find((l) => l.trim())}`);
  console.log("Checking deno.lock against the reviewed advisories (tests/audit/advisories.json) instead.");
  const [lock, advisories] = await Promise.all([loadLock(), loadAdvisories()]);
  const ok = report(auditLock(lock, advisories), advisories, lockedPackages(lock).length);
  Deno.exit(ok ? 0 : 1);
}
