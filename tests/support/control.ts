/**
 * The fault tests' handle on the services `tests/run.ts` started: a small HTTP endpoint on 127.0.0.1
 * (random port, random token in the path) that kills and restarts them. Playwright runs in Node and
 * cannot reach the Deno child processes otherwise.
 *
 *   POST <url>/<service>/kill    SIGKILL; answers once the process is gone
 *   POST <url>/<service>/start   starts it again with the same port, configuration, KV and log
 *
 *   POST <url>/network/shape/<kbit>   limits the customer's uplink (`uplink.ts`); `…/shape/off` lifts it
 *
 * `<service>` is `edge` or `livekit`, or `network` when the run has the customer's own network
 * (`customer_network.ts`: kill unplugs it, start plugs it back); the answer is `{ ok, ms }` (time the
 * action took). A service may offer further actions (`actions`), e.g. `network/udp-block` and
 * `network/udp-allow`.
 */
import { randomBytes } from "node:crypto";
import type { RestartableService } from "../../.ci/services.ts";

/** A service the endpoint drives: kill and start, and any actions of its own (with an argument, if any). */
type Controlled = RestartableService & { actions?: Record<string, (arg?: string) => Promise<void>> };

export function startControl(services: Record<string, Controlled>) {
  const token = randomBytes(16).toString("hex");
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const [, pathToken, name, action, arg] = new URL(req.url).pathname.split("/");
    const service = services[name];
    const own = Object.hasOwn(service?.actions ?? {}, action) ? service.actions![action] : undefined;
    if (req.method !== "POST" || pathToken !== token || !service || !(own || ["kill", "start"].includes(action))) {
      return Response.json({ ok: false }, { status: 404 });
    }
    const started = performance.now();
    try {
      if (own) await own(arg);
      else if (action === "kill") await service.kill();
      else await service.start();
      console.log(
        `  [control] ${name} ${action}${arg ? ` ${arg}` : ""} (${Math.round(performance.now() - started)} ms)`,
      );
      return Response.json({ ok: true, ms: Math.round(performance.now() - started) });
    } catch (err) {
      return Response.json({ ok: false, error: String(err) }, { status: 500 });
    }
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/${token}`,
    /** Brings every service back up (a fault test that failed half-way must not take the rest down). */
    async restoreAll() {
      for (const s of Object.values(services)) if (!s.running()) await s.start();
    },
    close: () => server.shutdown(),
  };
}
