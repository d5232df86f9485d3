import assert from "node:assert/strict";
import { defaultRouteInterface, lanAddress } from "./lan_address.ts";

Deno.test("defaultRouteInterface() reads the default route's interface from the kernel's table", () => {
  const table = [
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
    "slh123\t0007E70A\t00000000\t0001\t0\t0\t0\tFCFFFFFF\t0\t0\t0",
    "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
    "wlan0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0",
  ].join("\n");
  assert.equal(defaultRouteInterface(table), "wlan0");
  assert.equal(defaultRouteInterface(table.split("\n").filter((l) => !l.includes("0101A8C0")).join("\n")), null);
});

Deno.test("lanAddress() takes LAN_ADDRESS as given, and is never loopback otherwise", () => {
  assert.equal(lanAddress({ LAN_ADDRESS: "192.168.1.20" }), "192.168.1.20");
  const guessed = lanAddress({});
  assert.ok(guessed === null || !guessed.startsWith("127."), `guessed ${guessed}`);
});
