/**
 * Where a running system is, as plain data: handed to the Playwright processes (e2e, browser
 * benchmarks) and the edge benchmark's own Deno process as environment variables. Standard APIs only,
 * so Node reads it too. The variable names are here and nowhere else (Playwright configs and a few
 * specs read `SIGHTLINE_URL` directly).
 */
export interface SystemAddress {
  /** `.data/<kind>-runs/<time>/`: KV, configuration, logs. */
  runDir: string;
  /** The edge, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  adminToken: string;
  /** LiveKit: `url` for clients (ws://), `apiUrl` for its server API (http://). */
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string };
  /** Process id of the edge when the system started (a restart gives it a new one). */
  edgePid: number;
}

export function systemEnv(a: SystemAddress): Record<string, string> {
  return {
    SIGHTLINE_URL: a.baseUrl,
    SIGHTLINE_RUN_DIR: a.runDir,
    SIGHTLINE_EDGE_PID: String(a.edgePid),
    ADMIN_TOKEN: a.adminToken,
    LIVEKIT_URL: a.livekit.url,
    LIVEKIT_API_URL: a.livekit.apiUrl,
    LIVEKIT_API_KEY: a.livekit.apiKey,
    LIVEKIT_API_SECRET: a.livekit.apiSecret,
  };
}

/** The system `systemEnv()` described, from `process.env` or `Deno.env.toObject()`. */
export function systemFromEnv(env: Record<string, string | undefined>): SystemAddress {
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set: start the system with tests/run.ts or tests/bench/run.ts`);
    return value;
  };
  return {
    runDir: need("SIGHTLINE_RUN_DIR"),
    baseUrl: need("SIGHTLINE_URL"),
    adminToken: need("ADMIN_TOKEN"),
    livekit: {
      url: need("LIVEKIT_URL"),
      apiUrl: need("LIVEKIT_API_URL"),
      apiKey: need("LIVEKIT_API_KEY"),
      apiSecret: need("LIVEKIT_API_SECRET"),
    },
    edgePid: Number(need("SIGHTLINE_EDGE_PID")),
  };
}
