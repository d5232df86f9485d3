import { assertEquals, assertMatch } from "../testing/assert.ts";
import { testApp } from "../testing/app.ts";
import { listAudit } from "../db/audit.ts";
import { parseRange } from "../ip_ranges.ts";
import { forwardedClient } from "./client.ts";

const ranges = (...texts: string[]) => texts.map((t) => parseRange(t)!);

Deno.test("forwardedClient(): X-Forwarded-For counts only from a trusted peer, read from the right", () => {
  const trusted = ranges("10.0.0.0/8", "fd00::/8");
  assertEquals(forwardedClient("203.0.113.9", "198.51.100.1", trusted), "203.0.113.9", "untrusted peer: ignored");
  assertEquals(forwardedClient("10.0.0.5", "198.51.100.1", []), "10.0.0.5", "no proxy trusted at all");
  assertEquals(forwardedClient("10.0.0.5", "198.51.100.1", trusted), "198.51.100.1");
  assertEquals(
    forwardedClient("10.0.0.5", "6.6.6.6, 198.51.100.1", trusted),
    "198.51.100.1",
    "left of it: the client's own",
  );
  assertEquals(forwardedClient("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.1.1.1", trusted), "198.51.100.1", "two proxies");
  assertEquals(forwardedClient("fd00::5", "2001:DB8::7", trusted), "2001:db8::7");
  assertEquals(forwardedClient("10.0.0.5", "[2001:db8::7]:4711", trusted), "2001:db8::7");
  assertEquals(forwardedClient("10.0.0.5", "198.51.100.1:4711", trusted), "198.51.100.1");
  assertEquals(forwardedClient("::ffff:10.0.0.5", "198.51.100.1", trusted), "198.51.100.1", "IPv4 peer, dual stack");
  assertEquals(forwardedClient("10.0.0.5", undefined, trusted), "10.0.0.5", "the proxy's own request");
  assertEquals(forwardedClient("10.0.0.5", "10.2.2.2", trusted), "10.2.2.2", "only trusted hops: the farthest");
  assertEquals(
    forwardedClient("10.0.0.5", "198.51.100.1, garbage", trusted),
    "10.0.0.5",
    "garbage: the last trusted hop",
  );
  assertEquals(forwardedClient("10.0.0.5", "198.51.100.1, 10.1.1.1, unknown", trusted), "10.0.0.5");
});

/** Typed look-ups of unknown PINs until the per-client limit (10 per 10 minutes) answers 429. */
async function lookUpsUntilRefused(
  t: Awaited<ReturnType<typeof testApp>>,
  peer: string,
  headersOf: (i: number) => HeadersInit,
) {
  for (let i = 0; i < 30; i++) {
    const res = await t.request(`/api/join/${900000 + i}`, { headers: headersOf(i), address: peer });
    await res.body?.cancel();
    if (res.status === 429) return i;
  }
  return Infinity;
}

Deno.test("rate limits: X-Forwarded-For of an untrusted peer is ignored, of a trusted proxy used", async (s) => {
  await s.step("untrusted peer: a new X-Forwarded-For each time does not reset its PIN budget", async () => {
    using t = await testApp({ env: { TRUSTED_PROXIES: "10.0.0.0/8" } });
    assertEquals(await lookUpsUntilRefused(t, "203.0.113.9", (i) => ({ "x-forwarded-for": `198.51.100.${i}` })), 10);
  });
  await s.step("trusted proxy: each forwarded client has a budget of its own", async () => {
    using t = await testApp({ env: { TRUSTED_PROXIES: "10.0.0.0/8" } });
    const proxy = "10.0.0.5";
    assertEquals(await lookUpsUntilRefused(t, proxy, (i) => ({ "x-forwarded-for": `198.51.100.${i}` })), Infinity);
    assertEquals(await lookUpsUntilRefused(t, proxy, () => ({ "x-forwarded-for": "6.6.6.6, 192.0.2.44" })), 10);
  });
});

Deno.test("the audit log records the forwarded client behind a trusted proxy, the peer otherwise", async () => {
  using t = await testApp({ env: { TRUSTED_PROXIES: "10.0.0.5, fd00::/8" } });
  const s = await t.createLinkSession(await t.login());
  const lookUp = (address: string, forwardedFor: string) =>
    t.request(`/api/join/${s.pin}`, {
      address,
      headers: { "x-forwarded-for": forwardedFor, "x-link-secret": s.secret },
    });
  assertEquals((await lookUp("10.0.0.5", "198.51.100.23")).status, 200);
  assertEquals((await lookUp("fd00::1", "2001:db8::23")).status, 200);
  assertEquals((await lookUp("203.0.113.9", "198.51.100.99")).status, 200);
  const addresses = (await listAudit(t.kv, { action: "pin.looked_up" })).map((e) => e.details?.address).sort();
  assertEquals(addresses, ["198.51.100.23", "2001:db8::23", "203.0.113.9"]);
});

Deno.test("behind a trusted proxy the sign-in cookie follows X-Forwarded-Proto and -Host", async () => {
  using t = await testApp({ env: { PUBLIC_URL: "https://help.example.com", TRUSTED_PROXIES: "10.0.0.5" } });
  const signIn = (address: string, headers: Record<string, string>) =>
    t.request("/api/auth/login", {
      method: "POST",
      address,
      host: "127.0.0.1:8000", // the proxy's upstream, as nginx sends it by default
      headers: { origin: "https://help.example.com", ...headers },
      json: { email: "tech@example.test", password: "long-password-1" },
    });
  const viaProxy = await signIn("10.0.0.5", { "x-forwarded-proto": "https", "x-forwarded-host": "help.example.com" });
  assertEquals(viaProxy.status, 200);
  assertMatch(viaProxy.headers.get("set-cookie") ?? "", /^__Host-sightline=.*; Secure/);
  const spoofed = await signIn("203.0.113.9", { "x-forwarded-proto": "https", "x-forwarded-host": "help.example.com" });
  assertEquals(spoofed.status, 421, "from anyone else the headers mean nothing, and 127.0.0.1 is not ours here");
});
