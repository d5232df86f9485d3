/**
 * The system under benchmark: a real livekit-server and the edge on free ports with a fresh KV under
 * `.data/bench-runs/<time>/`, started the same way `deno task test` starts them (`.ci/services.ts`).
 */
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir, freePort, type Service, startEdge, startLivekit } from "../../.ci/services.ts";

export interface BenchSystem {
  runDir: string;
  baseUrl: string;
  adminToken: string;
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string; logPath: string };
  /** Process id of the edge (a `deno run` process), for its peak RSS. */
  edgePid: number;
  stop(): Promise<void>;
}

export async function startSystem(livekitBin: string, runDir = newRunDir()): Promise<BenchSystem> {
  Deno.mkdirSync(runDir, { recursive: true });
  const edgePort = freePort();
  const livekitPort = freePort();
  const apiKey = "benchkey";
  const apiSecret = randomBytes(32).toString("hex");
  const adminToken = randomBytes(32).toString("hex");
  const services: Service[] = [];
  const stop = async () => {
    for (const s of services.reverse()) await s.stop();
  };
  try {
    const logPath = join(runDir, "livekit.log");
    services.push(
      await startLivekit({
        bin: livekitBin,
        port: livekitPort,
        rtcTcpPort: freePort(),
        udpPort: freePort(),
        apiKey,
        apiSecret,
        webhookUrl: `http://127.0.0.1:${edgePort}/api/livekit/webhook`,
        configPath: join(runDir, "livekit.yaml"),
        logPath,
      }),
    );
    const baseUrl = `http://127.0.0.1:${edgePort}`;
    const livekit = {
      url: `ws://127.0.0.1:${livekitPort}`,
      apiUrl: `http://127.0.0.1:${livekitPort}`,
      apiKey,
      apiSecret,
    };
    const edge = await startEdge({
      port: edgePort,
      logPath: join(runDir, "edge.log"),
      env: {
        // Dev mode only for the mail outbox (no Resend here); nothing else of dev mode is on a measured path.
        SIGHTLINE_DEV: "1",
        ADMIN_TOKEN: adminToken,
        KV_PATH: join(runDir, "kv.sqlite3"),
        PUBLIC_URL: baseUrl,
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: apiKey,
        LIVEKIT_API_SECRET: apiSecret,
      },
    });
    services.push(edge);
    return { runDir, baseUrl, adminToken, livekit: { ...livekit, logPath }, edgePid: edge.process!.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export function newRunDir(): string {
  return dataDir("bench-runs", new Date().toISOString().replace(/[:.]/g, "-"));
}

/** Current and peak resident set size of a process in MB (`VmRSS`, `VmHWM`), or null when unreadable. */
export function rssMb(pid: number): { rss: number; peak: number } | null {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const mb = (field: string) =>
      Math.round(Number(status.match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m"))?.[1]) / 102.4) / 10;
    const rss = mb("VmRSS");
    const peak = mb("VmHWM");
    return Number.isFinite(rss) && Number.isFinite(peak) ? { rss, peak } : null;
  } catch {
    return null;
  }
}
