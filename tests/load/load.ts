/**
 * `deno task load`: 200 sessions (LOAD_SESSIONS) of 20 technicians (LOAD_TECHNICIANS) created, looked
 * up, accepted, joined to a real livekit-server, started and ended concurrently through the edge's
 * HTTP API, then the invariants:
 * - at most one active session per technician at any moment (sampled from the admin API while it runs,
 *   and every round of concurrent Starts by one technician has exactly one winner);
 * - every PIN is single use (two concurrent accepts: one 200, one 404; a later accept: 404, or 429 once
 *   the client has spent its budget of failed PIN attempts);
 * - the audit log is complete (created, looked up, accepted, joined, started, ended for every session);
 * - every room was closed in LiveKit; no 5xx and no unexpected status anywhere.
 * See system.ts for how customers join LiveKit.
 */
import * as api from "../../shared/api.ts";
import { ERROR_CODES } from "../../shared/constants.ts";
import { signedInTechnicians } from "../support/accounts.ts";
import { type EdgeClient, valueOf } from "../support/edge_client.ts";
import { joinByLink, type LinkJoin } from "../support/join.ts";
import { startSystem, type System } from "../support/system.ts";
import { failureLog, percentile, statusCounter } from "./report.ts";
import { customerJoined, joinLiveKit, livekitStats } from "./system.ts";

const SESSIONS = Number(Deno.env.get("LOAD_SESSIONS") ?? 200);
const TECHNICIANS = Number(Deno.env.get("LOAD_TECHNICIANS") ?? 20);

const failures = failureLog("load");
const fail = failures.fail;
const count = statusCounter();
const latency: Record<string, number[]> = {};
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    (latency[label] ??= []).push(performance.now() - t0);
  }
}

interface Tech {
  id: string;
  client: EdgeClient;
}

interface Live {
  id: string;
  join: LinkJoin;
  eulaVersion: string;
  tech: Tech;
  customer: { close(): void; expectEnd(): void };
}

async function prepare(sys: System, tech: Tech, i: number): Promise<Live | null> {
  const created = await timed("create", () =>
    count.of(
      "create",
      tech.client.attempt(api.createSession, {
        body: { type: "lens", name: `Customer ${i}`, delivery: { method: "link" } },
      }),
    ));
  if (!created.ok) return fail(`create ${i}: ${created.status}`), null;
  const { session, link } = created.value;
  const join = joinByLink(link);
  const info = await timed("lookup", () => count.of("lookup", sys.anonymous.attempt(api.lookUpPin, join.lookUp)));
  if (!info.ok) return fail(`lookup ${i}: ${info.status}`), null;
  const eulaVersion = info.value.eula.en.version;
  // Two customers with the same link accept at once: exactly one wins the PIN.
  const accepts = await timed(
    "accept",
    () =>
      Promise.all(
        [0, 1].map(() => count.of("accept", sys.anonymous.attempt(api.acceptEula, join.accept(eulaVersion)))),
      ),
  );
  const won = accepts.flatMap((a) => a.ok ? [a.value] : []);
  if (won.length !== 1 || accepts.some((a) => a.status !== 200 && a.status !== 404)) {
    return fail(`accept race ${i}: ${accepts.map((a) => a.status)}`), null;
  }
  const { livekit } = won[0];
  const customer = await timed("livekit-join", () => joinLiveKit(sys, livekit.token));
  const hook = await timed("webhook", () => customerJoined(sys, count, session.id));
  if (hook !== 200) return fail(`webhook ${i}: ${hook}`), null;
  return { id: session.id, join, eulaVersion, tech, customer };
}

/** One technician works through their sessions: each round fires Start on all that remain at once. */
async function work(sys: System, tech: Tech, sessions: Live[], stats: { rounds: number }) {
  const remaining = [...sessions];
  while (remaining.length) {
    stats.rounds++;
    const starts = await Promise.all(
      remaining.map((s) =>
        timed(
          "start",
          () => count.of("start", tech.client.attempt(api.startSession, { params: { id: s.id } })),
        )
      ),
    );
    const winners = starts.flatMap((r, i) => r.ok ? [{ i, token: r.value.livekit.token }] : []);
    for (const r of starts) {
      if (!r.ok && !(r.status === 409 && r.refusal.code === ERROR_CODES.activeSessionExists)) {
        fail(`start: ${r.refusal.message}`);
      }
    }
    if (winners.length !== 1) {
      fail(`technician ${tech.id}: ${winners.length} winners among ${remaining.length} concurrent Starts`);
      if (!winners.length) return;
    }
    for (const w of winners.toReversed()) {
      const s = remaining[w.i];
      const technicianRoom = await joinLiveKit(sys, w.token).catch((err) => {
        fail(`technician token refused by LiveKit: ${err}`);
        return null;
      });
      // End closes the room: LiveKit then closes both connections, which is no drop to reconnect from.
      technicianRoom?.expectEnd();
      s.customer.expectEnd();
      const end = await timed(
        "end",
        () => count.of("end", tech.client.attempt(api.endSession, { params: { id: s.id } })),
      );
      if (!end.ok) fail(`end ${s.id}: ${end.status}`);
      technicianRoom?.close();
      s.customer.close();
      remaining.splice(w.i, 1);
    }
  }
}

const sys = await startSystem({ kind: "load" });
const started = performance.now();
let maxActivePerTechnician = 0;
let samples = 0;
try {
  console.log(`▸ ${TECHNICIANS} technicians`);
  const techs = await signedInTechnicians(sys.admin, TECHNICIANS, "load");

  console.log(`▸ ${SESSIONS} sessions: create, look up, accept (twice, racing), join LiveKit, presence`);
  const t0 = performance.now();
  const prepared = (await Promise.all(
    Array.from({ length: SESSIONS }, (_, i) =>
      prepare(sys, techs[i % TECHNICIANS], i).catch((err) => {
        fail(`prepare ${i}: ${err}`);
        return null;
      })),
  )).filter((s): s is Live => s !== null);
  const prepareSeconds = (performance.now() - t0) / 1000;

  let monitoring = true;
  const monitor = (async () => {
    while (monitoring) {
      const res = await count.of(
        "admin.sessions",
        sys.admin.attempt(api.adminSessions, { query: { status: "active", limit: 1000 } }),
      );
      const perTech = new Map<string, number>();
      for (const s of valueOf(res).sessions) perTech.set(s.technicianId, (perTech.get(s.technicianId) ?? 0) + 1);
      const max = Math.max(0, ...perTech.values());
      maxActivePerTechnician = Math.max(maxActivePerTechnician, max);
      if (max > 1) fail(`a technician had ${max} active sessions at once`);
      samples++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  console.log(`▸ start and end: every technician fires Start on all their waiting sessions at once, ends the winner`);
  const t1 = performance.now();
  const stats = { rounds: 0 };
  await Promise.all(techs.map((t) => work(sys, t, prepared.filter((s) => s.tech.id === t.id), stats)));
  const runSeconds = (performance.now() - t1) / 1000;
  monitoring = false;
  await monitor;

  console.log("▸ invariants");
  // Every PIN is used up.
  const reaccept = await Promise.all(
    prepared.map((s) => count.of("reaccept", sys.anonymous.attempt(api.acceptEula, s.join.accept(s.eulaVersion)))),
  );
  // 404 (used) or, once this client has spent its typed-PIN budget, 429: refused either way.
  const reusable = reaccept.filter((r) => r.status !== 404 && r.status !== 429).length;
  if (reusable) fail(`${reusable} PINs accepted a second time`);

  // Every session ended by its technician, and its audit trail is complete.
  const all = valueOf(
    await count.of("admin.sessions", sys.admin.attempt(api.adminSessions, { query: { limit: 1000 } })),
  );
  const byId = new Map(all.sessions.map((s) => [s.id, s]));
  const need = [
    "session.created",
    "pin.looked_up",
    "session.eula_accepted",
    "customer.joined",
    "session.started",
    "session.ended",
  ];
  let auditEntries = 0;
  for (const s of prepared) {
    const view = byId.get(s.id);
    if (view?.status !== "ended" || view.endedBy !== "technician") fail(`session ${s.id}: ${JSON.stringify(view)}`);
    const audit = await count.of(
      "admin.audit",
      sys.admin.attempt(api.auditLog, { query: { sessionId: s.id, limit: 1000 } }),
    );
    const actions = valueOf(audit).entries.map((e) => e.action);
    auditEntries += actions.length;
    for (const a of need) if (!actions.includes(a)) fail(`session ${s.id}: no ${a} in the audit log`);
    for (const a of ["session.created", "session.eula_accepted", "session.started", "session.ended"]) {
      if (actions.filter((x) => x === a).length !== 1) fail(`session ${s.id}: ${a} not exactly once`);
    }
  }
  const rooms = (await sys.rooms.listRooms()).filter((r) => r.name.startsWith("session-") && r.numParticipants > 0);
  if (rooms.length) fail(`${rooms.length} rooms still have participants`);

  const fiveHundreds = [...count.statuses].filter(([k]) => / 5\d\d$/.test(k)).reduce((n, [, v]) => n + v, 0);
  if (fiveHundreds) fail(`${fiveHundreds} responses with a 5xx status`);
  const summary = {
    sessions: SESSIONS,
    prepared: prepared.length,
    technicians: TECHNICIANS,
    prepareSeconds: Number(prepareSeconds.toFixed(1)),
    startEndSeconds: Number(runSeconds.toFixed(1)),
    totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    startRounds: stats.rounds,
    maxActivePerTechnician,
    activeSamples: samples,
    pinsReusable: reusable,
    auditEntries,
    livekit: livekitStats,
    fiveHundreds,
    requests: Object.fromEntries([...count.statuses].toSorted()),
    latencyMs: Object.fromEntries(
      Object.entries(latency).map((
        [k, v],
      ) => [k, {
        n: v.length,
        p50: Math.round(percentile(v, 50)),
        p95: Math.round(percentile(v, 95)),
        max: Math.round(Math.max(...v)),
      }]),
    ),
    failures: failures.count,
  };
  console.log(JSON.stringify(summary, null, 2));
  await Deno.writeTextFile(`${sys.runDir}/summary.json`, JSON.stringify(summary, null, 2));
} catch (err) {
  fail(`load run aborted: ${err instanceof Error ? err.stack : err}`);
} finally {
  await sys.stop();
}
failures.exit(sys.runDir);
