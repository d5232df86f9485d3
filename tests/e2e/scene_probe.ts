/**
 * Page functions for the scene camera's e2e tests (`scene.spec.ts`), on a page with `sceneCameraScript`.
 * Each is self-contained (Playwright serialises it): `page.evaluate(watchFrames, 4000)`.
 */
import type { SceneState } from "../support/scene/camera.ts";
import type { MotionKind } from "../support/scene/motion.ts";

/** What the page holds: the scene camera's state and the <video> playing it. */
export type ScenePage = { __sightlineScene: SceneState; __video: HTMLVideoElement };

/** Opens the camera as the customer app does and plays it in a <video> (`__video`); what the track says. */
export async function openSceneCamera() {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: { echoCancellation: true, noiseSuppression: true },
  });
  const video = document.createElement("video");
  video.muted = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  (globalThis as unknown as ScenePage).__video = video;
  const [track] = stream.getVideoTracks();
  const devices = await navigator.mediaDevices.enumerateDevices();
  await track.applyConstraints({ advanced: [{ zoom: 2 } as MediaTrackConstraintSet] });
  return {
    settings: track.getSettings(),
    caps: track.getCapabilities(),
    label: track.label,
    audio: stream.getAudioTracks().length,
    cameras: devices.filter((d) => d.kind === "videoinput").map((d) => [d.deviceId, d.label]),
  };
}

/** For `ms`, the <video>'s presented frames per second and every 5th frame's decoded code. */
export function watchFrames(ms: number) {
  const { __video: video, __sightlineScene: scene } = globalThis as unknown as ScenePage;
  return new Promise<{ fps: number; codes: (number | null)[]; small: (number | null)[]; sceneFps: number }>((done) => {
    const codes: (number | null)[] = [];
    const small: (number | null)[] = [];
    const half = new OffscreenCanvas(640, 360).getContext("2d", { willReadFrequently: true })!;
    let first: [number, number] | null = null;
    let n = 0;
    const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
      first ??= [now, meta.presentedFrames];
      if (n++ % 5 === 0) {
        codes.push(scene.code.decodeVideo(video));
        // The same frame at 640×360, as a simulcast layer or the console's smaller picture would be.
        half.drawImage(video, 0, 0, 640, 360);
        small.push(scene.code.decode(half.getImageData(0, 0, 640, 360).data, 640, 360));
      }
      if (now - first[0] < ms) return void video.requestVideoFrameCallback(onFrame);
      done({ fps: ((meta.presentedFrames - first[1]) * 1000) / (now - first[0]), codes, small, sceneFps: scene.fps });
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/**
 * Waits for `count` video frames `gap` frames apart, and for each finds how far the picture
 * is from where H(frame) puts the world: the sub-pixel shift (±3 px) that best
 * correlates the frame's luminance with the world's seen through H(frame), at 20 points of a grid.
 */
export function measureFidelity([count, gap]: [number, number]) {
  const { __video: video, __sightlineScene: scene } = globalThis as unknown as ScenePage;
  const { motion } = scene;
  const world = scene.world!;
  const [W, H] = [world.width, world.height];
  const wdata = world.getContext("2d")!.getImageData(0, 0, W, H).data;
  const lum = new Float32Array(W * H);
  for (let i = 0; i < lum.length; i++) {
    lum[i] = 0.299 * wdata[4 * i] + 0.587 * wdata[4 * i + 1] + 0.114 * wdata[4 * i + 2];
  }
  const sample = (x: number, y: number) => {
    const [x0, y0] = [Math.floor(x), Math.floor(y)];
    const [fx, fy] = [x - x0, y - y0];
    const at = (xx: number, yy: number) => lum[Math.min(H - 1, Math.max(0, yy)) * W + Math.min(W - 1, Math.max(0, xx))];
    return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
      (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
  };
  const ncc = (a: number[], b: number[]) => {
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    let [ab, aa, bb] = [0, 0, 0];
    for (let i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) ** 2;
      bb += (b[i] - mb) ** 2;
    }
    return ab / Math.sqrt(aa * bb + 1e-9);
  };
  /** The smaller over the larger eigenvalue of a patch's gradient structure tensor (0: an edge, 1: a corner). */
  const cornerness = (patch: number[], n: number) => {
    let [xx, yy, xy] = [0, 0, 0];
    for (let y = 1; y < n - 1; y++) {
      for (let x = 1; x < n - 1; x++) {
        const gx = patch[y * n + x + 1] - patch[y * n + x - 1];
        const gy = patch[(y + 1) * n + x] - patch[(y - 1) * n + x];
        [xx, yy, xy] = [xx + gx * gx, yy + gy * gy, xy + gx * gy];
      }
    }
    const root = Math.sqrt((xx - yy) ** 2 + 4 * xy * xy);
    return (xx + yy - root) / (xx + yy + root + 1e-9);
  };
  const grab = new OffscreenCanvas(1280, 720).getContext("2d", { willReadFrequently: true })!;
  const R = 12;
  const results: { frame: number; pose: unknown; errors: number[] }[] = [];
  return new Promise<typeof results>((done) => {
    let last = -Infinity;
    const onFrame = () => {
      grab.drawImage(video, 0, 0);
      const img = grab.getImageData(0, 0, 1280, 720).data;
      const frame = scene.code.decode(img, 1280, 720);
      if (frame !== null && frame >= last + gap) {
        last = frame;
        const back = motion.invert(motion.homography(scene.kind, frame));
        const errors: number[] = [];
        for (let i = 0; i < 5; i++) {
          for (let j = 0; j < 4; j++) {
            const [cx, cy] = [160 + i * 240, 120 + j * 160];
            const seen: number[] = [];
            for (let y = cy - R; y <= cy + R; y++) {
              for (let x = cx - R; x <= cx + R; x++) {
                const o = 4 * (y * 1280 + x);
                seen.push(0.299 * img[o] + 0.587 * img[o + 1] + 0.114 * img[o + 2]);
              }
            }
            const expected = (dx: number, dy: number) => {
              const out: number[] = [];
              for (let y = cy - R; y <= cy + R; y++) {
                for (let x = cx - R; x <= cx + R; x++) {
                  const [wx, wy] = motion.apply(back, [x + 0.5 - dx, y + 0.5 - dy]);
                  out.push(sample(wx - 0.5, wy - 0.5));
                }
              }
              return out;
            };
            let best = { score: -2, dx: 0, dy: 0 };
            for (const step of [0.5, 0.1]) {
              const [bx, by] = [best.dx, best.dy];
              const span = step === 0.5 ? 3 : 0.5;
              for (let dy = by - span; dy <= by + span + 1e-9; dy += step) {
                for (let dx = bx - span; dx <= bx + span + 1e-9; dx += step) {
                  const score = ncc(seen, expected(dx, dy));
                  if (score > best.score) best = { score, dx, dy };
                }
              }
            }
            // A flat patch or a single straight edge says nothing about position (along the edge any
            // shift fits): only patches with texture in both directions (Shi–Tomasi) that correlate count.
            if (best.score > 0.8 && cornerness(seen, 2 * R + 1) > 0.2) errors.push(Math.hypot(best.dx, best.dy));
          }
        }
        results.push({ frame, pose: motion.pose(scene.kind, frame), errors });
      }
      if (results.length < count) video.requestVideoFrameCallback(onFrame);
      else done(results);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/**
 * Six moments of `kind` (its lead, then 1/8, 1/4, 0.45, 5/8 and 3/4 into its motion) as a
 * 3×2 sheet, each with a cross where a mark drawn at the frame centre in frame 15 truly is, as a PNG.
 */
export function sceneSheet(kind: MotionKind) {
  const scene = (globalThis as unknown as ScenePage).__sightlineScene;
  const { motion, renderer } = scene;
  const full = document.createElement("canvas");
  [full.width, full.height] = [1280, 720];
  const ctx = full.getContext("2d", { alpha: false })!;
  const out = document.createElement("canvas");
  [out.width, out.height] = [1278, 480];
  const o = out.getContext("2d")!;
  const { start, frames } = motion.segmentAt(kind, motion.LEAD_FRAMES);
  [0, 0.125, 0.25, 0.45, 0.625, 0.75].map((at) => at ? Math.round(start + at * frames) : 15).forEach((f, i) => {
    renderer.draw(ctx, scene.world!, kind, f);
    const [x, y] = motion.truth(kind, 15, [640, 360], f);
    for (const [colour, width] of [["#000", 14], ["#f0f", 6]] as const) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.arc(x, y, 36, 0, 2 * Math.PI);
      ctx.moveTo(x - 60, y);
      ctx.lineTo(x + 60, y);
      ctx.moveTo(x, y - 60);
      ctx.lineTo(x, y + 60);
      ctx.stroke();
    }
    const p = motion.pose(kind, f);
    ctx.font = "bold 44px sans-serif";
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, 1280, 60);
    ctx.fillStyle = "#fff";
    const pose = `x${Math.round(p.cx)} y${Math.round(p.cy)} ×${p.scale.toFixed(2)} ${p.roll.toFixed(0)}° tilt ${
      p.tiltX.toFixed(0)
    }/${p.tiltY.toFixed(0)}`;
    ctx.fillText(`${f}: ${pose}${p.brightness < 1 ? ` light ${p.brightness.toFixed(2)}` : ""}`, 12, 46);
    o.drawImage(full, (i % 3) * 426, Math.floor(i / 3) * 240, 426, 240);
  });
  return out.toDataURL("image/png");
}

/**
 * Sends the camera through a loopback RTCPeerConnection pair in the page (`codec`, at most `kbps`, scaled
 * down by `scale`, keeping that resolution) for `ms`, and reads the frame code of every frame the receiving <video> presents:
 * how many read, and how many read as a number that cannot be right (not above the one before, or ahead
 * of the camera).
 */
export async function loopbackCodes([codec, kbps, scale, ms]: [string, number, number, number]) {
  const { __video: local, __sightlineScene: scene } = globalThis as unknown as ScenePage;
  const [a, b] = [new RTCPeerConnection(), new RTCPeerConnection()];
  a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
  b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
  const track = (local.srcObject as MediaStream).getVideoTracks()[0];
  const sendEncodings = [{ maxBitrate: kbps * 1000, scaleResolutionDownBy: scale }];
  const transceiver = a.addTransceiver(track, { direction: "sendonly", sendEncodings });
  const codecs = RTCRtpSender.getCapabilities("video")!.codecs.filter((c) => c.mimeType === `video/${codec}`);
  if (codecs.length === 0) return null;
  transceiver.setCodecPreferences(codecs);
  const remote = new Promise<MediaStreamTrack>((resolve) => (b.ontrack = (e) => resolve(e.track)));
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  // As the customer app publishes: the encoder coarsens rather than shrinking the picture.
  const params = transceiver.sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
  params.degradationPreference = "maintain-resolution";
  await transceiver.sender.setParameters(params);
  const video = document.createElement("video");
  video.muted = true;
  video.srcObject = new MediaStream([await remote]);
  await video.play();
  const seen = { frames: 0, read: 0, wrong: 0, width: 0, height: 0, first: -1, last: -1 };
  await new Promise<void>((done) => {
    const started = performance.now();
    const onFrame = () => {
      const code = scene.code.decodeVideo(video);
      [seen.frames, seen.width, seen.height] = [seen.frames + 1, video.videoWidth, video.videoHeight];
      if (code !== null) {
        seen.read++;
        if (code <= seen.last || code > scene.frame) seen.wrong++;
        if (seen.first < 0) seen.first = code;
        seen.last = code;
      }
      if (performance.now() - started < ms) video.requestVideoFrameCallback(onFrame);
      else done();
    };
    video.requestVideoFrameCallback(onFrame);
  });
  const stats = [...(await a.getStats()).values()].find((s) => s.type === "outbound-rtp");
  a.close();
  b.close();
  return {
    ...seen,
    qp: stats ? stats.qpSum / stats.framesEncoded : null,
    kbps: stats ? (stats.bytesSent * 8) / ms : null,
  };
}
