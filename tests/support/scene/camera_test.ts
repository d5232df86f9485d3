import assert from "node:assert/strict";
import { sceneCameraScript, sceneToolsScript } from "./camera.ts";
import { codeBlocks } from "./frame_code.ts";
import { homography, type SceneMotion } from "./motion.ts";
import type { SceneFrameCode } from "./frame_code.ts";

type Tools = { __sightlineSceneTools?: { motion: SceneMotion; code: SceneFrameCode } };

Deno.test("the tools script gives a page the same motion and frame code as the modules", () => {
  const g = globalThis as Tools;
  try {
    new Function(sceneToolsScript())();
    const tools = g.__sightlineSceneTools!;
    assert.deepEqual(tools.motion.homography("tour", 1234), homography("tour", 1234));
    assert.deepEqual(tools.code.blocks(4321), codeBlocks(4321));
  } finally {
    delete g.__sightlineSceneTools;
  }
});

Deno.test("the camera script is one self-contained program: it parses and runs (here without a camera to replace)", () => {
  for (const kind of ["pan", "tour"] as const) {
    const script = sceneCameraScript({ kind, startFrame: 30, codeAt: [0, 1] });
    // Deno has no navigator.mediaDevices, so the installer returns at once; any name it needs from
    // outside would fail to parse or run here.
    new Function(script)();
    assert.match(script, /"kind":"\w+","startFrame":30,"codeAt":\[0,1\]/);
  }
});
