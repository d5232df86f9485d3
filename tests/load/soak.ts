/**
 * `deno task soak`: 10 minutes (SOAK_MINUTES) of mixed traffic against the real edge and
 * livekit-server — whole session lifecycles (create, look up, accept, LiveKit join, presence, Start,
 * screenshot, End), SSE connections opened and dropped, sign-ins and sign-outs, customer rejoins,
 * wrong PINs, admin listings — while the edge's resident memory (VmRSS from /proc) is sampled every
 * 5 s. Passes when nothing answers 5xx or an unexpected status and the RSS after warm-up
 * (SOAK_WARMUP_MINUTES, default 2) grows by less than 10 %, both from the last minute of warm-up to the
 * last minute of the soak (medians) and along the least-squares trend of every sample since warm-up.
 */
import * as api from "../../shared/api.ts";
import { PIN_LENGTH } from "../../shared/constants.ts";
import { processMemoryKiB } from "../../.ci/services.ts";
import { signedInTechnicians } from "../support/accounts.ts";
import { type EdgeClient, sessionCookie } from "../support/edge_client.ts";
import { joinByLink } from "../support/join.ts";
import { startSystem, type System } from "../support/system.ts";
import { heapSampler } from "./heap.ts";
import { failureLog, percentile, statusCounter } from "./report.ts";
import { customerJoined, joinLiveKit, livekitStats } from "./system.ts";

const MINUTES = Number(Deno.env.get("SOAK_MINUTES") ?? 10);
const WARMUP_MINUTES = Number(Deno.env.get("SOAK_WARMUP_MINUTES") ?? 2);
const SAMPLE_MS = 5_000;
const MAX_GROWTH = 0.10;

/** Statuses each kind of request may answer; anything else is a failure. */
const EXPECTED: Record<string, number[]> = {
  create: [201],
  lookup: [200],
  accept: [200],
  start: [200],
  screenshot: [200],
  end: [200],
  rejoin: [200],
  login: [200],
  logout: [200],
  me: [200],
  list: [200],
  health: [200],
  "wrong-pin": [404, 429],
  "admin.sessions": [200],
  "admin.audit": [200],
  webhook: [200],
  sse: [200],
};

/** The smallest PIN without a leading zero (100000): wrong PINs are spread over all of them. */
const LOWEST_PIN = 10 ** (PIN_LENGTH - 1);

const failures = failureLog("soak");
const fail = failures.fail;
const count = statusCounter();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function lifecycle(sys: System, tech: EdgeClient, n: number) {
  const created = await count.of(
    "create",
    tech.attempt(api.createSession, { body: { type: "lens", name: `Soak ${n}`, delivery: { method: "link" } } }),
  );
  if (!created.ok) return;
  const { session, link } = created.value;
  const join = joinByLink(link);
  const info = await count.of("lookup", sys.anonymous.attempt(api.lookUpPin, join.lookUp));
  if (!info.ok) return;
  const accepted = await count.of(
    "accept",
    sys.anonymous.attempt(api.acceptEula, join.accept(info.value.eula.en.version)),
  );
  if (!accepted.ok) return;
  const customer = await joinLiveKit(sys, accepted.value.livekit.token);
  const id = { params: { id: session.id } };
  try {
    await customerJoined(sys, count, session.id);
    const customerClient = sys.anonymous.as({ kind: "customer", key: accepted.value.customerKey });
    await count.of("rejoin", customerClient.attempt(api.rejoinSession));
    const start = await count.of("start", tech.attempt(api.startSession, id));
    if (start.ok) await count.of("screenshot", tech.attempt(api.recordScreenshot, id));
    await sleep(500);
  } finally {
    customer.expectEnd();
    await count.of("end", tech.attempt(api.endSession, id));
    customer.close();
  }
}

/** Opens the technician's SSE stream, reads the first event, keeps it open for a while, drops it. */
async function sse(tech: EdgeClient, holdMs: number) {
  const controller = new AbortController();
  const res = await count.of("sse", tech.request(api.sessionEvents, { signal: controller.signal }));
  const reader = res.body!.getReader();
  await reader.read();
  await sleep(holdMs);
  controller.abort();
  await reader.cancel().catch(() => {});
}

const sys = await startSystem({ kind: "soak", inspect: true });
const heap = await heapSampler(sys.inspectPort!);
const heapSamples: { t: number; kib: number }[] = [];
const rss: { t: number; kib: number; anon: number; file: number }[] = [];
const sampleRss = () => {
  const m = processMemoryKiB(sys.edgePid)!;
  return { t: (Date.now() - started) / 1000, kib: m.rss, anon: m.anon, file: m.file };
};
const started = Date.now();
const deadline = started + MINUTES * 60_000;
const running = () => Date.now() < deadline;
let cycles = 0;
let sseConnections = 0;

/** A worker loops until the deadline; an exception is a failure, and the worker carries on. */
const loop = async (name: string, pauseMs: number, body: (i: number) => Promise<void>) => {
  for (let i = 0; running(); i++) {
    await body(i).catch((err) => fail(`${name}: ${err}`));
    await sleep(pauseMs);
  }
};

try {
  const techs = await signedInTechnicians(sys.admin, 4, "soak");
  const sampler = (async () => {
    for (let n = 0; running(); n++) {
      rss.push(sampleRss());
      // Every 30 s also the V8 heap after a full GC (the collection itself is kept out of the RSS samples).
      if (n % 6 === 5) heapSamples.push({ t: (Date.now() - started) / 1000, kib: await heap.sample() });
      await sleep(SAMPLE_MS);
    }
    rss.push(sampleRss());
  })();
  console.log(`▸ soak: ${MINUTES} min of mixed traffic; edge RSS sampled every ${SAMPLE_MS / 1000} s`);
  const progress = setInterval(() => {
    const last = rss.at(-1);
    console.log(
      `  ${Math.round((Date.now() - started) / 1000)} s: ${cycles} lifecycles, ${sseConnections} SSE, RSS ${
        last ? (last.kib / 1024).toFixed(1) : "?"
      } MiB`,
    );
  }, 60_000);
  await Promise.all([
    sampler,
    ...techs.map((t) =>
      loop("lifecycle", 200, async (i) => {
        await lifecycle(sys, t.client, i);
        cycles++;
      })
    ),
    ...[0, 1, 2].map((k) =>
      loop("sse", 100, async (i) => {
        await sse(techs[(i + k) % techs.length].client, 1000 + ((i * 7919) % 4000));
        sseConnections++;
      })
    ),
    loop("login", 5_000, async (i) => {
      const { email, password } = techs[i % techs.length];
      const signIn = await count.of("login", sys.anonymous.attempt(api.login, { body: { email, password } }));
      if (!signIn.ok) throw signIn.refusal;
      const tech = sys.anonymous.as({ kind: "technician", cookie: sessionCookie(signIn.headers) });
      await count.of("me", tech.attempt(api.me));
      await count.of("logout", tech.attempt(api.logout));
    }),
    loop("reads", 250, async (i) => {
      await count.of("list", techs[i % techs.length].client.attempt(api.listSessions));
      await count.of("health", sys.anonymous.attempt(api.health));
      const pin = String(LOWEST_PIN + ((i * 104729) % (9 * LOWEST_PIN)));
      await count.of("wrong-pin", sys.anonymous.attempt(api.lookUpPin, { params: { pin } }));
      if (i % 8 === 0) {
        await count.of("admin.sessions", sys.admin.attempt(api.adminSessions, { query: { limit: 100 } }));
        await count.of("admin.audit", sys.admin.attempt(api.auditLog, { query: { limit: 100 } }));
      }
    }),
  ]);
  clearInterval(progress);
} catch (err) {
  fail(`soak aborted: ${err instanceof Error ? err.stack : err}`);
} finally {
  heap.close();
  await sys.stop();
}

for (const [k, n] of count.statuses) {
  const [label, status] = [k.slice(0, k.lastIndexOf(" ")), Number(k.slice(k.lastIndexOf(" ") + 1))];
  if (!(EXPECTED[label] ?? []).includes(status)) fail(`${n} × ${label} answered ${status}`);
}
const median = (xs: number[]) => percentile(xs, 50);
/** Least-squares line through the points, or null with fewer than two. */
function linearFit(points: number[][]): { slope: number; at(x: number): number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const slope = sxx ? points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx : 0;
  return { slope, at: (x) => my + slope * (x - mx) };
}
const warmupEnd = WARMUP_MINUTES * 60;
const atWarmup = median(rss.filter((s) => s.t >= warmupEnd - 60 && s.t <= warmupEnd).map((s) => s.kib));
const atEnd = median(rss.filter((s) => s.t >= MINUTES * 60 - 60).map((s) => s.kib));
const growth = atWarmup ? (atEnd - atWarmup) / atWarmup : NaN;
if (!(growth < MAX_GROWTH)) fail(`edge RSS grew ${(growth * 100).toFixed(1)} % after warm-up (limit 10 %)`);
// The end-to-end comparison sees two minutes; a leak also shows as a trend through every sample since
// warm-up: the least-squares line's rise over the soak, against its value when warm-up ended.
const trend = linearFit(rss.filter((s) => s.t >= warmupEnd).map((s) => [s.t, s.kib]));
const trendGrowth = trend ? (trend.slope * (MINUTES * 60 - warmupEnd)) / (trend.at(warmupEnd) || NaN) : NaN;
if (!(trendGrowth < MAX_GROWTH)) {
  fail(`edge RSS trend rose ${(trendGrowth * 100).toFixed(1)} % after warm-up (limit 10 %)`);
}
const requests = [...count.statuses.values()].reduce((a, b) => a + b, 0);
const fiveHundreds = [...count.statuses].filter(([k]) => / 5\d\d$/.test(k)).reduce((n, [, v]) => n + v, 0);
const summary = {
  minutes: MINUTES,
  warmupMinutes: WARMUP_MINUTES,
  lifecycles: cycles,
  sseConnections,
  livekit: livekitStats,
  requests,
  fiveHundreds,
  rssKiB: {
    first: rss[0]?.kib,
    atWarmup,
    atEnd,
    max: Math.max(...rss.map((s) => s.kib)),
    growthPercent: Number((growth * 100).toFixed(1)),
    trendGrowthPercent: Number((trendGrowth * 100).toFixed(1)),
    samples: rss.length,
  },
  heapAfterGcKiB: {
    atWarmup: median(heapSamples.filter((s) => s.t >= warmupEnd - 60 && s.t <= warmupEnd + 15).map((s) => s.kib)),
    atEnd: median(heapSamples.filter((s) => s.t >= MINUTES * 60 - 75).map((s) => s.kib)),
    samples: heapSamples.map((s) => s.kib),
  },
  statuses: Object.fromEntries([...count.statuses].toSorted()),
  failures: failures.count,
};
console.log(JSON.stringify(summary, null, 2));
await Deno.writeTextFile(`${sys.runDir}/summary.json`, JSON.stringify({ ...summary, rss, heapSamples }, null, 2));
failures.exit(sys.runDir);
