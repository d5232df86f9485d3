/**
 * Edge API benchmark (issue 7 §4) and state scale (§5), against the running edge:
 *
 * - session create with 50 requests in flight, until 10,000 sessions are in KV (this also seeds §5);
 * - PIN look-up with autocannon (50 connections) against a bare Hono JSON route on the same Deno;
 * - accept and Start (with its LiveKit `UpdateParticipant`) with 50 requests in flight;
 * - listing one technician's sessions with 10,000 in KV, and one status change fanned out over SSE to
 *   100 connected consoles.
 *
 * Look-ups carry the link secret (`LINK_SECRET_HEADER`), as a customer's link does: typed-PIN look-ups
 * are rate-limited per client and globally (edge/db/rate_limit.ts), which would measure the limiter.
 */
import { ROOT, step } from "../../.ci/provision.ts";
import { freePort, type Service, waitForHttp } from "../../.ci/services.ts";
import * as api from "../../shared/api.ts";
import { customerIdentity, roomName } from "../../shared/constants.ts";
import type { CreateSessionResponse } from "../../shared/schemas.ts";
import { signedInTechnicians } from "../support/accounts.ts";
import { type EdgeClient, edgeClients } from "../support/edge_client.ts";
import { joinByLink } from "../support/join.ts";
import { pool } from "../support/pool.ts";
import { type SystemAddress, systemFromEnv } from "../support/system_env.ts";
import { rssMb } from "./memory.ts";
import { percentile, round1, summary } from "./stats.ts";
import { livekitWebhookAuth } from "../../edge/testing/livekit.ts";

const CONCURRENCY = 50;
const TOTAL_SESSIONS = 10_000;
const ACCEPTS = 1_000;
const START_ROUNDS = 4;
const AUTOCANNON_SECONDS = 10;
const SSE_CONSOLES = 100;

export interface Throughput {
  rps: number | null;
  p50: number | null;
  p99: number | null;
  errors: number;
}

export interface EdgeApiResults {
  pinLookup: Throughput;
  bareHono: Throughput;
  sessionCreate: Throughput;
  accept: Throughput;
  start: Throughput;
  sessionsInKv: number;
  listSessionsMs: { sessions: number; p50: number | null; p95: number | null };
  sseFanout100Ms: number | null;
  /** The edge's resident memory after each phase, to see what drives the peak. */
  rssByPhase: Record<string, { rss: number; peak: number } | null>;
}

/** Runs `fn` `count` times with `CONCURRENCY` in flight, timing each call. */
async function timed<T>(count: number, fn: (i: number) => Promise<T>): Promise<{ results: T[]; stats: Throughput }> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const results = await pool(Array.from({ length: count }, (_, i) => i), CONCURRENCY, async (i) => {
    const t0 = performance.now();
    try {
      return await fn(i);
    } catch (err) {
      if (errors++ < 3) console.error(`  ${err}`);
      return undefined as T;
    } finally {
      latencies.push(performance.now() - t0);
    }
  });
  return { results, stats: throughput(latencies, performance.now() - started, errors) };
}

function throughput(latencies: number[], elapsedMs: number, errors: number): Throughput {
  return {
    rps: round1(((latencies.length - errors) / elapsedMs) * 1000),
    p50: round1(percentile(latencies, 50)),
    p99: round1(percentile(latencies, 99)),
    errors,
  };
}

/** autocannon (Node) against `url`, 50 connections for AUTOCANNON_SECONDS after a short warm-up. */
async function autocannon(url: string, headers: Record<string, string> = {}): Promise<Throughput> {
  const args = [
    "node_modules/autocannon/autocannon.js",
    "--json",
    "-c",
    String(CONCURRENCY),
    "-d",
    String(AUTOCANNON_SECONDS),
    ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}=${v}`]),
    url,
  ];
  const warm = await new Deno.Command("node", { args: [...args.slice(0, 4), "-d", "2", ...args.slice(6)], cwd: ROOT })
    .output();
  if (warm.code !== 0) throw new Error(`autocannon failed: ${new TextDecoder().decode(warm.stderr)}`);
  const out = await new Deno.Command("node", { args, cwd: ROOT, stderr: "piped" }).output();
  if (out.code !== 0) throw new Error(`autocannon failed: ${new TextDecoder().decode(out.stderr)}`);
  const r = JSON.parse(new TextDecoder().decode(out.stdout));
  return {
    rps: round1(r.requests.average),
    p50: round1(r.latency.p50),
    p99: round1(r.latency.p99),
    errors: r.errors + r.timeouts + (r.non2xx ?? 0),
  };
}

async function startBareHono(): Promise<Service & { url: string }> {
  const port = freePort();
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-env", "tests/bench/bare_hono.ts"],
    cwd: ROOT,
    env: { PORT: String(port) },
    stdout: "null",
    stderr: "inherit",
    stdin: "null",
  }).spawn();
  const url = `http://127.0.0.1:${port}/json`;
  await waitForHttp(url, "bare Hono", process);
  return {
    name: "bare-hono",
    url,
    async stop() {
      process.kill("SIGTERM");
      await process.status;
    },
  };
}

/**
 * A customer in the LiveKit room without media: the signalling WebSocket alone makes LiveKit hold the
 * participant, which is all the Start grant (`UpdateParticipant`) needs. LiveKit sends
 * `participant_joined` only once media connects, so the bench delivers that webhook itself, signed
 * with the same API key as LiveKit's own.
 */
async function joinSignallingOnly(
  sys: SystemAddress,
  edge: EdgeClient,
  token: string,
  sessionId: string,
): Promise<WebSocket> {
  const ws = new WebSocket(`${sys.livekit.url}/rtc?access_token=${token}&auto_subscribe=1&sdk=js&protocol=16`);
  await new Promise<void>((resolve, reject) => {
    ws.onmessage = () => resolve(); // the join response: the participant is in the room
    ws.onerror = () => reject(new Error("LiveKit signalling connection failed"));
  });
  const body = JSON.stringify({
    id: crypto.randomUUID(),
    event: "participant_joined",
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: roomName(sessionId) },
    participant: { identity: customerIdentity(sessionId), sid: `PA_bench${crypto.randomUUID().slice(0, 8)}` },
  });
  const res = await edge.raw(api.livekitWebhook.method, api.livekitWebhook.path, {
    body,
    origin: null,
    headers: {
      authorization: await livekitWebhookAuth(sys.livekit.apiKey, sys.livekit.apiSecret, body),
      "content-type": "application/webhook+json",
    },
  });
  if (!res.ok) throw new Error(`webhook: ${res.status} ${await res.text()}`);
  await res.body?.cancel();
  return ws;
}

/** A created session and the technician (their client) who created it. */
interface CreatedSession extends CreateSessionResponse {
  tech: EdgeClient;
}

interface AcceptedSession extends CreatedSession {
  token: string;
}

const createLink = (tech: EdgeClient, name: string) =>
  tech.call(api.createSession, { body: { type: "lens", name, delivery: { method: "link" } } });

export async function benchEdgeApi(sys: SystemAddress): Promise<EdgeApiResults> {
  const { anonymous, admin } = edgeClients(sys);
  step(`edge API: ${CONCURRENCY} technicians`);
  const techs = (await signedInTechnicians(admin, CONCURRENCY, "bench-api")).map((t) => t.client);

  step(`edge API: session create, ${TOTAL_SESSIONS} sessions, ${CONCURRENCY} in flight`);
  const create = await timed(TOTAL_SESSIONS, (i) => createLink(techs[i % CONCURRENCY], `Customer ${i}`));
  const rssByPhase: EdgeApiResults["rssByPhase"] = { afterCreate: rssMb(sys.edgePid) };
  const created: CreatedSession[] = create.results.flatMap((s, i) => s ? [{ ...s, tech: techs[i % CONCURRENCY] }] : []);

  // A session no one accepts, for the look-ups.
  const probe = joinByLink(created[created.length - 1].link);
  const info = await anonymous.call(api.lookUpPin, probe.lookUp);
  const eulaVersion = info.eula.en.version;

  step(`edge API: PIN look-up (autocannon, ${CONCURRENCY} connections, ${AUTOCANNON_SECONDS} s)`);
  const pinLookup = await autocannon(
    `${sys.baseUrl}${api.pathOf(api.lookUpPin, { pin: probe.pin })}`,
    probe.lookUp.headers,
  );
  rssByPhase.afterPinLookup = rssMb(sys.edgePid);
  step("edge API: bare Hono JSON route on the same Deno (autocannon, same load)");
  const bare = await startBareHono();
  const bareHono = await autocannon(bare.url).finally(() => bare.stop());

  step(`edge API: accept, ${ACCEPTS} sessions, ${CONCURRENCY} in flight`);
  const toAccept = created.slice(0, ACCEPTS); // round-robin over technicians: 20 each
  const accept = await timed(toAccept.length, async (i): Promise<AcceptedSession> => {
    const s = toAccept[i];
    const accepted = await anonymous.call(api.acceptEula, joinByLink(s.link).accept(eulaVersion));
    return { ...s, token: accepted.livekit.token };
  });

  rssByPhase.afterAccept = rssMb(sys.edgePid);
  step(`edge API: Start with the LiveKit grant, ${START_ROUNDS} rounds of ${CONCURRENCY} at once`);
  const startLatencies: number[] = [];
  let startErrors = 0;
  let startElapsed = 0;
  for (let round = 0; round < START_ROUNDS; round++) {
    // One session per technician per round: a technician has a single active slot.
    const batch = accept.results.slice(round * CONCURRENCY, (round + 1) * CONCURRENCY).filter((s) => s);
    const sockets = await pool(batch, 10, (s) => joinSignallingOnly(sys, anonymous, s.token, s.session.id));
    const t0 = performance.now();
    await Promise.all(batch.map(async (s) => {
      const t = performance.now();
      try {
        await s.tech.call(api.startSession, { params: { id: s.session.id } });
      } catch (err) {
        if (startErrors++ < 3) console.error(`  ${err}`);
      }
      startLatencies.push(performance.now() - t);
    }));
    startElapsed += performance.now() - t0;
    await Promise.all(
      batch.map((s) => s.tech.call(api.endSession, { params: { id: s.session.id } }).catch(() => {})),
    );
    sockets.forEach((ws) => ws.close());
  }

  rssByPhase.afterStart = rssMb(sys.edgePid);
  const state = await benchState(techs[0], created.length);
  rssByPhase.afterState = rssMb(sys.edgePid);
  return {
    pinLookup,
    bareHono,
    sessionCreate: create.stats,
    accept: accept.stats,
    start: throughput(startLatencies, startElapsed, startErrors),
    ...state,
    rssByPhase,
  };
}

/** §5: list one technician's sessions with 10,000 in KV; one change fanned out to 100 SSE consoles. */
async function benchState(tech: EdgeClient, inKv: number) {
  const own = (await tech.call(api.listSessions)).sessions.length;
  step(`state: list a technician's ${own} sessions (${inKv} in KV), 30 times`);
  const list: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await tech.call(api.listSessions);
    list.push(performance.now() - t0);
  }

  step(`state: one status change fanned out over SSE to ${SSE_CONSOLES} consoles`);
  const fanout: number[] = [];
  for (let trial = 0; trial < 3; trial++) fanout.push(await sseFanout(tech));
  return {
    sessionsInKv: inKv,
    listSessionsMs: { sessions: own, ...summary(list) } as EdgeApiResults["listSessionsMs"],
    sseFanout100Ms: round1(percentile(fanout, 50)),
  };
}

/**
 * Opens SSE_CONSOLES session-list streams of `tech`, waits for each one's initial list, creates one
 * session (a status change of the list), and returns the time until the last stream has it.
 */
async function sseFanout(tech: EdgeClient): Promise<number> {
  const controllers: AbortController[] = [];
  let changeAt = 0;
  const arrivals: number[] = [];
  const name = `Fan-out ${crypto.randomUUID().slice(0, 8)}`;
  let initial = 0;
  let allInitial = () => {};
  const initialDone = new Promise<void>((r) => (allInitial = r));
  let allArrived = () => {};
  const arrived = new Promise<void>((r) => (allArrived = r));

  const consume = async (signal: AbortSignal) => {
    const res = await tech.request(api.sessionEvents, { signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let first = true;
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!event.includes("event: sessions")) continue;
        if (first) {
          first = false;
          if (++initial === SSE_CONSOLES) allInitial();
        } else if (changeAt && event.includes(name)) {
          arrivals.push(performance.now() - changeAt);
          if (arrivals.length === SSE_CONSOLES) allArrived();
          return;
        }
      }
    }
  };
  const streams = Array.from({ length: SSE_CONSOLES }, () => {
    const c = new AbortController();
    controllers.push(c);
    return consume(c.signal).catch(() => {});
  });
  try {
    await withTimeout(initialDone, 60_000, "SSE consoles did not all get their first list");
    changeAt = performance.now();
    await createLink(tech, name);
    await withTimeout(arrived, 60_000, "the change did not reach every SSE console");
    return Math.max(...arrivals);
  } finally {
    controllers.forEach((c) => c.abort());
    await Promise.all(streams);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Run by tests/bench/run.ts in its own process, against the system its environment describes
 * (`systemEnv()`); results to the path given.
 */
if (import.meta.main) {
  const sys = systemFromEnv(Deno.env.toObject());
  Deno.writeTextFileSync(Deno.args[0], JSON.stringify(await benchEdgeApi(sys), null, 2));
}
