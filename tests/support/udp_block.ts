/**
 * A network that blocks UDP, as much office Wi-Fi and some carriers do: an nftables table in the
 * customer's network namespace (`customer_network.ts`) that drops every UDP datagram in or out of it
 * except on its loopback. WebRTC must then go over ICE/TCP or TURN/TLS. Its own table, so switching it
 * off removes exactly what switching it on added; it goes with the namespace.
 */

const TABLE = "sightline_udp_block";

/** The nftables script that (re)creates the blocking table; counters show what was dropped. */
export function udpBlockRules(blocked: boolean): string {
  // Declaring then deleting the table makes both directions idempotent.
  const reset = `table inet ${TABLE}\ndelete table inet ${TABLE}\n`;
  if (!blocked) return reset;
  return `${reset}table inet ${TABLE} {
  chain output { type filter hook output priority 0; policy accept; oifname != "lo" meta l4proto udp counter drop; }
  chain input { type filter hook input priority 0; policy accept; iifname != "lo" meta l4proto udp counter drop; }
}
`;
}

/** Blocks (or allows again) UDP in network namespace `namespace`; needs root and nftables. */
export async function setUdpBlocked(namespace: string, blocked: boolean) {
  const child = new Deno.Command("ip", {
    args: ["netns", "exec", namespace, "nft", "-f", "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(udpBlockRules(blocked)));
  await writer.close();
  const out = await child.output();
  if (!out.success) {
    const why = new TextDecoder().decode(out.stderr).trim();
    throw new Error(
      `nft in ${namespace}: ${why}${/not found|No such file/.test(why) ? " (apt-get install nftables)" : ""}`,
    );
  }
}
