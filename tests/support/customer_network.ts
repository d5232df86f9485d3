/**
 * The customer's own network, for the fault test that takes a phone offline. Chromium's `setOffline`
 * stops page requests but not WebRTC, so the test also needs a cable to pull: a Linux network namespace
 * joined to the host by a veth pair. A Chromium started in the namespace (the wrapper script below, used
 * as Playwright's `executablePath`) has one network interface, and every byte it sends — page, signal
 * WebSocket and media — crosses the pair:
 *
 *   namespace 127.0.0.1:<edge|livekit port>  → forwarder in the namespace → veth → forwarder on the
 *   host at <hostAddress>:<port> → 127.0.0.1:<port>;  WebRTC media → veth → livekit-server's UDP/TCP
 *   ports on <hostAddress>, its only media address for the run (`mediaAddress` in .ci/services.ts; the
 *   technician's browser on the host reaches that address locally).
 *
 * `kill()` sets the namespace's end of the pair down, as a phone losing its network would; `start()`
 * brings it back; the `shape` action makes its uplink thin (`uplink.ts`). Needs root and iproute2 (`ip netns`); livekit-server must start after `create`, since
 * it binds its media address when it starts.
 */
import { join } from "node:path";
import { ROOT } from "../../.ci/provision.ts";
import type { RestartableService } from "../../.ci/services.ts";
import { forward } from "./forward.ts";
import { setUdpBlocked } from "./udp_block.ts";
import { shapeUplink } from "./uplink.ts";

const PREFIX = "sightline-";

/** The control endpoint's `shape` argument: a rate in kbit/s, or `off` for none. */
function shapeRate(arg?: string): number | null {
  if (arg === "off") return null;
  if (/^[1-9]\d{0,6}$/.test(arg ?? "")) return Number(arg);
  throw new Error(`shape wants a rate in kbit/s or off, not ${arg}`);
}

async function ip(...args: string[]) {
  const out = await new Deno.Command("ip", { args, stdout: "piped", stderr: "piped", stdin: "null" }).output();
  if (!out.success) throw new Error(`ip ${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`);
  return new TextDecoder().decode(out.stdout);
}

/** Namespaces a crashed earlier run left behind (their process is gone). */
async function removeStale() {
  for (const line of (await ip("netns", "list")).split("\n")) {
    const pid = line.match(new RegExp(`^${PREFIX}(\\d+)`))?.[1];
    if (pid && !existsProcess(Number(pid))) await ip("netns", "del", `${PREFIX}${pid}`).catch(() => {});
  }
}

function existsProcess(pid: number) {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The control endpoint drives it like the services it restarts: `kill` unplugs the cable, `start`
 * plugs it back (a no-op while plugged in), `stop` removes the namespace.
 */
export interface CustomerNetwork extends RestartableService {
  /** The host's end of the pair: livekit-server's media address for the run (`mediaAddress`). */
  hostAddress: string;
  /** Playwright's `executablePath` for a Chromium inside the namespace. */
  chromium: string;
  /** Forwards these host ports (bound to 127.0.0.1) into the namespace's 127.0.0.1. */
  forward(ports: number[]): Promise<void>;
  /**
   * The control endpoint's further actions: `udp-block` drops all UDP (`udp_block.ts`), `udp-allow` ends
   * that, `shape/<kbit|off>` limits the uplink or lifts the limit (`uplink.ts`).
   */
  actions: Record<string, (arg?: string) => Promise<void>>;
}

export async function createCustomerNetwork(o: { chromium: string; runDir: string }): Promise<CustomerNetwork> {
  await removeStale();
  const name = `${PREFIX}${Deno.pid}`;
  const id = Deno.pid % 100_000;
  const hostIf = `slh${id}`;
  const nsIf = `slc${id}`;
  const subnet = `10.231.${Deno.pid % 250}`;
  const hostAddress = `${subnet}.1`;
  const nsAddress = `${subnet}.2`;
  await ip("netns", "add", name);
  const inside = (...args: string[]) => ip("netns", "exec", name, "ip", ...args);
  try {
    await ip("link", "add", hostIf, "type", "veth", "peer", "name", nsIf);
    await ip("link", "set", nsIf, "netns", name);
    await ip("addr", "add", `${hostAddress}/30`, "dev", hostIf);
    await ip("link", "set", hostIf, "up");
    await inside("addr", "add", `${nsAddress}/30`, "dev", nsIf);
    await inside("link", "set", "lo", "up");
    await inside("link", "set", nsIf, "up");
    await inside("route", "add", "default", "via", hostAddress);
  } catch (err) {
    await ip("netns", "del", name).catch(() => {});
    await ip("link", "del", hostIf).catch(() => {});
    throw err;
  }
  const chromium = join(o.runDir, "chromium-customer-network");
  await Deno.writeTextFile(chromium, `#!/bin/sh\nexec ip netns exec ${name} ${o.chromium} "$@"\n`, { mode: 0o755 });

  let hostForwarder: { close(): void } | undefined;
  let nsForwarder: Deno.ChildProcess | undefined;
  let cut = false;
  return {
    name: "customer-network",
    hostAddress,
    chromium,
    async forward(ports) {
      hostForwarder = forward(hostAddress, "127.0.0.1", ports);
      nsForwarder = new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          name,
          Deno.execPath(),
          "run",
          "--allow-net",
          join(ROOT, "tests/support/forward.ts"),
          "127.0.0.1",
          hostAddress,
          ...ports.map(String),
        ],
        stdout: "piped",
        stderr: "inherit",
        stdin: "null",
      }).spawn();
      // It prints one line once it listens.
      const reader = nsForwarder.stdout.getReader();
      await reader.read();
      reader.releaseLock();
      nsForwarder.stdout.cancel().catch(() => {});
    },
    async kill() {
      await inside("link", "set", nsIf, "down");
      cut = true;
    },
    async start() {
      if (!cut) return;
      await inside("link", "set", nsIf, "up");
      // Setting the link down dropped the routes through it.
      await inside("route", "replace", "default", "via", hostAddress);
      cut = false;
    },
    running: () => !cut,
    actions: {
      "udp-block": () => setUdpBlocked(name, true),
      "udp-allow": () => setUdpBlocked(name, false),
      shape: (arg) => shapeUplink(name, nsIf, shapeRate(arg)),
    },
    async stop() {
      hostForwarder?.close();
      try {
        nsForwarder?.kill("SIGKILL");
        await nsForwarder?.status;
      } catch { /* gone */ }
      await ip("netns", "del", name).catch(() => {});
      await ip("link", "del", hostIf).catch(() => {});
    },
  };
}
