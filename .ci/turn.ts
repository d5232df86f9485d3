/**
 * LiveKit's embedded TURN server, for networks that block UDP (office Wi-Fi, some mobile carriers): the
 * `turn:` section of livekit-server's configuration (v1.13.5: `TURNConfig` in pkg/config/config.go,
 * `NewTurnServer` in pkg/service/turn.go, the ICE servers it hands out in `iceServersForParticipant`,
 * pkg/service/roommanager.go).
 *
 * What that code does and this config follows from:
 * - TURN/UDP is announced as `turn:<node_ip>:<udp_port>`, so it listens on the media address.
 * - TURN/TLS is announced as `turns:<domain>:443` whatever `tls_port` is: LiveKit expects either its
 *   own TLS listener on 443, or a load balancer on 443 passing TLS through (or terminating it, with
 *   `external_tls`) to `tls_port`. Here it listens on 443 of the media address itself (root, or a
 *   lowered `net.ipv4.ip_unprivileged_port_start`), and `domain` is that address, which the
 *   certificate names (an IP SAN).
 * - The relay talks to LiveKit's own media port, a private address, which TURN refuses unless
 *   `allow_restricted_peer_cidrs` admits it.
 */
import type { ServerCertificate } from "./tls.ts";

/** The port LiveKit announces for TURN/TLS (fixed in livekit-server). */
export const TURN_TLS_PORT = 443;

export interface TurnOptions {
  /** TURN over UDP, also LiveKit's STUN, on the media address. */
  udpPort: number;
  /** TURN over TLS on port 443 of the media address, with a certificate for that address. */
  tls?: ServerCertificate;
}

/** LiveKit's `turn:` section for TURN on `mediaAddress` (see `LivekitOptions.mediaAddress`). */
export function turnConfig(o: TurnOptions, mediaAddress: string) {
  // A random window of 100 relay ports (one per allocation): in development mode LiveKit's default is
  // 30000–30002 on every address, which test runs side by side would share.
  const relayStart = 40_000 + 100 * Math.floor(Math.random() * 100);
  return {
    enabled: true,
    udp_port: o.udpPort,
    bind_addresses: [mediaAddress],
    relay_range_start: relayStart,
    relay_range_end: relayStart + 99,
    allow_restricted_peer_cidrs: [`${mediaAddress}/32`],
    ...(o.tls
      ? { tls_port: TURN_TLS_PORT, domain: mediaAddress, cert_file: o.tls.certFile, key_file: o.tls.keyFile }
      : {}),
  };
}

/** Why livekit-server cannot listen for TURN/TLS on `address`:443 now, or null when it can. */
export function turnTlsPortProblem(address: string): string | null {
  try {
    Deno.listen({ hostname: address, port: TURN_TLS_PORT }).close();
    return null;
  } catch (err) {
    if (err instanceof Deno.errors.PermissionDenied) {
      return `port ${TURN_TLS_PORT} needs root, or: sudo sysctl net.ipv4.ip_unprivileged_port_start=443`;
    }
    if (err instanceof Deno.errors.AddrInUse) return `${address}:${TURN_TLS_PORT} is in use`;
    return `cannot listen on ${address}:${TURN_TLS_PORT}: ${err instanceof Error ? err.message : err}`;
  }
}
