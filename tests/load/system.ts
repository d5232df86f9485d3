/**
 * The real system for load, soak and API fuzzing: livekit-server and the edge on free ports with a
 * fresh KV under `.data/<kind>-runs/<time>/`, plus clients that speak to them the way browsers and
 * LiveKit do.
 *
 * Customers join LiveKit for real at the signalling level: a WebSocket to `/rtc` with the token the
 * edge issued, which makes them participants of the room (so Start's `UpdateParticipant` and End's
 * `DeleteRoom` act on a live participant), without WebRTC media — Deno has no RTCPeerConnection, and
 * 200 media streams would not fit the machine anyway. LiveKit sends `participant_joined` only once
 * ICE connects, so the presence webhook is posted by the client, signed with the LiveKit API key
 * exactly as livekit-server signs it (JWT carrying the body's SHA-256) and verified by the edge's
 * real webhook receiver.
 */
import { RoomServiceClient } from "livekit-server-sdk";
import { livekitWebhookAuth } from "../../edge/testing/livekit.ts";
import { ensureLivekit } from "../../.ci/provision.ts";
import { freePort, newRunDir, startLocalSystem } from "../../.ci/services.ts";

export const PASSWORD = "load-password-123";
export const ALL_PERMISSIONS = {
  startLensSessions: true,
  startPrivateSessions: true,
  useEmailMethod: true,
  useLinkMethod: true,
};

export interface System {
  baseUrl: string;
  adminToken: string;
  livekitHttp: string;
  apiKey: string;
  apiSecret: string;
  runDir: string;
  edgePid: number;
  inspectPort?: number;
  rooms: RoomServiceClient;
  stop(): Promise<void>;
}

/** `inspect`: the edge runs with the V8 inspector on a free port, for heap samples (`heapSampler`). */
export async function startSystem(kind: string, options: { inspect?: boolean } = {}): Promise<System> {
  const runDir = newRunDir(kind);
  const inspectPort = options.inspect ? freePort() : undefined;
  const system = await startLocalSystem({ livekitBin: await ensureLivekit(), runDir, apiKey: "loadkey", inspectPort });
  const { apiUrl, apiKey, apiSecret } = system.livekit;
  return {
    baseUrl: system.baseUrl,
    adminToken: system.adminToken,
    livekitHttp: apiUrl,
    apiKey,
    apiSecret,
    runDir,
    edgePid: system.edge.process!.pid,
    inspectPort,
    rooms: new RoomServiceClient(apiUrl, apiKey, apiSecret),
    stop: system.stop,
  };
}

/** An HTTP client for the edge: JSON in and out, our Origin on mutations, counting every status. */
export function client(sys: System) {
  const statuses = new Map<string, number>();
  const count = (label: string, status: number) => {
    const k = `${label} ${status}`;
    statuses.set(k, (statuses.get(k) ?? 0) + 1);
  };
  async function call(
    label: string,
    method: string,
    path: string,
    opts: { json?: unknown; headers?: Record<string, string> } = {},
    // deno-lint-ignore no-explicit-any
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { ...opts.headers };
    if (method !== "GET") headers.origin = sys.baseUrl;
    if (opts.json !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${sys.baseUrl}${path}`, {
      method,
      headers,
      body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
    });
    const text = await res.text();
    count(label, res.status);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch { /* not JSON */ }
    return { status: res.status, body, headers: res.headers };
  }
  const admin = (label: string, method: string, path: string, json?: unknown) =>
    call(label, method, path, { json, headers: { authorization: `Bearer ${sys.adminToken}` } });
  return { call, admin, statuses, count };
}
export type Client = ReturnType<typeof client>;

/** A group and `n` technicians with passwords, signed in: their ids and cookies. */
export async function technicians(c: Client, n: number, prefix = "tech") {
  const group = await c.admin("admin.group", "POST", "/api/admin/groups", {
    name: `${prefix} group`,
    permissions: ALL_PERMISSIONS,
  });
  if (group.status !== 201) throw new Error(`group: ${group.status} ${JSON.stringify(group.body)}`);
  const out: { id: string; email: string; cookie: string }[] = [];
  for (let i = 0; i < n; i++) {
    const email = `${prefix}${i}@load.test`;
    const t = await c.admin("admin.technician", "POST", "/api/admin/technicians", {
      email,
      name: `${prefix} ${i}`,
      groupId: group.body.id,
      password: PASSWORD,
    });
    if (t.status !== 201) throw new Error(`technician: ${t.status} ${JSON.stringify(t.body)}`);
    out.push({ id: t.body.id, email, cookie: await login(c, email) });
  }
  return out;
}

export async function login(c: Client, email: string): Promise<string> {
  const res = await c.call("login", "POST", "/api/auth/login", { json: { email, password: PASSWORD } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.headers.get("set-cookie")!.split(";")[0];
}

/** Counts of LiveKit signalling connections: opened, and reopened after LiveKit dropped one. */
export const livekitStats = { joins: 0, reconnects: 0, closeCodes: {} as Record<string, number> };

/**
 * A LiveKit participant at the signalling level (see the header), open until `close()`. Like
 * livekit-client, it reconnects with the same token when the connection drops (LiveKit replaces a
 * participant whose identity joins again, and a loaded machine drops the odd signalling socket).
 */
export async function joinLiveKit(sys: System, token: string): Promise<{ close(): void; expectEnd(): void }> {
  const url = `${sys.livekitHttp.replace(/^http/, "ws")}/rtc?access_token=${token}&auto_subscribe=1&sdk=js&protocol=16`;
  let closed = false;
  let ws: WebSocket;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      ws = new WebSocket(url);
      ws.binaryType = "arraybuffer";
      let joined = false;
      // The first message is LiveKit's JoinResponse; it arrives only for a token LiveKit accepts.
      ws.onmessage = () => {
        joined = true;
        ws.onmessage = null;
        resolve();
      };
      ws.onerror = () => {};
      ws.onclose = (e) => {
        if (!joined) return reject(new Error(`LiveKit refused the join: ${e.code} ${e.reason}`));
        if (closed) return;
        livekitStats.closeCodes[e.code] = (livekitStats.closeCodes[e.code] ?? 0) + 1;
        livekitStats.reconnects++;
        setTimeout(() => !closed && open().catch(() => {}), 200);
      };
    });
  await open();
  livekitStats.joins++;
  return {
    close: () => {
      closed = true;
      ws.close();
    },
    /** The session is about to end: LiveKit will close the connection, which is then no drop. */
    expectEnd: () => {
      closed = true;
    },
  };
}

/** The participant sid of `identity` in `room`, once LiveKit lists it. */
export async function participantSid(sys: System, room: string, identity: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const p = (await sys.rooms.listParticipants(room).catch(() => [])).find((p) => p.identity === identity);
    if (p) return p.sid;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${identity} never appeared in ${room}`);
}

/** Posts a webhook event to the edge signed as livekit-server signs it. */
export async function signedWebhook(c: Client, sys: System, event: Record<string, unknown>) {
  const body = JSON.stringify({ id: crypto.randomUUID(), createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await fetch(`${sys.baseUrl}/api/livekit/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/webhook+json",
      authorization: await livekitWebhookAuth(sys.apiKey, sys.apiSecret, body),
    },
    body,
  });
  await res.body?.cancel();
  c.count("webhook", res.status);
  return res.status;
}

/** Resident set size of a process in KiB, from /proc. */
/** A load tool's failures: each printed (the first 20) and counted; `exit` prints the verdict and exits. */
export function failureLog(tool: string) {
  const failures: string[] = [];
  return {
    fail(msg: string) {
      failures.push(msg);
      if (failures.length <= 20) console.error(`  ✗ ${msg}`);
    },
    get count() {
      return failures.length;
    },
    exit(runDir: string): never {
      console.log(`${tool}: ${failures.length === 0 ? "passed" : `${failures.length} failures`} (logs in ${runDir})`);
      Deno.exit(failures.length ? 1 : 0);
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Post-GC V8 heap of the inspected edge: forces a full collection, then reads the used size (KiB). */
export async function heapSampler(sys: System): Promise<{ sample(): Promise<number>; close(): void }> {
  const [target] = await (await fetch(`http://127.0.0.1:${sys.inspectPort}/json/list`)).json();
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r) => (ws.onopen = r));
  let id = 0;
  const pending = new Map<number, (v: { result?: { usedSize?: number } }) => void>();
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  };
  const send = (method: string) =>
    new Promise<{ result?: { usedSize?: number } }>((resolve) => {
      pending.set(++id, resolve);
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    async sample() {
      await send("HeapProfiler.collectGarbage");
      return Math.round(((await send("Runtime.getHeapUsage")).result?.usedSize ?? 0) / 1024);
    },
    close: () => ws.close(),
  };
}
