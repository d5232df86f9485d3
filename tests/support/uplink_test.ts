import assert from "node:assert/strict";
import { QUEUE_MS, tbfArgs } from "./uplink.ts";

Deno.test("tbfArgs() limits the rate with a bucket of 20 ms of it, never below 4 KiB", () => {
  assert.deepEqual(tbfArgs("slc1", 1500), [
    "qdisc",
    "replace",
    "dev",
    "slc1",
    "root",
    "tbf",
    "rate",
    "1500kbit",
    "burst",
    "4096",
    "latency",
    `${QUEUE_MS}ms`,
  ]);
  // 20 ms of 10 Mbit/s is 25,000 bytes.
  assert.equal(tbfArgs("slc1", 10_000)[9], "25000");
  assert.equal(tbfArgs("slc1", 300)[9], "4096");
});

Deno.test("tbfArgs() refuses a rate that is not a positive number", () => {
  for (const kbit of [0, -1, NaN, Infinity]) assert.throws(() => tbfArgs("slc1", kbit), /Cannot shape/);
});
