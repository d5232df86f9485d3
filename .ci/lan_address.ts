/**
 * This machine's address on its LAN, for what must be reachable like in the field: LiveKit's media
 * address in `dev` (a phone or a second computer never pairs with 127.0.0.1) and the origin of
 * `dev --lan`. `LAN_ADDRESS` overrides the guess (several networks, a VPN).
 */

/** The IPv4 address of the interface the default route leaves by; else any non-loopback one; else null. */
export function lanAddress(env: Record<string, string | undefined> = Deno.env.toObject()): string | null {
  if (env.LAN_ADDRESS) return env.LAN_ADDRESS;
  const v4 = Deno.networkInterfaces().filter((i) => i.family === "IPv4" && !i.address.startsWith("127."));
  const viaDefault = defaultRouteInterface();
  const pick = v4.find((i) => i.name === viaDefault) ??
    // Not the veth pairs of the tests' customer network (tests/support/customer_network.ts).
    v4.find((i) => !i.name.startsWith("slh") && !i.address.startsWith("169.254."));
  return pick?.address ?? null;
}

/** The interface of the default route, from the kernel's routing table (Linux); null when unknown. */
export function defaultRouteInterface(routeTable = readRouteTable()): string | null {
  // Columns: Iface Destination Gateway Flags …; a default route has destination and mask 0.
  for (const line of routeTable.split("\n").slice(1)) {
    const [iface, destination, , , , , , mask] = line.trim().split(/\s+/);
    if (destination === "00000000" && mask === "00000000") return iface;
  }
  return null;
}

function readRouteTable(): string {
  try {
    return Deno.readTextFileSync("/proc/net/route");
  } catch {
    return "";
  }
}
