/** Environment parsed and validated once at boot; nothing else reads `Deno.env`. */
export interface Config {
  hostname: string;
  port: number;
  /** Origin customers and technicians use, e.g. `https://help.example.com`. */
  publicUrl: string;
  /** Dev mode: dev outbox, demo seed, relaxed cookie rules on localhost. */
  dev: boolean;
  adminToken: string;
  kvPath: string | undefined;
  webDist: string;
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string };
  demo: { email: string; password: string } | null;
  /** Resend; null means the dev outbox (dev mode only). */
  resend: { apiKey: string; from: string; baseUrl?: string } | null;
}

export class ConfigError extends Error {}

const MIN_SECRET_LENGTH = 32;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const dev = env.SIGHTLINE_DEV === "1" || env.SIGHTLINE_DEV === "true";
  const port = Number(env.PORT ?? "8000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  }
  const hostname = env.HOST ?? "127.0.0.1";
  const publicUrl = (env.PUBLIC_URL ?? `http://${hostname}:${port}`).replace(/\/$/, "");
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL, got "${publicUrl}"`);
  }

  const adminToken = env.ADMIN_TOKEN ?? "";
  if (adminToken.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `ADMIN_TOKEN must be set to a random string of at least ${MIN_SECRET_LENGTH} characters`,
    );
  }

  const livekitUrl = env.LIVEKIT_URL ?? (dev ? "ws://127.0.0.1:7880" : "");
  if (!/^wss?:\/\//.test(livekitUrl)) {
    throw new ConfigError(`LIVEKIT_URL must be a ws:// or wss:// URL, got "${livekitUrl}"`);
  }
  const apiKey = env.LIVEKIT_API_KEY ?? (dev ? "devkey" : "");
  const apiSecret = env.LIVEKIT_API_SECRET ?? (dev ? "secret" : "");
  if (!apiKey) throw new ConfigError("LIVEKIT_API_KEY must be set");
  if (!dev && (apiKey === "devkey" || apiSecret === "secret")) {
    throw new ConfigError("LIVEKIT_API_KEY/LIVEKIT_API_SECRET must not be LiveKit's dev defaults outside dev mode");
  }
  if (!dev && apiSecret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `LIVEKIT_API_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters outside dev mode`,
    );
  }

  const resend = env.RESEND_API_KEY
    ? { apiKey: env.RESEND_API_KEY, from: env.MAIL_FROM ?? "", baseUrl: env.RESEND_BASE_URL || undefined }
    : null;
  if (resend && !resend.from) throw new ConfigError("MAIL_FROM must be set when RESEND_API_KEY is set");
  if (!resend && !dev) {
    throw new ConfigError("RESEND_API_KEY and MAIL_FROM must be set outside dev mode (mail goes through Resend)");
  }

  const demoPassword = env.DEMO_PASSWORD;
  return {
    hostname,
    port,
    publicUrl,
    dev,
    adminToken,
    kvPath: env.KV_PATH || undefined,
    webDist: env.WEB_DIST ?? new URL("../web/dist", import.meta.url).pathname,
    livekit: {
      url: livekitUrl,
      apiUrl: env.LIVEKIT_API_URL ?? livekitUrl.replace(/^ws/, "http"),
      apiKey,
      apiSecret,
    },
    demo: dev && demoPassword ? { email: env.DEMO_EMAIL ?? "demo@sightline.test", password: demoPassword } : null,
    resend,
  };
}
