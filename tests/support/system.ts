/**
 * The real system for `deno task test`, the benchmarks, load, soak and API fuzzing: livekit-server and
 * the edge on free ports with a fresh KV and fresh secrets in a run folder (`startLocalSystem` of
 * `.ci/services.ts`), with what those tools reach it by: its address (`SystemAddress`, which other
 * processes get through `systemEnv()`), the edge client as admin and as anyone, LiveKit's server API,
 * and the two services themselves (the fault tests restart them).
 */
import { RoomServiceClient } from "livekit-server-sdk";
import { ensureLivekit } from "../../.ci/provision.ts";
import { freePort, newRunDir, type RestartableService, startLocalSystem } from "../../.ci/services.ts";
import { type EdgeClient, edgeClients } from "./edge_client.ts";
import type { SystemAddress } from "./system_env.ts";

export interface System extends SystemAddress {
  edge: RestartableService;
  livekitService: RestartableService;
  /** LiveKit's server API (rooms and participants), with the system's key. */
  rooms: RoomServiceClient;
  /** The edge client with the admin token. */
  admin: EdgeClient;
  /** The edge client without credentials. */
  anonymous: EdgeClient;
  /** Port of the edge's V8 inspector, when started with `inspect`. */
  inspectPort?: number;
  /** Stops the edge, then LiveKit. */
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** The run folder is `.data/<kind>-runs/<time>/` unless `runDir` names one. */
  kind: string;
  runDir?: string;
  /** livekit-server's binary; provisioned (`ensureLivekit`) when not given. */
  livekitBin?: string;
  /** The edge runs with the V8 inspector on a free port (the soak samples its heap). */
  inspect?: boolean;
  /** See `LivekitOptions.mediaAddress` in `.ci/services.ts`. */
  mediaAddress?: string;
  /** Added to the edge's environment (mail settings). */
  env?: Record<string, string>;
  /** LiveKit's TURN server (see `startLocalSystem`). */
  turn?: Parameters<typeof startLocalSystem>[0]["turn"];
}

export async function startSystem(o: SystemOptions): Promise<System> {
  const runDir = o.runDir ?? newRunDir(o.kind);
  const inspectPort = o.inspect ? freePort() : undefined;
  const system = await startLocalSystem({
    livekitBin: o.livekitBin ?? await ensureLivekit(),
    runDir,
    apiKey: "testkey",
    inspectPort,
    mediaAddress: o.mediaAddress,
    turn: o.turn,
    env: o.env,
  });
  const { baseUrl, adminToken, edge, livekitService } = system;
  const { url, apiUrl, apiKey, apiSecret } = system.livekit;
  return {
    runDir,
    baseUrl,
    adminToken,
    livekit: { url, apiUrl, apiKey, apiSecret },
    edgePid: edge.process!.pid,
    edge,
    livekitService,
    rooms: new RoomServiceClient(apiUrl, apiKey, apiSecret),
    ...edgeClients(system),
    inspectPort,
    stop: system.stop,
  };
}
