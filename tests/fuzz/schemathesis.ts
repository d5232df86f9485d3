/**
 * `deno task fuzz:api`: schemathesis (pinned, from PyPI, in a venv under the Sightline cache) against
 * the real edge's `/api/openapi.json`, with every check (schemathesis's default: all enabled; the few
 * per-operation exceptions are in schemathesis.toml, each with its reason), once per kind of caller:
 * - anonymous: the open routes (sign-in, set-password, PIN look-ups, health, documents, webhook);
 * - technician: the session cookie (and our Origin, as on every mutation), on the auth and session routes (sign-out left out:
 *   it would end the cookie for the rest of the run);
 * - customer: a real customer key (a session created and its PIN accepted through the API);
 * - admin: the bearer token, on the admin routes.
 * Writes a JSON report per caller to `.data/fuzz-api-runs/<time>/` and ends with `N passed, N failed`
 * over the operations × checks schemathesis ran. SCHEMATHESIS_EXAMPLES sets examples per operation.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import * as api from "../../shared/api.ts";
import { signedInTechnicians } from "../support/accounts.ts";
import { joinByLink } from "../support/join.ts";
import { startSystem } from "../support/system.ts";

const VERSION = "4.32.5";
const EXAMPLES = Deno.env.get("SCHEMATHESIS_EXAMPLES") ?? "60";
const cache = Deno.env.get("SIGHTLINE_CACHE") ??
  join(Deno.env.get("XDG_CACHE_HOME") ?? join(homedir(), ".cache"), "sightline");
const venv = join(cache, `schemathesis-${VERSION}`);
const bin = join(venv, "bin", "schemathesis");

/** A path regex for exactly these routes' paths (none of the customer and `me` routes has a parameter). */
const exactly = (...routes: api.Route[]) => `^(${routes.map((r) => r.path).join("|")})$`;

async function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd?: string) {
  const child = new Deno.Command(cmd, { args, env, cwd, stdout: "piped", stderr: "piped", stdin: "null" }).spawn();
  const decoder = new TextDecoder();
  let text = "";
  const pump = async (stream: ReadableStream<Uint8Array>, to: typeof Deno.stdout) => {
    for await (const chunk of stream) {
      await to.write(chunk);
      text += decoder.decode(chunk, { stream: true });
    }
  };
  await Promise.all([pump(child.stdout, Deno.stdout), pump(child.stderr, Deno.stderr)]);
  return { code: (await child.status).code, text };
}

if (!existsSync(bin)) {
  console.log(`▸ schemathesis ${VERSION}: pip install into ${venv}`);
  if ((await run("python3", ["-m", "venv", venv])).code !== 0) throw new Error("python3 -m venv failed");
  const pip = await run(join(venv, "bin", "pip"), ["install", "-q", `schemathesis==${VERSION}`]);
  if (pip.code !== 0) throw new Error("pip install schemathesis failed; is PyPI reachable?");
} else {
  console.log(`▸ schemathesis ${VERSION}: ${bin}`);
}

const sys = await startSystem({ kind: "fuzz-api" });
const results: { principal: string; code: number; operations: number; cases: number; failures: number }[] = [];
try {
  const [tech] = await signedInTechnicians(sys.admin, 1, "fuzzapi");
  const created = await tech.client.call(api.createSession, {
    body: { type: "lens", name: "Schemathesis", delivery: { method: "link" } },
  });
  const byLink = joinByLink(created.link);
  const { eula } = await sys.anonymous.call(api.lookUpPin, byLink.lookUp);
  const accepted = await sys.anonymous.call(api.acceptEula, byLink.accept(eula.en.version));
  const cookie = tech.client.cookie!;

  // Credentials go through schemathesis.toml (as the document's security schemes); headers only add Origin.
  const credentials = {
    SIGHTLINE_COOKIE: cookie.slice(cookie.indexOf("=") + 1),
    SIGHTLINE_ADMIN_TOKEN: sys.adminToken,
    SIGHTLINE_CUSTOMER_KEY: accepted.customerKey,
  };
  const origin = `Origin: ${sys.baseUrl}`;
  // The routes a customer key opens; the anonymous run leaves them (and `me`) out.
  const customer = [api.rejoinSession, api.endSessionAsCustomer];
  const principals: { name: string; headers: string[]; filter: string[] }[] = [
    {
      name: "anonymous",
      headers: [origin],
      filter: ["--include-tag-regex", "^(auth|system|customer)$", "--exclude-path-regex", exactly(api.me, ...customer)],
    },
    {
      name: "technician",
      headers: [origin],
      filter: ["--include-tag-regex", "^(auth|sessions)$", "--exclude-path", api.logout.path],
    },
    { name: "customer", headers: [origin], filter: ["--include-path-regex", exactly(...customer)] },
    { name: "admin", headers: [], filter: ["--include-tag", "admin"] },
  ];
  for (const p of principals) {
    console.log(`\n▸ schemathesis as ${p.name}`);
    const report = join(sys.runDir, `schemathesis-${p.name}.ndjson`);
    const { code, text } = await run(
      bin,
      [
        "--config-file",
        join(import.meta.dirname!, "schemathesis.toml"),
        "run",
        `${sys.baseUrl}${api.openApi.path}`,
        "--max-examples",
        EXAMPLES,
        "--seed",
        "8",
        "--workers",
        "2",
        "--request-timeout",
        "10",
        "--exclude-path",
        api.sessionEvents.path, // an endless SSE stream; covered by the unit and e2e tests
        "--report",
        "ndjson",
        "--report-ndjson-path",
        report,
        ...p.headers.flatMap((h) => ["-H", h]),
        ...p.filter,
      ],
      { NO_COLOR: "1", SCHEMATHESIS_TELEMETRY: "false", ...credentials },
      sys.runDir,
    ); // its cache goes there too
    // deno-lint-ignore no-control-regex
    const plain = text.replace(/\x1b\[[0-9;]*m/g, "");
    const operations = Number(plain.match(/Selected: (\d+)\/\d+/)?.[1] ?? 0);
    const cases = Number(plain.match(/Test cases:\s+(\d+) generated/)?.[1] ?? 0);
    const failures = Number(plain.match(/(\d+) found/)?.[1] ?? (code === 0 ? 0 : 1));
    results.push({ principal: p.name, code, operations, cases, failures });
  }
} finally {
  await sys.stop();
}

console.log("\nschemathesis summary:");
for (const r of results) {
  console.log(
    `  ${r.principal}: ${r.operations} operations, ${r.cases} cases, ${r.failures} failures (exit ${r.code})`,
  );
}
await Deno.writeTextFile(join(sys.runDir, "summary.json"), JSON.stringify(results, null, 2));
const failed = results.filter((r) => r.code !== 0).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
Deno.exit(failed ? 1 : 0);
