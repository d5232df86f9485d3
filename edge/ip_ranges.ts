/**
 * IP addresses and CIDR ranges, IPv4 and IPv6, for `TRUSTED_PROXIES` (`config.ts`) and the client address
 * behind them (`middleware/client.ts`). Addresses are numbers (bigint), so a range check is one mask and
 * one comparison, whatever way an IPv6 address is written. An IPv4 address in IPv6 form (`::ffff:10.0.0.1`,
 * what a dual-stack socket reports for an IPv4 peer) is that IPv4 address.
 */

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface IpRange extends IpAddress {
  /** Prefix length: 0–32 for IPv4, 0–128 for IPv6. */
  bits: number;
}

const IPV4_PART = /^(0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;
const MAPPED_PREFIX = 0xffffn << 32n;

function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => IPV4_PART.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((value, p) => (value << 8n) | BigInt(p), 0n);
}

/** The 16-bit groups of one side of `::` (an IPv4 tail counts as two), or null. */
function ipv6Groups(side: string, last: boolean): bigint[] | null {
  if (side === "") return [];
  const parts = side.split(":");
  const groups: bigint[] = [];
  for (const [i, part] of parts.entries()) {
    if (last && i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return null;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | null {
  const halves = text.replace(/%.*$/, "").split("::"); // a zone (`fe80::1%eth0`) names an interface, not an address
  if (halves.length > 2) return null;
  const head = ipv6Groups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? ipv6Groups(halves[1], true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill(0n), ...tail];
  return groups.reduce((value, g) => (value << 16n) | g, 0n);
}

/** An IPv4 or IPv6 address, or null; IPv4-mapped IPv6 addresses come back as IPv4. */
export function parseIp(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = text.includes(":") ? parseIpv6(text) : null;
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

const width = (version: 4 | 6) => (version === 4 ? 32 : 128);

/** `10.0.0.0/8`, `fd00::/8`, or a single address (`192.0.2.7`, `::1`); null when it is neither. */
export function parseRange(text: string): IpRange | null {
  const [address, prefix, ...rest] = text.trim().split("/");
  if (rest.length) return null;
  // A mapped range (`::ffff:10.0.0.0/104`) would come back as IPv4 from parseIp: read it raw.
  const raw = address.includes(":") ? parseIpv6(address) : null;
  const ip = parseIp(address);
  if (!ip) return null;
  const mapped = raw !== null && ip.version === 4;
  const max = mapped ? 128 : width(ip.version);
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return null;
  let bits = prefix === undefined ? max : Number(prefix);
  if (bits > max) return null;
  if (mapped) {
    if (bits < 96) return { version: 6, value: raw & ~((1n << BigInt(128 - bits)) - 1n), bits };
    bits -= 96;
  }
  const shift = BigInt(width(ip.version) - bits);
  return { version: ip.version, value: (ip.value >> shift) << shift, bits };
}

/** Whether `ip` lies in `range`. */
export function inRange(ip: IpAddress, range: IpRange): boolean {
  if (ip.version !== range.version) {
    // A range in IPv6 space that covers the mapped IPv4 block (`::/0`, `::ffff:0:0/96`) covers IPv4 too.
    return ip.version === 4 && range.version === 6 && inRange({ version: 6, value: MAPPED_PREFIX | ip.value }, range);
  }
  const shift = BigInt(width(ip.version) - range.bits);
  return ip.value >> shift === range.value >> shift;
}

/** Whether `ip` lies in any of `ranges`. */
export const inAnyRange = (ip: IpAddress, ranges: readonly IpRange[]) => ranges.some((r) => inRange(ip, r));
