import { type IpRange, parseRange } from "./ip_ranges.ts";

/** Environment parsed and validated once at boot; nothing else reads `Deno.env`. */
export interface Config {
  hostname: string;
  port: number;
  /** Origin customers and technicians use, e.g. `https://help.example.com`; links in mails point here. */
  publicUrl: string;
  /**
   * Every origin the edge serves: PUBLIC_URL's first, then `EXTRA_ORIGINS` (a LAN address, the loopback
   * address a launcher uses). A request for any other host is refused; the Origin check admits only these.
   */
  origins: string[];
  /** `TRUSTED_PROXIES`: peers whose `X-Forwarded-For`, `-Host` and `-Proto` the edge believes. */
  trustedProxies: IpRange[];
  /** Dev mode: dev outbox, demo seed, relaxed cookie rules on localhost. */
  dev: boolean;
  adminToken: string;
  /** `ADMIN_EMAIL`: told (with the technician) when a technician's account is under a guessing attack. */
  adminEmail: string | null;
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
  if (!httpUrl(publicUrl)) {
    throw new ConfigError(`PUBLIC_URL must be an absolute http:// or https:// URL, got "${publicUrl}"`);
  }
  const origins = [...new Set([new URL(publicUrl).origin, ...extraOrigins(env.EXTRA_ORIGINS)])];

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

  const adminEmail = env.ADMIN_EMAIL?.trim() || null;
  if (adminEmail && !/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(adminEmail)) {
    throw new ConfigError(`ADMIN_EMAIL must be one email address, got "${adminEmail}"`);
  }

  const demoPassword = env.DEMO_PASSWORD;
  return {
    hostname,
    port,
    publicUrl,
    origins,
    trustedProxies: trustedProxies(env.TRUSTED_PROXIES),
    dev,
    adminToken,
    adminEmail,
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

/** `text` as a URL when it is an absolute http(s) URL without credentials, else null. */
function httpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return /^https?:$/.test(url.protocol) && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

/** A comma-separated list, each entry trimmed, empty entries dropped. */
const list = (text: string | undefined) => (text ?? "").split(",").map((s) => s.trim()).filter(Boolean);

/** `EXTRA_ORIGINS`: each entry a bare origin (scheme, host, optional port), as browsers send in `Origin`. */
function extraOrigins(text: string | undefined): string[] {
  return list(text).map((entry) => {
    const url = httpUrl(entry);
    if (!url || url.pathname !== "/" || url.search || url.hash || entry.endsWith("?") || entry.endsWith("#")) {
      throw new ConfigError(
        `EXTRA_ORIGINS must list origins like https://help.example.com or http://192.168.1.20:8000, got "${entry}"`,
      );
    }
    return url.origin;
  });
}

/** `TRUSTED_PROXIES`: IP addresses or CIDR ranges, IPv4 or IPv6; names are refused (no DNS at boot). */
function trustedProxies(text: string | undefined): IpRange[] {
  return list(text).map((entry) => {
    const range = parseRange(entry);
    if (!range) {
      throw new ConfigError(
        `TRUSTED_PROXIES must list IP addresses or CIDR ranges like 10.0.0.0/8 or fd00::/8, got "${entry}"`,
      );
    }
    return range;
  });
}
