/**
 * A plain TCP forwarder: every connection accepted on `listen` is piped both ways to `target`, on the
 * same port. The customer's network (`customer_network.ts`) runs one inside its namespace and one on the
 * host, so a browser in the namespace reaches the edge and livekit-server at the addresses it knows
 * (127.0.0.1) while every byte crosses the cable the test can unplug.
 *
 *   deno run --allow-net tests/support/forward.ts <listenHost> <targetHost> <port> [<port> ...]
 */

/** Forwards each port from `listenHost` to `targetHost`; `close()` stops listening and drops every connection. */
export function forward(listenHost: string, targetHost: string, ports: number[]) {
  const listeners = ports.map((port) => Deno.listen({ hostname: listenHost, port }));
  const open = new Set<Deno.Conn>();
  const pipe = async (from: Deno.Conn, to: Deno.Conn) => {
    try {
      await from.readable.pipeTo(to.writable);
    } catch {
      // A reset or a closed peer ends this direction; closing both ends the other one too.
    }
    for (const c of [from, to]) {
      open.delete(c);
      try {
        c.close();
      } catch { /* already closed */ }
    }
  };
  for (const listener of listeners) {
    const port = (listener.addr as Deno.NetAddr).port;
    (async () => {
      for await (const inbound of listener) {
        Deno.connect({ hostname: targetHost, port }).then((outbound) => {
          open.add(inbound).add(outbound);
          pipe(inbound, outbound);
          pipe(outbound, inbound);
        }, () => inbound.close());
      }
    })().catch(() => {/* listener closed */});
  }
  return {
    close() {
      for (const l of listeners) l.close();
      for (const c of open) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
    },
  };
}

if (import.meta.main) {
  const [listenHost, targetHost, ...ports] = Deno.args;
  forward(listenHost, targetHost, ports.map(Number));
  console.log("forwarding");
}
