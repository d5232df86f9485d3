/**
 * TLS in front of a plain TCP service: every connection accepted on `hostname:port` is decrypted with
 * the certificate and piped both ways to `target` on 127.0.0.1. Bytes, not HTTP: WebSockets, SSE and
 * keep-alive pass untouched, and the service sees the browser's own request (Host, Origin, cookies) as
 * it would behind a production load balancer. No ALPN, so browsers speak HTTP/1.1, which the services
 * behind it (the edge's `Deno.serve`, livekit-server) answer in the clear.
 */
import type { Service } from "./services.ts";
import type { ServerCertificate } from "./tls.ts";

export function terminateTls(o: {
  name: string;
  hostname: string;
  port: number;
  certificate: ServerCertificate;
  /** Port on 127.0.0.1. */
  target: number;
}): Service {
  const listener = Deno.listenTls({
    hostname: o.hostname,
    port: o.port,
    cert: Deno.readTextFileSync(o.certificate.certFile),
    key: Deno.readTextFileSync(o.certificate.keyFile),
  });
  const open = new Set<Deno.Conn>();
  const close = (c: Deno.Conn) => {
    open.delete(c);
    try {
      c.close();
    } catch { /* already closed */ }
  };
  const pipe = async (from: Deno.Conn, to: Deno.Conn) => {
    try {
      await from.readable.pipeTo(to.writable, { preventClose: true });
    } catch {
      // A reset, a peer gone or a failed handshake (a browser that does not trust the certificate).
    }
    close(from);
    close(to);
  };
  (async () => {
    for await (const inbound of listener) {
      Deno.connect({ hostname: "127.0.0.1", port: o.target }).then((outbound) => {
        open.add(inbound).add(outbound);
        pipe(inbound, outbound);
        pipe(outbound, inbound);
      }, () => close(inbound));
    }
  })().catch(() => {/* listener closed */});
  return {
    name: o.name,
    stop() {
      listener.close();
      for (const c of [...open]) close(c);
      return Promise.resolve();
    },
  };
}
