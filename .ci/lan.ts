/**
 * `deno task dev --lan`: Sightline on this machine's LAN address over HTTPS, so a person can try it on
 * their own phone (which needs a secure context for the camera). The edge and livekit-server stay bound
 * to 127.0.0.1 as in plain `dev`; in front of them, with one certificate from the local CA (`tls.ts`):
 *
 *   https://<lan>:<port>      → the edge (PWA and API)            PUBLIC_URL
 *   wss://<lan>:<port + 1>    → livekit-server's signalling       LIVEKIT_URL
 *   http://<lan>:<port + 2>/  → the CA certificate, to install on the phone
 *   LiveKit's media (UDP, ICE/TCP) and TURN (UDP, TLS on 443) on <lan> directly (`mediaAddress`, `turn.ts`)
 *
 * LiveKit gets a TLS port of its own rather than a path on the app's origin: livekit-server has no TLS
 * for its signalling port (only TURN takes a certificate), so something must terminate TLS either way,
 * and a byte-level terminator (`tls_terminator.ts`) needs no HTTP or WebSocket proxying — the edge sees
 * the browser's own Host, Origin and cookies, so its secure-cookie and origin rules behave as behind a
 * production load balancer, and LIVEKIT_URL is another origin as in production, which keeps the CSP's
 * `connect-src` (built from LIVEKIT_URL) honest. A phone that trusts the CA trusts both ports.
 */
import type { Service } from "./services.ts";
import { terminateTls } from "./tls_terminator.ts";
import type { ServerCertificate } from "./tls.ts";

export const DEFAULT_LAN_PORT = 8443;

export interface LanUrls {
  publicUrl: string;
  livekitUrl: string;
  /** Plain HTTP: a phone cannot trust the HTTPS origin before it has the CA. */
  caUrl: string;
}

export function lanUrls(address: string, port: number): LanUrls {
  return {
    publicUrl: `https://${address}:${port}`,
    livekitUrl: `wss://${address}:${port + 1}`,
    caUrl: `http://${address}:${port + 2}/`,
  };
}

/** The TLS fronts of the edge and (unless LiveKit is external) livekit-server, and the CA download. */
export function startLanFront(o: {
  address: string;
  port: number;
  certificate: ServerCertificate;
  caFile: string;
  edgePort: number;
  /** livekit-server's local port; none when LIVEKIT_URL names an external LiveKit. */
  livekitPort?: number;
}): Service[] {
  const { certificate, address: hostname } = o;
  const services = [terminateTls({ name: "https-edge", hostname, port: o.port, certificate, target: o.edgePort })];
  if (o.livekitPort) {
    services.push(
      terminateTls({ name: "wss-livekit", hostname, port: o.port + 1, certificate, target: o.livekitPort }),
    );
  }
  const ca = Deno.readFileSync(o.caFile);
  const download = Deno.serve({ hostname, port: o.port + 2, onListen: () => {} }, () =>
    new Response(ca, {
      headers: {
        // iOS offers to install a profile for this type; Android saves the file for Settings › Install a certificate.
        "content-type": "application/x-x509-ca-cert",
        "content-disposition": 'attachment; filename="sightline-local-ca.crt"',
      },
    }));
  services.push({ name: "ca-download", stop: () => download.shutdown() });
  return services;
}

/**
 * A Link session of the demo technician, made through the edge's API on 127.0.0.1, so the terminal can
 * show its customer link at once; null (with the reason) when the demo login no longer works.
 */
export async function demoSessionLink(
  o: { edgePort: number; publicUrl: string; email: string; password: string },
): Promise<{ link: string; pin: string } | { error: string }> {
  // Imported late: shared/ uses npm packages, which a fresh clone has only after provisioning.
  const api = await import("../shared/api.ts");
  const base = `http://127.0.0.1:${o.edgePort}`;
  // The edge answers on 127.0.0.1 because dev lists it in EXTRA_ORIGINS; mutations carry PUBLIC_URL's
  // origin, as the phone's browser sends them.
  const headers = { "content-type": "application/json", origin: new URL(o.publicUrl).origin };
  const signIn = await fetch(`${base}${api.login.path}`, {
    method: api.login.method,
    headers,
    body: JSON.stringify({ email: o.email, password: o.password }),
  });
  await signIn.body?.cancel();
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!signIn.ok) return { error: `the demo login ${o.email} was refused (${signIn.status})` };
  const created = await fetch(`${base}${api.createSession.path}`, {
    method: api.createSession.method,
    headers: { ...headers, cookie },
    body: JSON.stringify({ type: "lens", name: "Phone test", delivery: { method: "link" } }),
  });
  if (!created.ok) return { error: `creating a session failed (${created.status}: ${await created.text()})` };
  const { link, pin } = api.createSession.response.parse(await created.json());
  return { link, pin };
}
