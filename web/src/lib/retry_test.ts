import assert from "node:assert/strict";
import { retry } from "./retry.ts";

const waits: number[] = [];
const wait = (ms: number) => (waits.push(ms), Promise.resolve());

Deno.test("retry() tries again after failures, waiting longer each time, until an attempt succeeds", async () => {
  waits.length = 0;
  let tries = 0;
  const attempt = () => ++tries < 6 ? Promise.reject(new Error("down")) : Promise.resolve();
  const ok = await retry(attempt, { wanted: () => true, final: () => false, wait });
  assert.equal(ok, true);
  assert.deepEqual(waits, [1000, 2000, 4000, 8000, 10_000]);
});

Deno.test("retry() throws a final failure at once and stops when no longer wanted", async () => {
  waits.length = 0;
  await assert.rejects(
    retry(() => Promise.reject(new Error("refused")), { wanted: () => true, final: () => true, wait }),
    /refused/,
  );
  assert.deepEqual(waits, []);
  let wanted = 2;
  const ok = await retry(() => Promise.reject(new Error("down")), {
    wanted: () => wanted-- > 0,
    final: () => false,
    wait,
  });
  assert.equal(ok, false);
  assert.deepEqual(waits, [1000, 2000]);
});
