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
import {
  type Client,
  client,
  failureLog,
  joinLiveKit,
  livekitStats,
  participantSid,
  percentile,
  signedWebhook,
  startSystem,
  type System,
  technicians,
} from "./system.ts";

const SESSIONS = Number(Deno.env.get("LOAD_SESSIONS") ?? 200);
const TECHNICIANS = Number(Deno.env.get("LOAD_TECHNICIANS") ?? 20);

const failures = failureLog("load");
const fail = failures.fail;
const latency: Record<string, number[]> = {};
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    (latency[label] ??= []).push(performance.now() - t0);
  }
}

interface Live {
  id: string;
  pin: string;
  secret: string;
  tech: { id: string; cookie: string };
  customer: { close(): void; expectEnd(): void };
}

async function prepare(sys: System, c: Client, tech: { id: string; cookie: string }, i: number): Promise<Live | null> {
  const created = await timed("create", () =>
    c.call("create", "POST", "/api/sessions", {
      headers: { cookie: tech.cookie },
      json: { type: "lens", name: `Customer ${i}`, delivery: { method: "link" } },
    }));
  if (created.status !== 201) return fail(`create ${i}: ${created.status}`), null;
  const { session, pin, link } = created.body;
  const secret = new URL(link).hash.slice("#k=".length);
  const info = await timed(
    "lookup",
    () => c.call("lookup", "GET", `/api/join/${pin}`, { headers: { "x-link-secret": secret } }),
  );
  if (info.status !== 200) return fail(`lookup ${i}: ${info.status}`), null;
  // Two customers with the same link accept at once: exactly one wins the PIN.
  const accepts = await timed(
    "accept",
    () =>
      Promise.all(
        [0, 1].map(() =>
          c.call("accept", "POST", `/api/join/${pin}/accept`, { json: { eulaVersion: "1", linkSecret: secret } })
        ),
      ),
  );
  const won = accepts.filter((a) => a.status === 200);
  if (won.length !== 1 || accepts.some((a) => a.status !== 200 && a.status !== 404)) {
    return fail(`accept race ${i}: ${accepts.map((a) => a.status)}`), null;
  }
  const { livekit } = won[0].body;
  const customer = await timed("livekit-join", () => joinLiveKit(sys, livekit.token));
  const room = `session-${session.id}`;
  const sid = await participantSid(sys, room, `customer:${session.id}`);
  const hook = await timed("webhook", () =>
    signedWebhook(c, sys, {
      event: "participant_joined",
      room: { name: room },
      participant: { identity: `customer:${session.id}`, sid },
    }));
  if (hook !== 200) return fail(`webhook ${i}: ${hook}`), null;
  return { id: session.id, pin, secret, tech, customer };
}

/** One technician works through their sessions: each round fires Start on all that remain at once. */
async function work(
  sys: System,
  c: Client,
  tech: { id: string; cookie: string },
  sessions: Live[],
  stats: { rounds: number },
) {
  const remaining = [...sessions];
  while (remaining.length) {
    stats.rounds++;
    const starts = await Promise.all(
      remaining.map((s) =>
        timed(
          "start",
          () => c.call("start", "POST", `/api/sessions/${s.id}/start`, { headers: { cookie: tech.cookie } }),
        )
      ),
    );
    const winners = starts.flatMap((r, i) => r.status === 200 ? [i] : []);
    for (const r of starts) {
      if (r.status !== 200 && !(r.status === 409 && r.body?.error?.code === "active_session_exists")) {
        fail(`start: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }
    if (winners.length !== 1) {
      fail(`technician ${tech.id}: ${winners.length} winners among ${remaining.length} concurrent Starts`);
      if (!winners.length) return;
    }
    for (const w of winners.toReversed()) {
      const s = remaining[w];
      const technicianRoom = await joinLiveKit(sys, starts[w].body.livekit.token).catch((err) => {
        fail(`technician token refused by LiveKit: ${err}`);
        return null;
      });
      // End closes the room: LiveKit then closes both connections, which is no drop to reconnect from.
      technicianRoom?.expectEnd();
      s.customer.expectEnd();
      const end = await timed(
        "end",
        () => c.call("end", "POST", `/api/sessions/${s.id}/end`, { headers: { cookie: tech.cookie } }),
      );
      if (end.status !== 200) fail(`end ${s.id}: ${end.status}`);
      technicianRoom?.close();
      s.customer.close();
      remaining.splice(w, 1);
    }
  }
}

const sys = await startSystem("load");
const c = client(sys);
const started = performance.now();
let maxActivePerTechnician = 0;
let samples = 0;
try {
  console.log(`▸ ${TECHNICIANS} technicians`);
  const techs = await technicians(c, TECHNICIANS);

  console.log(`▸ ${SESSIONS} sessions: create, look up, accept (twice, racing), join LiveKit, presence`);
  const t0 = performance.now();
  const prepared = (await Promise.all(
    Array.from({ length: SESSIONS }, (_, i) =>
      prepare(sys, c, techs[i % TECHNICIANS], i).catch((err) => {
        fail(`prepare ${i}: ${err}`);
        return null;
      })),
  )).filter((s): s is Live => s !== null);
  const prepareSeconds = (performance.now() - t0) / 1000;

  let monitoring = true;
  const monitor = (async () => {
    while (monitoring) {
      const res = await c.admin("admin.sessions", "GET", "/api/admin/sessions?status=active&limit=1000");
      const perTech = new Map<string, number>();
      for (const s of res.body.sessions) perTech.set(s.technicianId, (perTech.get(s.technicianId) ?? 0) + 1);
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
  await Promise.all(techs.map((t) => work(sys, c, t, prepared.filter((s) => s.tech.id === t.id), stats)));
  const runSeconds = (performance.now() - t1) / 1000;
  monitoring = false;
  await monitor;

  console.log("▸ invariants");
  // Every PIN is used up.
  const reaccept = await Promise.all(
    prepared.map((s) =>
      c.call("reaccept", "POST", `/api/join/${s.pin}/accept`, { json: { eulaVersion: "1", linkSecret: s.secret } })
    ),
  );
  // 404 (used) or, once this client has spent its typed-PIN budget, 429: refused either way.
  const reusable = reaccept.filter((r) => r.status !== 404 && r.status !== 429).length;
  if (reusable) fail(`${reusable} PINs accepted a second time`);

  // Every session ended by its technician, and its audit trail is complete.
  const all = await c.admin("admin.sessions", "GET", "/api/admin/sessions?limit=1000");
  const byId = new Map(all.body.sessions.map((s: { id: string }) => [s.id, s]));
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
    const view = byId.get(s.id) as { status: string; endedBy: string } | undefined;
    if (view?.status !== "ended" || view.endedBy !== "technician") fail(`session ${s.id}: ${JSON.stringify(view)}`);
    const audit = await c.admin("admin.audit", "GET", `/api/admin/audit?sessionId=${s.id}&limit=1000`);
    const actions: string[] = audit.body.entries.map((e: { action: string }) => e.action);
    auditEntries += actions.length;
    for (const a of need) if (!actions.includes(a)) fail(`session ${s.id}: no ${a} in the audit log`);
    for (const a of ["session.created", "session.eula_accepted", "session.started", "session.ended"]) {
      if (actions.filter((x) => x === a).length !== 1) fail(`session ${s.id}: ${a} not exactly once`);
    }
  }
  const rooms = (await sys.rooms.listRooms()).filter((r) => r.name.startsWith("session-") && r.numParticipants > 0);
  if (rooms.length) fail(`${rooms.length} rooms still have participants`);

  const fiveHundreds = [...c.statuses].filter(([k]) => / 5\d\d$/.test(k)).reduce((n, [, v]) => n + v, 0);
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
    requests: Object.fromEntries([...c.statuses].toSorted()),
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
