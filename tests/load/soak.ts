/**
 * `deno task soak`: 10 minutes (SOAK_MINUTES) of mixed traffic against the real edge and
 * livekit-server — whole session lifecycles (create, look up, accept, LiveKit join, presence, Start,
 * screenshot, End), SSE connections opened and dropped, sign-ins and sign-outs, customer rejoins,
 * wrong PINs, admin listings — while the edge's resident memory (VmRSS from /proc) is sampled every
 * 5 s. Passes when nothing answers 5xx or an unexpected status and the RSS after warm-up
 * (SOAK_WARMUP_MINUTES, default 2) grows by less than 10 %, both from the last minute of warm-up to the
 * last minute of the soak (medians) and along the least-squares trend of every sample since warm-up.
 */
import { processMemoryKiB } from "../../.ci/services.ts";
import {
  type Client,
  client,
  failureLog,
  heapSampler,
  joinLiveKit,
  livekitStats,
  login,
  participantSid,
  percentile,
  signedWebhook,
  startSystem,
  type System,
  technicians,
} from "./system.ts";

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
  "admin.group": [201],
  "admin.technician": [201],
  webhook: [200],
  sse: [200],
};

const failures = failureLog("soak");
const fail = failures.fail;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function lifecycle(sys: System, c: Client, tech: { id: string; cookie: string }, n: number) {
  const h = { cookie: tech.cookie };
  const created = await c.call("create", "POST", "/api/sessions", {
    headers: h,
    json: { type: "lens", name: `Soak ${n}`, delivery: { method: "link" } },
  });
  if (created.status !== 201) return;
  const { session, pin, link } = created.body;
  const secret = new URL(link).hash.slice("#k=".length);
  await c.call("lookup", "GET", `/api/join/${pin}`, { headers: { "x-link-secret": secret } });
  const accepted = await c.call("accept", "POST", `/api/join/${pin}/accept`, {
    json: { eulaVersion: "1", linkSecret: secret },
  });
  if (accepted.status !== 200) return;
  const customer = await joinLiveKit(sys, accepted.body.livekit.token);
  try {
    const room = `session-${session.id}`;
    const identity = `customer:${session.id}`;
    const sid = await participantSid(sys, room, identity);
    await signedWebhook(c, sys, { event: "participant_joined", room: { name: room }, participant: { identity, sid } });
    const key = { authorization: `Bearer ${accepted.body.customerKey}` };
    await c.call("rejoin", "POST", "/api/customer/rejoin", { headers: key });
    const start = await c.call("start", "POST", `/api/sessions/${session.id}/start`, { headers: h });
    if (start.status === 200) {
      await c.call("screenshot", "POST", `/api/sessions/${session.id}/screenshot`, { headers: h });
    }
    await sleep(500);
  } finally {
    customer.expectEnd();
    await c.call("end", "POST", `/api/sessions/${session.id}/end`, { headers: h });
    customer.close();
  }
}

/** Opens the technician's SSE stream, reads the first event, keeps it open for a while, drops it. */
async function sse(sys: System, c: Client, cookie: string, holdMs: number) {
  const controller = new AbortController();
  const res = await fetch(`${sys.baseUrl}/api/sessions/events`, { headers: { cookie }, signal: controller.signal });
  c.count("sse", res.status);
  const reader = res.body!.getReader();
  await reader.read();
  await sleep(holdMs);
  controller.abort();
  await reader.cancel().catch(() => {});
}

const sys = await startSystem("soak", { inspect: true });
const heap = await heapSampler(sys);
const heapSamples: { t: number; kib: number }[] = [];
const c = client(sys);
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
  const techs = await technicians(c, 4, "soak");
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
        await lifecycle(sys, c, t, i);
        cycles++;
      })
    ),
    ...[0, 1, 2].map((k) =>
      loop("sse", 100, async (i) => {
        await sse(sys, c, techs[(i + k) % techs.length].cookie, 1000 + ((i * 7919) % 4000));
        sseConnections++;
      })
    ),
    loop("login", 5_000, async (i) => {
      const cookie = await login(c, `soak${i % techs.length}@load.test`);
      await c.call("me", "GET", "/api/me", { headers: { cookie } });
      await c.call("logout", "POST", "/api/auth/logout", { headers: { cookie } });
    }),
    loop("reads", 250, async (i) => {
      const t = techs[i % techs.length];
      await c.call("list", "GET", "/api/sessions", { headers: { cookie: t.cookie } });
      await c.call("health", "GET", "/api/health");
      await c.call("wrong-pin", "GET", `/api/join/${String(100000 + ((i * 104729) % 900000))}`);
      if (i % 8 === 0) {
        await c.admin("admin.sessions", "GET", "/api/admin/sessions?limit=100");
        await c.admin("admin.audit", "GET", "/api/admin/audit?limit=100");
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

for (const [k, n] of c.statuses) {
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
const requests = [...c.statuses.values()].reduce((a, b) => a + b, 0);
const fiveHundreds = [...c.statuses].filter(([k]) => / 5\d\d$/.test(k)).reduce((n, [, v]) => n + v, 0);
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
  statuses: Object.fromEntries([...c.statuses].toSorted()),
  failures: failures.count,
};
console.log(JSON.stringify(summary, null, 2));
await Deno.writeTextFile(`${sys.runDir}/summary.json`, JSON.stringify({ ...summary, rss, heapSamples }, null, 2));
failures.exit(sys.runDir);
