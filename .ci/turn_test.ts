import assert from "node:assert/strict";
import { TURN_TLS_PORT, turnConfig } from "./turn.ts";

Deno.test("turnConfig() puts TURN on the media address, TLS on 443 named by that address", () => {
  const tls = { certFile: "/tmp/server.pem", keyFile: "/tmp/server-key.pem" };
  const config = turnConfig({ udpPort: 3478, tls }, "10.231.7.1");
  assert.equal(config.enabled, true);
  assert.equal(config.udp_port, 3478);
  assert.deepEqual(config.bind_addresses, ["10.231.7.1"]);
  // livekit-server announces turns:<domain>:443 whatever tls_port is.
  assert.equal(config.tls_port, TURN_TLS_PORT);
  assert.equal(config.domain, "10.231.7.1");
  assert.equal(config.cert_file, tls.certFile);
  // The relay may reach LiveKit's own (private) media address, nothing else private.
  assert.deepEqual(config.allow_restricted_peer_cidrs, ["10.231.7.1/32"]);
  assert.ok(config.relay_range_start >= 40_000 && config.relay_range_end === config.relay_range_start + 99);
  assert.ok(config.relay_range_end < 50_000);
});

Deno.test("turnConfig() without a certificate has no TLS listener", () => {
  const config = turnConfig({ udpPort: 3478 }, "192.168.1.20");
  assert.equal("tls_port" in config, false);
  assert.equal("domain" in config, false);
});
