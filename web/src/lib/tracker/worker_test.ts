/** The Worker and its client, end to end in a real module Worker: frames in (grey and RGBA), poses out. */
import assert from "node:assert/strict";
import { CENTRE, framesOf, markError } from "./evaluate.ts";
import { motion } from "./motions.ts";
import { cameraMatrix, truth } from "./synth.ts";
import { createTrackerClient, type WorkerLike } from "./client.ts";
import { rgbaToGrey, type TrackerOut } from "./protocol.ts";

Deno.test("a module Worker tracks frames sent by the client, grey and RGBA, and returns the buffers", async () => {
  const worker = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
  try {
    const client = createTrackerClient(worker as unknown as WorkerLike);
    const frames = framesOf("pan", 320, 180).slice(0, 24),
      cams = motion("pan").map((s) => cameraMatrix(s.camera, 320, 180));
    const got: TrackerOut[] = [];
    let reused = 0;
    for (let i = 0; i < frames.length; i++) {
      const done = new Promise<void>((resolve) => (client.onPoses = (out) => (got.push(out), resolve())));
      const rgba = i % 2 === 1;
      const bytes = frames[i].data.length * (rgba ? 4 : 1);
      const spare = client.buffer(bytes);
      if (spare) reused++;
      const buf = spare ?? new ArrayBuffer(bytes);
      const view = new Uint8Array(buf);
      if (rgba) frames[i].data.forEach((v, k) => view.set([v, v, v, 255], 4 * k));
      else view.set(frames[i].data);
      assert.equal(client.frame(i, 320, 180, buf, rgba), true);
      assert.equal(client.frame(i, 320, 180, new ArrayBuffer(bytes)), false, "one frame in flight at a time");
      assert.equal(buf.byteLength, 0, "transferred");
      if (i === 2) client.add("a", CENTRE, 1);
      await done;
    }
    assert.deepEqual(got.map((o) => o.index), frames.map((_, i) => i));
    const last = got.at(-1)!, pose = last.poses[0];
    assert.equal(pose.id, "a");
    assert.ok(pose.visible && pose.h);
    assert.ok(markError(pose.h, truth(cams[1], cams[last.index]), CENTRE) < 10);
    assert.ok(got.every((o) => o.ms >= 0));
    assert.ok(reused >= frames.length - 4, `buffers reused: ${reused}`);
    client.remove("a");
    const empty = new Promise<TrackerOut>((resolve) => (client.onPoses = resolve));
    client.frame(99, 320, 180, frames[0].data.slice().buffer);
    assert.deepEqual((await empty).poses, []);
  } finally {
    worker.terminate();
  }
});

Deno.test("RGBA to grey weighs green most", () => {
  const out = rgbaToGrey(
    new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]),
    new Uint8Array(4),
  );
  assert.deepEqual([...out], [76, 149, 28, 255]);
});
