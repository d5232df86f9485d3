/**
 * The synthetic test camera (issue 17 §4): an init script that replaces `getUserMedia`'s camera with a
 * 1280×720 canvas showing the generated world (`texture.ts`) under the known homography H(frame) of a
 * motion kind (`motion.ts`), the frame number in a corner (`frame_code.ts`). No hook in `web/src`.
 *
 *   await context.addInitScript(sceneCameraScript({ kind: "pan" }));
 *
 * Rendering is Canvas 2D (`render.ts`: exact for affine frames, 40 px tiles within ~0.2 px for
 * perspective, sub-frame averaging for motion blur). One frame index per rendered frame (`pace: "frame"`,
 * the default: a busy machine slows the motion, never skips a pose) or from the clock (`pace: "clock"`:
 * frames are skipped when rendering is late). A 30 fps timer drives it; each frame is pushed with
 * `requestFrame()` (`captureStream(0)`), so every rendered frame is one video frame.
 *
 * Audio still comes from the browser's own (fake) microphone. `enumerateDevices` lists the scene as the
 * only camera; its track answers `getSettings` (1280×720, 30 fps, "environment"), `getCapabilities` and
 * `applyConstraints` (recorded, not applied). The page sees `window.__sightlineScene` (`SceneState`).
 */
import { type MotionKind, type Pose, type SceneMotion, sceneMotion } from "./motion.ts";
import { type CodePlacement, type SceneFrameCode, sceneFrameCode } from "./frame_code.ts";
import { paintSceneTexture } from "./texture.ts";
import { type SceneRenderer, sceneRenderer } from "./render.ts";

export interface SceneOptions {
  kind: MotionKind;
  /** The world's seed (17 by default). */
  seed?: number;
  /** "frame" (default): one frame index per rendered frame; "clock": index = elapsed time × 30 fps. */
  pace?: "frame" | "clock";
  /** Where the frame code sits (bottom-right by default). */
  codeAt?: CodePlacement;
  /** Start held at this frame (`SceneState.holdAt`). */
  holdAt?: number;
  /** Poses averaged for motion blur (8). */
  subframes?: number;
  /** The first frame to render (0): a test can start in the middle of a motion. */
  startFrame?: number;
}

/** What the page exposes as `window.__sightlineScene` once the script ran. */
export interface SceneState {
  kind: MotionKind;
  /** The frame on the canvas now (-1 before the first), counting on past the kind's length (it loops). */
  frame: number;
  /** Frames rendered in the last second. */
  fps: number;
  /** [frame, performance.now()] of the last 600 frames rendered. */
  log: [number, number][];
  /** The pose of the frame on the canvas. */
  pose: Pose | null;
  /** The last constraints given to `applyConstraints`. */
  constraints: MediaTrackConstraints | null;
  /** The world texture (after the first camera request) and the camera's canvas. */
  world: HTMLCanvasElement | null;
  canvas: HTMLCanvasElement | null;
  /** How long setting up took, milliseconds (painting the world). */
  setupMs: Record<string, number>;
  /** Why the camera could not start, if it could not. */
  error: string | null;
  /** The motion, frame code and renderer, for computing truth and reading codes in the page. */
  motion: SceneMotion;
  code: SceneFrameCode;
  renderer: SceneRenderer;
  codeAt: CodePlacement;
  /**
   * While set, every frame shows this frame of the motion (a test holds the scene still while a mark is
   * drawn; set it back to null and the motion carries on from it).
   */
  holdAt: number | null;
  /** Renders `n` frames of `kind` into a scratch canvas and returns the mean milliseconds per frame. */
  benchmark(n: number, kind?: MotionKind): number;
}

/** The init script for `addInitScript`: the scene camera with `options`. */
export function sceneCameraScript(options: SceneOptions): string {
  return `(() => {
    const motion = (${sceneMotion})();
    const code = (${sceneFrameCode})();
    (${installSceneCamera})(${
    JSON.stringify(options)
  }, motion, code, (${sceneRenderer})(motion, code), ${paintSceneTexture});
  })();`;
}

/** An init script for pages without the camera (the console): `window.__sightlineSceneTools = { motion, code }`. */
export function sceneToolsScript(): string {
  return `globalThis.__sightlineSceneTools = { motion: (${sceneMotion})(), code: (${sceneFrameCode})() };`;
}

/** Installs the camera; self-contained apart from its arguments (the script inlines them). */
export function installSceneCamera(
  options: SceneOptions,
  motion: SceneMotion,
  code: SceneFrameCode,
  renderer: SceneRenderer,
  paint: typeof paintSceneTexture,
) {
  const md = navigator.mediaDevices;
  if (!md) return; // not a secure context: no camera to replace
  const { WIDTH, HEIGHT, FPS, WORLD } = motion;
  const DEVICE = "sightline-scene-camera";
  const GROUP = "sightline-scene";
  const codeAt = options.codeAt ?? [1, 1];
  const original = { getUserMedia: md.getUserMedia.bind(md), enumerateDevices: md.enumerateDevices.bind(md) };
  const tracks = new Set<MediaStreamTrack & { requestFrame?(): void }>();
  let ctx: CanvasRenderingContext2D | null = null;
  const state: SceneState = {
    kind: options.kind,
    frame: -1,
    fps: 0,
    log: [],
    pose: null,
    constraints: null,
    world: null,
    canvas: null,
    setupMs: {},
    error: null,
    motion,
    code,
    renderer,
    codeAt,
    benchmark,
    holdAt: options.holdAt ?? null,
  };
  (globalThis as unknown as { __sightlineScene: SceneState }).__sightlineScene = state;
  (globalThis as unknown as { __sightlineSceneTools: unknown }).__sightlineSceneTools = { motion, code };
  const opts = { codeAt, subframes: options.subframes };

  function setUp() {
    const started = performance.now();
    const world = document.createElement("canvas");
    [world.width, world.height] = [WORLD.width, WORLD.height];
    paint(world, options.seed ?? 17);
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [WIDTH, HEIGHT];
    ctx = canvas.getContext("2d", { alpha: false })!;
    [state.world, state.canvas] = [world, canvas];
    state.setupMs.paint = performance.now() - started;
  }

  function benchmark(n: number, kind: MotionKind = options.kind) {
    if (!ctx) setUp();
    const scratch = document.createElement("canvas");
    [scratch.width, scratch.height] = [WIDTH, HEIGHT];
    const c = scratch.getContext("2d", { alpha: false, willReadFrequently: true })!;
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      renderer.draw(c, state.world!, kind, motion.LEAD_FRAMES + i * 7, opts);
      c.getImageData(0, 0, 1, 1);
    }
    return (performance.now() - started) / n;
  }

  let startedAt = 0;
  let next = 0;
  function tick() {
    const now = performance.now();
    // Drift-free 30 fps; after a stall, carry on from now rather than rendering a burst.
    next = Math.max(next + 1000 / FPS, now + 2);
    setTimeout(tick, next - now);
    for (const t of tracks) if (t.readyState === "ended") tracks.delete(t);
    if (tracks.size === 0) return; // the camera is off: no frames, the motion waits
    const first = options.startFrame ?? 0;
    const frame = state.holdAt !== null
      ? state.holdAt
      : state.frame < first
      ? first
      : options.pace === "clock"
      ? Math.max(state.frame + 1, first + Math.floor(((now - startedAt) * FPS) / 1000))
      : state.frame + 1;
    state.pose = renderer.draw(ctx!, state.world!, state.kind, frame, opts);
    state.frame = frame;
    for (const t of tracks) t.requestFrame?.();
    state.log.push([frame, now]);
    if (state.log.length > 600) state.log.shift();
    state.fps = state.log.filter(([, at]) => at > now - 1000).length;
  }

  function cameraTrack() {
    if (!ctx) setUp();
    const track = state.canvas!.captureStream(0).getVideoTracks()[0] as MediaStreamTrack & { requestFrame?(): void };
    const settings = track.getSettings.bind(track);
    const caps = track.getCapabilities.bind(track);
    Object.defineProperties(track, {
      label: { get: () => "Sightline scene camera" },
      getSettings: {
        value: () => ({
          ...settings(),
          width: WIDTH,
          height: HEIGHT,
          aspectRatio: WIDTH / HEIGHT,
          frameRate: FPS,
          deviceId: DEVICE,
          groupId: GROUP,
          facingMode: "environment",
        }),
      },
      getCapabilities: {
        value: () => ({
          ...caps(),
          width: { min: 1, max: WIDTH },
          height: { min: 1, max: HEIGHT },
          frameRate: { min: 0, max: FPS },
          deviceId: DEVICE,
          groupId: GROUP,
          facingMode: ["environment"],
        }),
      },
      applyConstraints: { value: (c?: MediaTrackConstraints) => Promise.resolve(void (state.constraints = c ?? null)) },
      getConstraints: { value: () => state.constraints ?? {} },
    });
    tracks.add(track);
    if (!startedAt) {
      startedAt = next = performance.now();
      tick();
    }
    return track;
  }

  md.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    if (!constraints?.video) return original.getUserMedia(constraints);
    let video: MediaStreamTrack;
    try {
      video = cameraTrack();
    } catch (err) {
      state.error = String(err);
      throw new DOMException(String(err), "NotReadableError");
    }
    const audio = constraints.audio ? (await original.getUserMedia({ audio: constraints.audio })).getAudioTracks() : [];
    return new MediaStream([video, ...audio]);
  };
  md.enumerateDevices = async () => {
    const others = (await original.enumerateDevices()).filter((d) => d.kind !== "videoinput");
    const scene = { deviceId: DEVICE, groupId: GROUP, kind: "videoinput", label: "Sightline scene camera" };
    return [...others, { ...scene, toJSON: () => scene } as MediaDeviceInfo];
  };
}
