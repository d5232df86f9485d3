/**
 * Starting and stopping the local system (livekit-server + edge), shared by `dev`, `test`, `bench` and the
 * load tools.
 */
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { ROOT, step } from "./provision.ts";
import { turnConfig, type TurnOptions } from "./turn.ts";

export interface Service {
  name: string;
  process?: Deno.ChildProcess;
  stop(): Promise<void>;
}

/** A service the fault tests can crash and bring back: same port, configuration, environment and log. */
export interface RestartableService extends Service {
  /** SIGKILL, as a crash or an out-of-memory kill would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again with the options it was first started with (no-op while it runs). */
  start(): Promise<void>;
  running(): boolean;
}

export interface LivekitOptions {
  bin: string;
  port: number;
  rtcTcpPort: number;
  udpPort: number;
  apiKey: string;
  apiSecret: string;
  webhookUrl: string;
  configPath: string;
  logPath: string;
  /**
   * The one local address LiveKit's media (UDP and TCP) listens on and announces; default 127.0.0.1.
   * Just one: with several, LiveKit announces each as `node_ip` and answers from whichever socket it
   * picks, which a browser in another network namespace may not reach (tests/support/customer_network.ts).
   */
  mediaAddress?: string;
  /** LiveKit's embedded TURN server on the media address (`.ci/turn.ts`); off when not given. */
  turn?: TurnOptions;
}

/** livekit-server bound to 127.0.0.1, webhooks to the edge, logs to a file. */
export async function startLivekit(o: LivekitOptions): Promise<RestartableService> {
  // JSON is valid YAML, so the config is written without a YAML library.
  const mediaAddress = o.mediaAddress ?? "127.0.0.1";
  const config = {
    port: o.port,
    bind_addresses: ["127.0.0.1"],
    rtc: {
      tcp_port: o.rtcTcpPort,
      udp_port: o.udpPort,
      node_ip: mediaAddress,
      ips: { includes: [`${mediaAddress}/32`] },
      use_external_ip: false,
      enable_loopback_candidate: true,
    },
    keys: { [o.apiKey]: o.apiSecret },
    webhook: { api_key: o.apiKey, urls: [o.webhookUrl] },
    // Rooms exist only while the edge says so (DESIGN §6): it opens a session's room before handing out a
    // token for it and deletes it at End, so a token from before End cannot bring the room back.
    room: { auto_create: false, empty_timeout: 60, departure_timeout: 10 },
    logging: { level: "info", json: false },
    ...(o.turn ? { turn: turnConfig(o.turn, mediaAddress) } : {}),
  };
  await Deno.writeTextFile(o.configPath, JSON.stringify(config, null, 2));
  step(`livekit-server on ws://127.0.0.1:${o.port} (log: ${o.logPath})`);
  if (o.turn) step(`TURN on ${mediaAddress}: UDP ${o.turn.udpPort}${o.turn.tls ? ", TLS 443" : ""}`);
  return await restartable("livekit-server", async (again) => {
    const log = await Deno.open(o.logPath, { create: true, write: true, truncate: !again, append: again });
    const process = new Deno.Command(o.bin, {
      args: ["--dev", "--config", o.configPath],
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
    }).spawn();
    pipeTo(process, log);
    await waitForHttp(`http://127.0.0.1:${o.port}/`, "livekit-server", process);
    return process;
  });
}

export interface EdgeOptions {
  env: Record<string, string>;
  port: number;
  logPath?: string;
  /** Runs the edge with the V8 inspector on this port (the soak reads the heap through it). */
  inspectPort?: number;
}

/**
 * V8's young generation may grow to 16 MiB per semi-space under a high allocation rate and give it back
 * later, which made the edge's RSS swing by ±30 MiB under steady load (`deno task soak`); 2 MiB keeps it
 * flat at a cost within the benchmarks' noise (SECURITY.md, Soak). Self-hosted edges should run with it too.
 */
export const EDGE_V8_FLAGS = "--max-semi-space-size=2";

/**
 * Resident memory of a process from `/proc/<pid>/status`, in KiB: now (`VmRSS`), its peak (`VmHWM`),
 * and the anonymous and file-backed parts of now. Null when the process is gone or the file unreadable.
 */
export function processMemoryKiB(pid: number): { rss: number; peak: number; anon: number; file: number } | null {
  let status: string;
  try {
    status = Deno.readTextFileSync(`/proc/${pid}/status`);
  } catch {
    return null;
  }
  const field = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m"))?.[1]);
  const memory = { rss: field("VmRSS"), peak: field("VmHWM"), anon: field("RssAnon"), file: field("RssFile") };
  return Object.values(memory).every(Number.isFinite) ? memory : null;
}

/** The edge (`edge/main.ts`) with the given environment; logs to a file or inherit. */
export async function startEdge(o: EdgeOptions): Promise<RestartableService> {
  step(`edge on http://127.0.0.1:${o.port}${o.logPath ? ` (log: ${o.logPath})` : ""}`);
  return await restartable("edge", async (again) => {
    const process = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        ...(o.inspectPort ? [`--inspect=127.0.0.1:${o.inspectPort}`] : []),
        `--v8-flags=${EDGE_V8_FLAGS}`,
        "--allow-net",
        "--allow-env",
        "--allow-read",
        "--allow-write",
        "--allow-sys",
        "edge/main.ts",
      ],
      cwd: ROOT,
      env: { ...o.env, PORT: String(o.port) },
      stdout: o.logPath ? "piped" : "inherit",
      stderr: o.logPath ? "piped" : "inherit",
      stdin: "null",
    }).spawn();
    if (o.logPath) {
      pipeTo(process, await Deno.open(o.logPath, { create: true, write: true, truncate: !again, append: again }));
    }
    // The health check answers whatever host is asked for; every other route only PUBLIC_URL's and EXTRA_ORIGINS'.
    await waitForHttp(`http://127.0.0.1:${o.port}/api/health`, "edge", process);
    return process;
  });
}

function pipeTo(process: Deno.ChildProcess, file: Deno.FsFile) {
  const writer = file.writable.getWriter();
  const copy = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) await writer.write(chunk);
  };
  Promise.all([copy(process.stdout), copy(process.stderr)]).finally(() => writer.close().catch(() => {}));
}

/**
 * A service around `launch`, which spawns the process and waits until it answers (`again`: a restart,
 * so logs are appended to). `stop`, `kill` and `start` always act on the current process.
 */
async function restartable(
  name: string,
  launch: (again: boolean) => Promise<Deno.ChildProcess>,
): Promise<RestartableService> {
  let process = await launch(false);
  let exited = false;
  const watch = (p: Deno.ChildProcess) => p.status.then(() => p === process && (exited = true));
  watch(process);
  const signal = async (sig: Deno.Signal, graceMs: number) => {
    const current = process;
    try {
      current.kill(sig);
    } catch {
      return; // already gone
    }
    const timer = setTimeout(() => {
      try {
        current.kill("SIGKILL");
      } catch { /* gone */ }
    }, graceMs);
    await current.status;
    clearTimeout(timer);
  };
  return {
    name,
    get process() {
      return process;
    },
    stop: () => signal("SIGTERM", 5000),
    kill: () => signal("SIGKILL", 0),
    running: () => !exited,
    async start() {
      if (!exited) return;
      step(`${name}: starting again`);
      process = await launch(true);
      exited = false;
      watch(process);
    },
  };
}

/** Polls `url` until it answers (any status below 500, or 503 from a health check) or the process exits. */
export async function waitForHttp(url: string, name: string, process: Deno.ChildProcess, timeoutMs = 60_000) {
  let exited = false;
  process.status.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited during start-up; see its log`);
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (res.status < 500 || res.status === 503) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * A port free for TCP and for UDP on every address, for LiveKit's UDP media and TURN ports: `freePort`
 * checks TCP only, and browsers on the same machine hold many UDP ports (ICE) that it cannot see.
 */
export async function freeUdpPort(): Promise<number> {
  const udpFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket("udp4");
      socket.once("error", () => {
        socket.close();
        resolve(false);
      });
      socket.bind(port, "0.0.0.0", () => socket.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = freePort();
    if (await udpFree(port)) return port;
  }
  throw new Error("no port free for both TCP and UDP found");
}

export const dataDir = (...parts: string[]) => join(ROOT, ".data", ...parts);

/** A fresh folder `.data/<kind>-runs/<time>/` for one run's KV, configuration and logs. */
export function newRunDir(kind: string): string {
  const dir = dataDir(`${kind}-runs`, new Date().toISOString().replace(/[:.]/g, "-"));
  Deno.mkdirSync(dir, { recursive: true });
  return dir;
}

export interface LocalSystem {
  baseUrl: string;
  adminToken: string;
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string; logPath: string };
  livekitService: RestartableService;
  edge: RestartableService;
  /** Stops the edge, then LiveKit. */
  stop(): Promise<void>;
}

/**
 * livekit-server and the edge on free ports, in `runDir` (KV, configuration, logs), with fresh secrets
 * and LiveKit's webhooks pointed at the edge. `env` adds to the edge's environment (mail settings).
 */
export async function startLocalSystem(o: {
  livekitBin: string;
  runDir: string;
  apiKey: string;
  env?: Record<string, string>;
  inspectPort?: number;
  /** See `LivekitOptions.mediaAddress`. */
  mediaAddress?: string;
  /** LiveKit's TURN server: UDP on a free port, TLS too with this certificate (`.ci/turn.ts`). */
  turn?: { tls?: TurnOptions["tls"] };
}): Promise<LocalSystem> {
  const edgePort = freePort();
  const livekitPort = freePort();
  const apiSecret = randomBytes(32).toString("hex");
  const adminToken = randomBytes(32).toString("hex");
  const baseUrl = `http://127.0.0.1:${edgePort}`;
  const livekit = {
    url: `ws://127.0.0.1:${livekitPort}`,
    apiUrl: `http://127.0.0.1:${livekitPort}`,
    apiKey: o.apiKey,
    apiSecret,
    logPath: join(o.runDir, "livekit.log"),
  };
  const livekitService = await startLivekit({
    bin: o.livekitBin,
    port: livekitPort,
    rtcTcpPort: freePort(),
    udpPort: await freeUdpPort(),
    apiKey: o.apiKey,
    apiSecret,
    webhookUrl: `${baseUrl}/api/livekit/webhook`,
    configPath: join(o.runDir, "livekit.yaml"),
    logPath: livekit.logPath,
    mediaAddress: o.mediaAddress,
    turn: o.turn && { udpPort: await freeUdpPort(), ...o.turn },
  });
  try {
    const edge = await startEdge({
      port: edgePort,
      inspectPort: o.inspectPort,
      logPath: join(o.runDir, "edge.log"),
      env: {
        // Dev mode for the mail outbox when no Resend is configured; nothing else of it is on a tested path.
        SIGHTLINE_DEV: "1",
        ADMIN_TOKEN: adminToken,
        KV_PATH: join(o.runDir, "kv.sqlite3"),
        PUBLIC_URL: baseUrl,
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: o.apiKey,
        LIVEKIT_API_SECRET: apiSecret,
        ...o.env,
      },
    });
    return {
      baseUrl,
      adminToken,
      livekit,
      livekitService,
      edge,
      async stop() {
        await edge.stop();
        await livekitService.stop();
      },
    };
  } catch (err) {
    await livekitService.stop();
    throw err;
  }
}
