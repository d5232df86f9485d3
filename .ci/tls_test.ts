import assert from "node:assert/strict";
import { join } from "node:path";
import { ensureLocalCa, inPrivateRange, issueServerCertificate } from "./tls.ts";
import { terminateTls } from "./tls_terminator.ts";

async function verify(caFile: string, certFile: string) {
  const out = await new Deno.Command("openssl", { args: ["verify", "-CAfile", caFile, certFile], stderr: "piped" })
    .output();
  return { ok: out.success, error: new TextDecoder().decode(out.stderr) };
}

Deno.test("inPrivateRange() knows the private and shared IPv4 ranges", () => {
  for (const ip of ["10.231.7.1", "172.16.0.1", "172.31.255.254", "192.168.1.20", "100.64.0.1"]) {
    assert.equal(inPrivateRange(ip), true, ip);
  }
  for (const ip of ["172.32.0.1", "192.0.2.2", "8.8.8.8", "127.0.0.1", "not an address"]) {
    assert.equal(inPrivateRange(ip), false, ip);
  }
});

Deno.test("the local CA vouches for private addresses only, and for the addresses it was made for", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const ca = await ensureLocalCa(join(dir, "ca"));
    const lan = await issueServerCertificate(ca, join(dir, "lan"), { ips: ["192.168.1.20"] });
    assert.deepEqual(await verify(ca.caFile, lan.certFile), { ok: true, error: "" });
    assert.equal((await Deno.stat(ca.caKeyFile)).mode! & 0o077, 0, "the CA key is private");
    // A public address is outside the name constraints: the CA cannot be used to impersonate it.
    const outside = await issueServerCertificate(ca, join(dir, "outside"), { ips: ["192.0.2.2"] });
    const refused = await verify(ca.caFile, outside.certFile);
    assert.equal(refused.ok, false);
    assert.match(refused.error, /permitted subtree violation/);
    // Made again for that address (a LAN outside the private ranges), it vouches for it too.
    const again = await ensureLocalCa(join(dir, "ca"), ["192.0.2.2"]);
    const reissued = await issueServerCertificate(again, join(dir, "outside"), { ips: ["192.0.2.2"] });
    assert.equal((await verify(again.caFile, reissued.certFile)).ok, true);
    // And it is kept as long as it covers what is asked.
    const before = await Deno.readTextFile(again.caFile);
    await ensureLocalCa(join(dir, "ca"), ["192.0.2.2", "10.0.0.5"]);
    assert.equal(await Deno.readTextFile(again.caFile), before);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("terminateTls() serves a plain HTTP service over TLS that a client trusting the local CA accepts", async () => {
  const dir = await Deno.makeTempDir();
  const plain = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => new Response(`plain saw ${req.headers.get("host")}`),
  );
  try {
    const ca = await ensureLocalCa(join(dir, "ca"), ["127.0.0.1"]);
    const certificate = await issueServerCertificate(ca, join(dir, "server"), { ips: ["127.0.0.1"] });
    const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (probe.addr as Deno.NetAddr).port;
    probe.close();
    const front = terminateTls({ name: "t", hostname: "127.0.0.1", port, certificate, target: plain.addr.port });
    const client = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(ca.caFile)] });
    try {
      const res = await fetch(`https://127.0.0.1:${port}/`, { client });
      // Bytes pass untouched: the service sees the browser's own Host.
      assert.equal(await res.text(), `plain saw 127.0.0.1:${port}`);
      // Without the CA the handshake fails.
      await assert.rejects(fetch(`https://127.0.0.1:${port}/`));
    } finally {
      client.close();
      await front.stop();
    }
  } finally {
    await plain.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
