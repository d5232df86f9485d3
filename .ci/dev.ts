/**
 * `deno task dev`: provisions tools, builds the PWA, starts livekit-server and the edge on
 * 127.0.0.1 with state in .data/, seeds a demo technician on first run, and stops everything on Ctrl-C.
 * LiveKit's media and TURN listen on this machine's LAN address (`lan_address.ts`), never only on
 * 127.0.0.1, so another device on the LAN can reach them.
 *
 *   --lan[=ADDRESS]   also serve everything over HTTPS on the LAN address and print the customer link of a
 *                     fresh session as a QR code, to try it on a phone (`lan.ts`; HTTPS port LAN_PORT, 8443)
 *   --no-build        use the PWA already in web/dist
 *
 * SIGHTLINE_STATE_DIR moves the state (KV, secrets, logs) out of .data/ (a test runs `dev --lan` beside
 * its own system); the local CA stays in .data/tls/ either way, so a phone trusts it once.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { ensureLivekit, ensureNodeModules, ProvisionError, step } from "./provision.ts";
import { buildWeb } from "./build.ts";
import { dataDir, type Service, startEdge, startLivekit } from "./services.ts";
import { lanAddress } from "./lan_address.ts";
import { DEFAULT_LAN_PORT, demoSessionLink, lanUrls, startLanFront } from "./lan.ts";
import { ensureLocalCa, issueServerCertificate } from "./tls.ts";
import { turnTlsPortProblem } from "./turn.ts";

interface DevSecrets {
  adminToken: string;
  demoPassword: string;
}

/** Generated once and kept in .data/, so the admin token and demo login survive restarts. */
function devSecrets(): DevSecrets {
  const path = state("dev-secrets.json");
  if (existsSync(path)) return JSON.parse(Deno.readTextFileSync(path));
  const secrets = {
    adminToken: randomBytes(24).toString("base64url"),
    demoPassword: randomBytes(9).toString("base64url"),
  };
  Deno.writeTextFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const env = Deno.env.toObject();
const stateDir = env.SIGHTLINE_STATE_DIR ?? dataDir();
const state = (...parts: string[]) => join(stateDir, ...parts);
const lanFlag = Deno.args.find((a) => a === "--lan" || a.startsWith("--lan="));
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

/**
 * The local CA and a certificate for `address`, when TLS is wanted: for `--lan` (a failure stops dev), or
 * for TURN/TLS when port 443 can be had (a failure only turns TURN/TLS off).
 */
async function certificateFor(address: string, lan: boolean, turnTlsProblem: string | null) {
  if (!lan && (turnTlsProblem || address.startsWith("127."))) return null;
  try {
    const ca = await ensureLocalCa(dataDir("tls"), [address]);
    return { caFile: ca.caFile, certificate: await issueServerCertificate(ca, state("tls"), { ips: [address] }) };
  } catch (err) {
    if (lan) throw err;
    step(`no certificate for TURN/TLS: ${err instanceof Error ? err.message : err}`);
    return null;
  }
}

/** The edge's own port on this machine, by address and by name. */
const loopbackOrigins = (port: number) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

/** The SHA-256 fingerprint of a PEM certificate, as phones show it (AB:CD:…). */
async function fingerprint(pemFile: string) {
  const base64 = Deno.readTextFileSync(pemFile).match(/-----BEGIN CERTIFICATE-----([^-]+)-----END/)![1];
  const der = Uint8Array.from(atob(base64.replace(/\s/g, "")), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  return [...digest].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

try {
  Deno.mkdirSync(stateDir, { recursive: true });
  await ensureNodeModules();
  const livekitBin = await ensureLivekit();
  if (!Deno.args.includes("--no-build")) await buildWeb();

  const secrets = devSecrets();
  const port = Number(env.PORT ?? "8000");
  const livekitPort = Number(env.LIVEKIT_PORT ?? "7880");
  const apiKey = env.LIVEKIT_API_KEY ?? "devkey";
  const apiSecret = env.LIVEKIT_API_SECRET ?? "secret";
  const adminToken = env.ADMIN_TOKEN ?? secrets.adminToken;
  const demo = { email: env.DEMO_EMAIL ?? "demo@sightline.test", password: env.DEMO_PASSWORD ?? secrets.demoPassword };
  const address = lanFlag?.startsWith("--lan=") ? lanFlag.slice("--lan=".length) : lanAddress(env);
  if (!address && lanFlag) throw new ProvisionError("No LAN address found. Fix: --lan=<this machine's LAN address>");
  if (!address) step("no LAN address found: LiveKit's media stays on 127.0.0.1, which no other device reaches");
  const mediaAddress = address ?? "127.0.0.1";
  const externalLivekit = !!env.LIVEKIT_URL;
  const turnTlsProblem = turnTlsPortProblem(mediaAddress);
  const tls = await certificateFor(mediaAddress, !!lanFlag, turnTlsProblem);
  const lan = lanFlag ? lanUrls(mediaAddress, Number(env.LAN_PORT ?? DEFAULT_LAN_PORT)) : null;
  const publicUrl = lan?.publicUrl ?? env.PUBLIC_URL ?? `http://127.0.0.1:${port}`;
  const livekitUrl = env.LIVEKIT_URL ?? lan?.livekitUrl ?? `ws://127.0.0.1:${livekitPort}`;
  const turnTls = !turnTlsProblem && tls ? tls.certificate : undefined;

  // A LIVEKIT_URL from the environment means an external LiveKit (e.g. LiveKit Cloud): start none.
  if (!externalLivekit) {
    services.push(
      await startLivekit({
        bin: livekitBin,
        port: livekitPort,
        rtcTcpPort: livekitPort + 1,
        udpPort: livekitPort + 2,
        apiKey,
        apiSecret,
        webhookUrl: `http://127.0.0.1:${port}/api/livekit/webhook`,
        configPath: state("livekit.yaml"),
        logPath: state("livekit.log"),
        mediaAddress,
        turn: { udpPort: livekitPort + 3, tls: turnTls },
      }),
    );
    if (!turnTls) step(`TURN/TLS off: ${turnTlsProblem ?? "no certificate"}`);
  }
  services.push(
    await startEdge({
      port,
      env: {
        ...env,
        SIGHTLINE_DEV: "1",
        ADMIN_TOKEN: adminToken,
        KV_PATH: state("kv.sqlite3"),
        PUBLIC_URL: publicUrl,
        // The edge answers only for its origins: loopback too, where LiveKit's webhooks, the phone test's
        // session (`demoSessionLink`) and a browser on this machine reach it beside the LAN's HTTPS front.
        EXTRA_ORIGINS: [env.EXTRA_ORIGINS, ...loopbackOrigins(port)].filter(Boolean).join(","),
        LIVEKIT_URL: livekitUrl,
        // The edge calls the local LiveKit directly, not through the LAN's TLS front.
        ...(externalLivekit ? {} : { LIVEKIT_API_URL: env.LIVEKIT_API_URL ?? `http://127.0.0.1:${livekitPort}` }),
        LIVEKIT_API_KEY: apiKey,
        LIVEKIT_API_SECRET: apiSecret,
        DEMO_EMAIL: demo.email,
        DEMO_PASSWORD: demo.password,
      },
    }),
  );
  if (lan && tls) {
    const { port: lanPort } = new URL(lan.publicUrl);
    step(`HTTPS on ${lan.publicUrl}, LiveKit on ${lan.livekitUrl}, the CA on ${lan.caUrl}`);
    services.push(...startLanFront({
      address: mediaAddress,
      port: Number(lanPort),
      certificate: tls.certificate,
      caFile: tls.caFile,
      edgePort: port,
      livekitPort: externalLivekit ? undefined : livekitPort,
    }));
  }

  console.log(`
  Sightline is running (Ctrl-C stops everything).

    Technician console  ${publicUrl}/console
    Demo login          ${demo.email} / ${demo.password}
    Customer start page ${publicUrl}/
    Admin token         ${adminToken}
    Dev outbox          ${publicUrl}/dev/outbox
    Health              ${publicUrl}/api/health
    Media (LiveKit)     ${externalLivekit ? livekitUrl : `${mediaAddress}; TURN/TLS ${turnTls ? "on port 443" : "off"}`}
    State               ${stateDir}   (logs: livekit.log)
`);
  if (lan && tls) await printPhoneTest(lan, tls.caFile, port, demo);
  // Stay up until Ctrl-C, or stop when a child dies.
  const children = services.filter((s) => s.process);
  const exited = await Promise.race(children.map((s) => s.process!.status.then(() => s.name)));
  if (!stopping) {
    console.error(
      `${exited} stopped unexpectedly${exited === "edge" ? " (output above)" : `; see ${state("livekit.log")}`}`,
    );
    await stopAll(1);
  }
} catch (err) {
  console.error(err instanceof ProvisionError ? err.message : err);
  await stopAll(1);
}

/** The phone's two steps: trust the CA (once), then open the customer link of a fresh session. */
async function printPhoneTest(
  lan: ReturnType<typeof lanUrls>,
  caFile: string,
  edgePort: number,
  demo: { email: string; password: string },
) {
  const { terminalQr } = await import("./qr.ts");
  const session = await demoSessionLink({ edgePort, publicUrl: lan.publicUrl, ...demo });
  console.log(`  Try it on your phone (README: "Try it on your own phone"); the phone must be on this LAN.

  1. Once per phone: trust the local CA. Open ${lan.caUrl} and install it
     (SHA-256 ${await fingerprint(caFile)}).

${terminalQr(lan.caUrl)}
`);
  if ("error" in session) {
    console.log(
      `  2. Open ${lan.publicUrl}/ and type the PIN of a session you create in the console (${session.error}).\n`,
    );
    return;
  }
  console.log(`  2. Scan to open the customer link of the session "Phone test" (PIN ${session.pin}); then sign in to
     the console as the demo technician, select it and press Start.

${terminalQr(session.link)}

  Customer link       ${session.link}
`);
}
