import assert from "node:assert/strict";
import { udpBlockRules } from "./udp_block.ts";

Deno.test("udpBlockRules() drops UDP both ways except on loopback, and switching off removes only its table", () => {
  const on = udpBlockRules(true);
  assert.match(on, /chain output \{[^}]*oifname != "lo" meta l4proto udp counter drop/);
  assert.match(on, /chain input \{[^}]*iifname != "lo" meta l4proto udp counter drop/);
  const off = udpBlockRules(false);
  assert.equal(off, "table inet sightline_udp_block\ndelete table inet sightline_udp_block\n");
  // Both start from the same reset, so either may follow either.
  assert.ok(on.startsWith(off));
});
