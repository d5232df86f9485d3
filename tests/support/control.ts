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
 * action took).
 */
import { randomBytes } from "node:crypto";
import type { RestartableService } from "../../.ci/services.ts";

/** A service with a link whose rate can be limited (the customer's network). */
type Shapeable = RestartableService & { shape?(kbit: number | null): Promise<void> };

/** `shape`'s argument: a rate in kbit/s, `off` for none; undefined when it is neither. */
const shapeRate = (arg?: string) => arg === "off" ? null : /^[1-9]\d{0,6}$/.test(arg ?? "") ? Number(arg) : undefined;

export function startControl(services: Record<string, Shapeable>) {
  const token = randomBytes(16).toString("hex");
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const [, pathToken, name, action, arg] = new URL(req.url).pathname.split("/");
    const service = services[name];
    const rate = action === "shape" ? shapeRate(arg) : undefined;
    const shape = rate !== undefined && !!service?.shape;
    if (req.method !== "POST" || pathToken !== token || !service || !(shape || ["kill", "start"].includes(action))) {
      return Response.json({ ok: false }, { status: 404 });
    }
    const started = performance.now();
    try {
      if (shape) await service.shape!(rate);
      else if (action === "kill") await service.kill();
      else await service.start();
      console.log(
        `  [control] ${name} ${action}${shape ? ` ${arg}` : ""} (${Math.round(performance.now() - started)} ms)`,
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
