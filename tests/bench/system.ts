/**
 * The system under benchmark: a real livekit-server and the edge on free ports with a fresh KV under
 * `.data/bench-runs/<time>/`, started the same way `deno task test` starts them (`.ci/services.ts`).
 */
import { newRunDir, processMemoryKiB, startLocalSystem } from "../../.ci/services.ts";

export interface BenchSystem {
  runDir: string;
  baseUrl: string;
  adminToken: string;
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string; logPath: string };
  /** Process id of the edge (a `deno run` process), for its peak RSS. */
  edgePid: number;
  stop(): Promise<void>;
}

export async function startSystem(livekitBin: string, runDir = newRunDir("bench")): Promise<BenchSystem> {
  const system = await startLocalSystem({ livekitBin, runDir, apiKey: "benchkey" });
  return {
    runDir,
    baseUrl: system.baseUrl,
    adminToken: system.adminToken,
    livekit: system.livekit,
    edgePid: system.edge.process!.pid,
    stop: system.stop,
  };
}

/** Current and peak resident set size of a process in MB (`VmRSS`, `VmHWM`), or null when unreadable. */
export function rssMb(pid: number): { rss: number; peak: number } | null {
  const memory = processMemoryKiB(pid);
  const mb = (kib: number) => Math.round(kib / 102.4) / 10;
  return memory && { rss: mb(memory.rss), peak: mb(memory.peak) };
}
