/**
 * `deno task dev`: provisions tools, builds the PWA, starts livekit-server and the edge on
 * 127.0.0.1 with state in .data/, seeds a demo technician on first run, and stops everything on Ctrl-C.
 */
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { ensureLivekit, ensureNodeModules, ProvisionError, step } from "./provision.ts";
import { buildWeb } from "./build.ts";
import { dataDir, type Service, startEdge, startLivekit } from "./services.ts";

interface DevSecrets {
  adminToken: string;
  demoPassword: string;
}

/** Generated once and kept in .data/, so the admin token and demo login survive restarts. */
function devSecrets(): DevSecrets {
  const path = dataDir("dev-secrets.json");
  if (existsSync(path)) return JSON.parse(Deno.readTextFileSync(path));
  const secrets = {
    adminToken: randomBytes(24).toString("base64url"),
    demoPassword: randomBytes(9).toString("base64url"),
  };
  Deno.writeTextFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const env = Deno.env.toObject();
const services: Service[] = [];
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  step("stopping");
  for (const s of services.reverse()) await s.stop();
  Deno.exit(code);
}
Deno.addSignalListener("SIGINT", () => stopAll(0));
Deno.addSignalListener("SIGTERM", () => stopAll(0));

try {
  Deno.mkdirSync(dataDir(), { recursive: true });
  await ensureNodeModules();
  const livekitBin = await ensureLivekit();
  await buildWeb();

  const secrets = devSecrets();
  const port = Number(env.PORT ?? "8000");
  const livekitPort = Number(env.LIVEKIT_PORT ?? "7880");
  const apiKey = env.LIVEKIT_API_KEY ?? "devkey";
  const apiSecret = env.LIVEKIT_API_SECRET ?? "secret";
  const adminToken = env.ADMIN_TOKEN ?? secrets.adminToken;
  const publicUrl = env.PUBLIC_URL ?? `http://127.0.0.1:${port}`;
  const livekitUrl = env.LIVEKIT_URL ?? `ws://127.0.0.1:${livekitPort}`;

  // A LIVEKIT_URL from the environment means an external LiveKit (e.g. LiveKit Cloud): start none.
  if (!env.LIVEKIT_URL) {
    services.push(
      await startLivekit({
        bin: livekitBin,
        port: livekitPort,
        rtcTcpPort: livekitPort + 1,
        udpPort: livekitPort + 2,
        apiKey,
        apiSecret,
        webhookUrl: `http://127.0.0.1:${port}/api/livekit/webhook`,
        configPath: dataDir("livekit.yaml"),
        logPath: dataDir("livekit.log"),
      }),
    );
  }
  services.push(
    await startEdge({
      port,
      env: {
        ...env,
        SIGHTLINE_DEV: "1",
        ADMIN_TOKEN: adminToken,
        KV_PATH: dataDir("kv.sqlite3"),
        PUBLIC_URL: publicUrl,
        LIVEKIT_URL: livekitUrl,
        LIVEKIT_API_KEY: apiKey,
        LIVEKIT_API_SECRET: apiSecret,
        DEMO_EMAIL: env.DEMO_EMAIL ?? "demo@sightline.test",
        DEMO_PASSWORD: env.DEMO_PASSWORD ?? secrets.demoPassword,
      },
    }),
  );

  console.log(`
  Sightline is running (Ctrl-C stops everything).

    Technician console  ${publicUrl}/console
    Demo login          ${env.DEMO_EMAIL ?? "demo@sightline.test"} / ${env.DEMO_PASSWORD ?? secrets.demoPassword}
    Customer start page ${publicUrl}/
    Admin token         ${adminToken}
    Dev outbox          ${publicUrl}/dev/outbox
    Health              ${publicUrl}/api/health
    State               ${dataDir()}   (logs: livekit.log)
`);
  // Stay up until Ctrl-C, or stop when a child dies.
  const exited = await Promise.race(services.map((s) => s.process!.status.then(() => s.name)));
  if (!stopping) {
    console.error(
      `${exited} stopped unexpectedly${exited === "edge" ? " (output above)" : `; see ${dataDir("livekit.log")}`}`,
    );
    await stopAll(1);
  }
} catch (err) {
  console.error(err instanceof ProvisionError ? err.message : err);
  await stopAll(1);
}
