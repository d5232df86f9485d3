import { assert, assertEquals } from "./testing/assert.ts";
import { inAnyRange, inRange, parseIp, parseRange } from "./ip_ranges.ts";

const ip = (text: string) => {
  const parsed = parseIp(text);
  assert(parsed, `${text} parses`);
  return parsed;
};
const range = (text: string) => {
  const parsed = parseRange(text);
  assert(parsed, `${text} parses`);
  return parsed;
};

Deno.test("parseIp() reads IPv4 and IPv6 in every spelling, and nothing else", () => {
  assertEquals(ip("192.0.2.7"), { version: 4, value: 0xc0000207n });
  assertEquals(ip("::1"), { version: 6, value: 1n });
  assertEquals(ip("2001:DB8::1"), ip("2001:0db8:0000:0000:0000:0000:0000:0001"));
  assertEquals(ip("fe80::1%eth0"), ip("fe80::1"));
  assertEquals(ip("::ffff:192.0.2.7"), ip("192.0.2.7"), "IPv4-mapped is IPv4");
  assertEquals(ip("::ffff:c000:0207"), ip("192.0.2.7"));
  assertEquals(ip("64:ff9b::192.0.2.7").version, 6);
  for (
    const bad of ["", "unknown", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1::2::3", "1:2:3:4:5:6:7", "g::1"]
  ) {
    assertEquals(parseIp(bad), null, bad);
  }
  assertEquals(parseIp("1:2:3:4:5:6:7:8:9"), null);
  assertEquals(parseIp("1:2:3:4:5:6:7::8"), null, ":: must stand for at least one group");
});

Deno.test("parseRange() and inRange(): CIDR ranges and single addresses of both families", () => {
  const ten = range("10.0.0.0/8");
  assert(inRange(ip("10.255.1.2"), ten));
  assert(!inRange(ip("11.0.0.1"), ten));
  assertEquals(range("10.1.2.3/8"), ten, "host bits are dropped");
  assert(inRange(ip("::ffff:10.9.9.9"), ten), "an IPv4 peer on a dual-stack socket");
  const one = range("192.0.2.7");
  assert(inRange(ip("192.0.2.7"), one) && !inRange(ip("192.0.2.8"), one));
  const ula = range("fd00::/8");
  assert(inRange(ip("fd12:3456::1"), ula));
  assert(!inRange(ip("fe80::1"), ula));
  assert(!inRange(ip("10.0.0.1"), ula));
  assert(inRange(ip("10.0.0.1"), range("::ffff:10.0.0.0/104")), "a mapped range is an IPv4 range");
  assert(inRange(ip("10.0.0.1"), range("::/0")), "all of IPv6 space covers the mapped IPv4 block");
  assert(inRange(ip("2001:db8::5"), range("::/0")));
  assert(inAnyRange(ip("::1"), [ten, range("::1")]));
  for (const bad of ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/8/8", "host.example", "*"]) {
    assertEquals(parseRange(bad), null, bad);
  }
});
