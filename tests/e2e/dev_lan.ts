/**
 * `deno task dev --lan` as a person starts it (`.ci/dev.ts`), for `lan.spec.ts`: on the customer
 * network's host address (the "LAN" a browser in that namespace sees), on free ports, with its state in
 * the run folder and the PWA the test run built (`--no-build`). What it printed is read back: the
 * customer link of its "Phone test" session, the demo login, the admin token, the QR codes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { expect } from "@playwright/test";

const ROOT = new URL("../..", import.meta.url).pathname;

export interface DevLan {
  /** The HTTPS origin, e.g. https://10.231.7.1:24000 */
  origin: string;
  /** The edge's own port on 127.0.0.1 (for the admin API from the test). */
  edgePort: number;
  link: string;
  demo: { email: string; password: string };
  adminToken: string;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Whether `port` can be listened on at `host` now. */
function free(host: string, port: number) {
  return new Promise<boolean>((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A base port whose next `count` ports are free on `hosts` (below the kernel's ephemeral range). */
async function freeRun(hosts: string[], count: number) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if ((await Promise.all(ports.flatMap((p) => hosts.map((h) => free(h, p))))).every(Boolean)) return base;
  }
  throw new Error("no run of free ports found");
}

export async function startDevLan(address: string): Promise<DevLan> {
  const deno = process.env.SIGHTLINE_DENO;
  expect(deno, "SIGHTLINE_DENO is not set: start the tests with deno task test").toBeTruthy();
  const edgePort = await freeRun(["127.0.0.1", address], 1);
  const livekitPort = await freeRun(["127.0.0.1", address], 4);
  const lanPort = await freeRun([address], 3);
  const password = `lan-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  // A clean environment: the test run's own LIVEKIT_URL, ADMIN_TOKEN … must not reach this dev.
  const keep = ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "SIGHTLINE_CACHE", "LIVEKIT_SERVER"];
  const env: Record<string, string> = Object.fromEntries(
    keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]),
  );
  const child: ChildProcess = spawn(deno!, ["run", "-A", ".ci/dev.ts", `--lan=${address}`, "--no-build"], {
    cwd: ROOT,
    env: {
      ...env,
      NO_COLOR: "1",
      SIGHTLINE_STATE_DIR: join(process.env.SIGHTLINE_RUN_DIR ?? join(ROOT, ".data"), "dev-lan"),
      PORT: String(edgePort),
      LIVEKIT_PORT: String(livekitPort),
      LAN_PORT: String(lanPort),
      DEMO_EMAIL: "phone-test@sightline.test",
      DEMO_PASSWORD: password,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (chunk) => (text += chunk));
  child.stderr!.on("data", (chunk) => (text += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  try {
    await expect.poll(() => /Customer link\s+\S+/.test(text) || child.exitCode !== null, { timeout: 120_000 })
      .toBe(true);
    expect(child.exitCode, `dev --lan stopped:\n${text}`).toBeNull();
  } catch (err) {
    await stop();
    throw err;
  }
  const field = (label: string) => text.match(new RegExp(`${label}\\s+(\\S+)`))?.[1] ?? "";
  return {
    origin: `https://${address}:${lanPort}`,
    edgePort,
    link: field("Customer link"),
    demo: { email: "phone-test@sightline.test", password },
    adminToken: field("Admin token"),
    output: () => text,
    stop,
  };
}
