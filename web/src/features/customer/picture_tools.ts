/**
 * The customer's side of the technician's picture tools, loaded with the room after the EULA: the
 * drawing to show over the picture, and stills (Freeze, HD photo) taken from the camera and sent to the
 * technician over a LiveKit byte stream, with progress.
 */
import { signal } from "@preact/signals";
import type { Pose, ToolMessage } from "../../../../shared/tools.ts";
import { type PoseMap, poseMap } from "../../lib/anchored.ts";
import { createDrawing } from "../../lib/annotations.ts";
import { type KeptPicture, watchVideoFrames } from "../../lib/video_frames.ts";
import { createAnchoring, type TrackerPort } from "./anchoring.ts";

// The chat's code rides in this lazy chunk too.
export { createChat } from "../../state/chat.ts";

export interface CustomerStill {
  id: string;
  mode: "freeze" | "photo";
  /** Object URL of the very bytes sent, so both sides show the same picture; absent while capturing. */
  url?: string;
  /** Share the technician has received, 0–1 (what they report, not what left this phone). */
  progress: number;
  /** Where the anchored marks were on the picture it was taken from. */
  poses: PoseMap;
}

export type StillSender = (bytes: Uint8Array, info: { id: string; mode: string; mimeType: string }) => Promise<void>;

interface ImageCaptureLike {
  grabFrame(): Promise<ImageBitmap>;
  takePhoto(settings?: { imageWidth?: number; imageHeight?: number }): Promise<Blob>;
  getPhotoCapabilities(): Promise<{ imageWidth?: { max?: number }; imageHeight?: { max?: number } }>;
}
type ImageCaptureCtor = new (track: MediaStreamTrack) => ImageCaptureLike;

/** One frame of a video track as a drawable, at the track's own resolution. */
async function grabFrame(track: MediaStreamTrack): Promise<CanvasImageSource & { width: number; height: number }> {
  const Capture = (globalThis as { ImageCapture?: ImageCaptureCtor }).ImageCapture;
  if (Capture) {
    try {
      return await new Capture(track).grabFrame();
    } catch { /* fall back to a video element */ }
  }
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  await video.play();
  await new Promise((r) => requestAnimationFrame(r));
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext("2d")!.drawImage(video, 0, 0);
  video.srcObject = null;
  return canvas;
}

const toJpeg = (image: CanvasImageSource & { width: number; height: number }): Promise<Blob> => {
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext("2d")!.drawImage(image, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("encoding failed"))), "image/jpeg", 0.92)
  );
};

/** A copy of a kept frame (a `VideoFrame`, closed when the next one shows), taken now. */
function copyPicture(picture: KeptPicture): HTMLCanvasElement {
  const { displayWidth, displayHeight } = picture as unknown as { displayWidth: number; displayHeight: number };
  const canvas = document.createElement("canvas");
  [canvas.width, canvas.height] = [displayWidth, displayHeight];
  canvas.getContext("2d")!.drawImage(picture, 0, 0);
  return canvas;
}

/**
 * A still from the camera: `photo` asks the camera for its largest picture, `freeze` takes the frame
 * shown (`shown`: the tracked frame under the marks), else the current one.
 */
export async function captureStill(
  track: MediaStreamTrack,
  mode: "freeze" | "photo",
  shown: HTMLCanvasElement | null = null,
): Promise<Blob> {
  if (mode === "freeze" && shown) return toJpeg(shown);
  const Capture = (globalThis as { ImageCapture?: ImageCaptureCtor }).ImageCapture;
  if (mode === "photo" && Capture) {
    try {
      const capture = new Capture(track);
      const caps = await capture.getPhotoCapabilities();
      const photo = await capture.takePhoto({ imageWidth: caps.imageWidth?.max, imageHeight: caps.imageHeight?.max });
      // Cameras give JPEG; anything else (PNG from some drivers) is re-encoded to keep the transfer small.
      return photo.type === "image/jpeg" ? photo : await toJpeg(await createImageBitmap(photo));
    } catch { /* no photo support on this camera: the video frame is the best still there is */ }
  }
  return toJpeg(await grabFrame(track));
}

/** The width of the copy of each frame the tracker works on. */
const TRACK_WIDTH = 320;

export function createCustomerTools(opts: {
  send(message: ToolMessage): Promise<void>;
  sendStill: StillSender;
  videoTrack(): MediaStreamTrack | undefined;
  /** The tracker for anchored marks (loaded when the technician first draws). */
  loadTracker(): Promise<TrackerPort>;
}) {
  const drawing = createDrawing();
  const still = signal<CustomerStill | null>(null);
  let video: HTMLVideoElement | null = null;
  const anchoring = createAnchoring({
    frames: { start: (onFrame) => watchVideoFrames(() => video, TRACK_WIDTH, onFrame, true) },
    loadTracker: opts.loadTracker,
    send: (message) => void opts.send(message).catch(() => {}),
  });

  function drop() {
    if (still.value?.url) URL.revokeObjectURL(still.value.url);
    still.value = null;
    anchoring.hold(null);
  }

  async function takeStill(id: string, mode: "freeze" | "photo") {
    drop();
    still.value = { id, mode, progress: 0, poses: poseMap([]) };
    // Tracking that is starting (a tool picked just now) shows a tracked frame first: the still is of it,
    // and marks drawn on the still are anchored on it.
    await anchoring.tracked();
    if (still.value?.id !== id) return;
    const poses: readonly Pose[] = anchoring.current();
    const { index, picture } = anchoring.shown();
    const shown = picture && copyPicture(picture);
    anchoring.hold(index);
    still.value = { ...still.value, poses: poseMap(poses) };
    if (index !== null) void opts.send({ type: "still-poses", id, f: index, a: [...poses] }).catch(() => {});
    const track = opts.videoTrack();
    try {
      if (!track || track.readyState !== "live") throw new Error("camera off");
      const blob = await captureStill(track, mode, shown);
      if (still.value?.id !== id) return;
      still.value = { ...still.value, url: URL.createObjectURL(blob) };
      // Bytes leave this phone faster than the network carries them; the progress shown is the
      // technician's (`still-progress`), so "sent" means they have it.
      await opts.sendStill(new Uint8Array(await blob.arrayBuffer()), { id, mode, mimeType: blob.type });
    } catch (err) {
      console.warn("Still failed", err);
      if (still.value?.id === id) drop();
      await opts.send({ type: "still-failed", id }).catch(() => {});
    }
  }

  return {
    drawing,
    still,
    /** Where each anchored mark is on the live picture. */
    poses: anchoring.poses,
    /** The camera frame those places belong to, shown with them (null: the live video shows). */
    picture: anchoring.picture,
    /** The element showing the live camera (its frames are the ones tracked), or null. */
    showing(el: HTMLVideoElement | null) {
      video = el;
    },
    /** Asks the technician for the drawing (and still) this page should show; after (re)joining. */
    sync: () => opts.send({ type: "sync", still: still.value?.id ?? null }).catch(() => {}),
    /** Handles a picture-tools message; false for messages that are not about the picture. */
    handle(message: ToolMessage): boolean {
      anchoring.handle(message);
      if (message.type === "tracking") return true;
      if (drawing.apply(message)) return true;
      if (message.type === "still") void takeStill(message.id, message.mode);
      else if (message.type === "unfreeze") drop();
      else if (message.type === "still-progress") {
        if (still.value?.id === message.id) still.value = { ...still.value, progress: message.progress };
      } else return false;
      return true;
    },
    dispose() {
      drop();
      anchoring.dispose();
    },
  };
}
export type CustomerTools = ReturnType<typeof createCustomerTools>;
