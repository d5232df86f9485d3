import { loadConfig } from "./config.ts";
import { createApp } from "./app.ts";
import { systemClock } from "./clock.ts";
import { getSettings } from "./db/settings.ts";
import { purgeExpired } from "./db/retention.ts";
import { migrate } from "./db/migrations.ts";
import { closeKv, openKv } from "./db/connection.ts";
import { createLiveKit } from "./services/livekit.ts";
import { createOutboxMailer, createResendMailer } from "./services/mailer.ts";
import { ALL_PERMISSIONS } from "@sightline/shared";
import { createGroup } from "./db/groups.ts";
import { createTechnician, hasAnyTechnician } from "./db/technicians.ts";
import { createLog } from "./log.ts";

/** One JSON object a line on standard output (`log.ts`); `.ci/services.ts` keeps it as `edge.log`. */
const log = createLog();
const config = loadConfig(Deno.env.toObject());
const kv = await openKv(config.kvPath);
for (const [name, changed] of Object.entries(await migrate(kv))) {
  log.info("migration done", { migration: name, changed });
}

if (config.demo && !(await hasAnyTechnician(kv))) {
  const group = await createGroup(kv, { name: "Demo", permissions: ALL_PERMISSIONS });
  await createTechnician(kv, { ...config.demo, name: "Demo Technician", groupId: group.id });
  log.info("demo group and technician created", { email: config.demo.email });
}

const mailer = config.resend ? createResendMailer(config.resend, log) : createOutboxMailer(kv, log);
log.info(`mail goes ${config.resend ? "through Resend" : "to the dev outbox (/dev/outbox)"}`);
const livekit = createLiveKit(config.livekit, log);
const app = createApp({ kv, config, livekit, mailer, clock: systemClock, log });

// Retention (DESIGN §6): hourly, and once at boot. Deleting is idempotent, so several instances may run it.
const PURGE_INTERVAL_MS = 60 * 60 * 1000;
async function purge() {
  try {
    const { retentionDays } = await getSettings(kv);
    const purged = await purgeExpired(kv, retentionDays, systemClock.now());
    if (purged.sessions || purged.audit) {
      log.info("retention purge done", { sessions: purged.sessions, auditEntries: purged.audit });
    }
  } catch (err) {
    log.error("retention purge failed", { error: err });
  }
}
void purge();
const purgeTimer = setInterval(purge, PURGE_INTERVAL_MS);

const server = Deno.serve({
  hostname: config.hostname,
  port: config.port,
  onListen: ({ hostname, port }) => log.info(`listening on http://${hostname}:${port}`),
}, app.fetch);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, async () => {
    clearInterval(purgeTimer);
    await server.shutdown();
    closeKv(kv);
    Deno.exit(0);
  });
}
