/**
 * A thin uplink for the customer's network (`customer_network.ts`): a token bucket filter (`tc qdisc …
 * tbf`) on the egress of the namespace's end of the veth pair, so everything the customer's browser
 * sends — media, the signal WebSocket, stills — shares one limited link, as on a phone's mobile uplink.
 * Only the uplink: what the customer receives is not limited. tbf rather than netem because this
 * kernel has no netem (and a rate limit is the phone's problem that matters here, not added delay).
 */

/**
 * The queue a packet may wait in before tbf drops it. A phone's uplink buffers for a few hundred
 * milliseconds; a queue that deep makes WebRTC's bandwidth estimate back off on delay before loss.
 */
export const QUEUE_MS = 250;

/**
 * `tc` arguments that limit `iface` to `kbit` kbit/s. The bucket holds 20 ms of the rate (at least
 * 4 KiB, so a full-size packet always fits and the kernel's timer granularity cannot starve it):
 * short bursts like a radio link's, no second of free data.
 */
export function tbfArgs(iface: string, kbit: number): string[] {
  if (!Number.isFinite(kbit) || kbit <= 0) throw new Error(`Cannot shape the uplink to ${kbit} kbit/s`);
  const burstBytes = Math.max(4096, Math.round((kbit * 1000 / 8) * 0.02));
  return [
    "qdisc",
    "replace",
    "dev",
    iface,
    "root",
    "tbf",
    "rate",
    `${kbit}kbit`,
    "burst",
    String(burstBytes),
    "latency",
    `${QUEUE_MS}ms`,
  ];
}

/** Runs `tc` in network namespace `netns`; throws with tc's own message when it fails. */
async function tc(netns: string, args: string[]) {
  const out = await new Deno.Command("ip", {
    args: ["netns", "exec", netns, "tc", ...args],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  if (!out.success) throw new Error(`tc ${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`);
  return new TextDecoder().decode(out.stdout);
}

/** Limits `iface`'s egress in `netns` to `kbit` kbit/s, or lifts the limit (`null`). Needs root. */
export async function shapeUplink(netns: string, iface: string, kbit: number | null) {
  if (kbit !== null) {
    await tc(netns, tbfArgs(iface, kbit));
    return;
  }
  // No limit set is no error: lifting twice (a test's cleanup after its own lift) is fine.
  const current = await tc(netns, ["qdisc", "show", "dev", iface, "root"]);
  if (/\btbf\b/.test(current)) await tc(netns, ["qdisc", "del", "dev", iface, "root"]);
}
