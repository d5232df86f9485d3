import assert from "node:assert/strict";
import { createView } from "./view.ts";

Deno.test("createView(): zoom steps stay between a quarter and eight times; Fit and Actual size reset it", () => {
  const view = createView(() => {});
  for (let i = 0; i < 20; i++) view.zoomIn();
  assert.equal(view.zoom.value, 8);
  assert.equal(view.canZoomIn.value, false);
  for (let i = 0; i < 30; i++) view.zoomOut();
  assert.equal(view.zoom.value, 0.25);
  assert.equal(view.canZoomOut.value, false);
  view.actualSize();
  assert.deepEqual([view.fit.value, view.zoom.value], ["actual", 1]);
  view.zoomIn();
  view.fitToFrame();
  assert.deepEqual([view.fit.value, view.zoom.value], ["fit", 1]);
});

Deno.test("createView(): the volume is a whole percentage, 0–100, handed on as 0–1", () => {
  const volumes: number[] = [];
  const view = createView((v) => volumes.push(v));
  view.setVolume(42.4);
  view.setVolume(150);
  view.setVolume(-3);
  assert.equal(view.volume.value, 0);
  assert.deepEqual(volumes, [0.42, 1, 0]);
});
