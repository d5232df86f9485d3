/**
 * The customer's camera and microphone: opening them (rear camera first), switching cameras, and
 * opening the camera again when its track ends under us. What the technician may control of it (torch,
 * zoom), muting, Hold and pausing while the page is hidden are `camera_controls.ts`, loaded with the
 * session. The room, once joined, is told of every new track (`connect`).
 */
import { batch, type ReadonlySignal, signal } from "@preact/signals";

/** What the camera needs of the browser (tests pass fakes). */
export interface MediaAccess {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  enumerateDevices(): Promise<{ deviceId: string; kind: string; label: string }[]>;
  /** A stream of these tracks (`new MediaStream(tracks)` in a browser). */
  stream(tracks: MediaStreamTrack[]): MediaStream;
}

export type PageVisibility = Pick<Document, "visibilityState" | "addEventListener" | "removeEventListener">;

/** What the camera needs of the joined room. */
export interface CameraRoom {
  replaceVideo(track: MediaStreamTrack): Promise<void>;
  /** Mutes the published camera (the technician sees "paused") or unmutes it. */
  setCameraPaused(paused: boolean): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
}

export interface ZoomRange {
  min: number;
  max: number;
  step: number;
}

/** What the technician may control of this camera (sent to the console as `caps`). */
export interface CameraCaps {
  torch: boolean;
  zoom: (ZoomRange & { value: number }) | null;
}

type TrackCaps = MediaTrackCapabilities & { torch?: boolean; zoom?: { min: number; max: number; step?: number } };

type Facing = "environment" | "user";
/** The camera the customer switched to last (kept in `localStorage`), so the next session starts there. */
const FACING_KEY = "sightline.facing";

function constraints(facing: Facing, device: string | null, audio: boolean): MediaStreamConstraints {
  const which = device ? { deviceId: { exact: device } } : { facingMode: { ideal: facing } };
  return {
    // No `zoom: true`: on desktop Chrome it asks for a second permission (to move the camera) and
    // fails where that is refused; phones report their back camera's zoom without it.
    video: { ...which, width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: audio ? { echoCancellation: true, noiseSuppression: true } : false,
  };
}

function zoomOf(caps: TrackCaps | undefined): ZoomRange | null {
  return caps?.zoom && caps.zoom.max > caps.zoom.min
    ? { min: caps.zoom.min, max: caps.zoom.max, step: caps.zoom.step || 0.1 }
    : null;
}

export function createCamera(deps: {
  media: MediaAccess;
  page: PageVisibility;
  /** Where the camera last switched to is remembered (`localStorage`). */
  prefs: Pick<Storage, "getItem" | "setItem">;
  /** The camera is on hold: its track was stopped on purpose and must not restart by itself. */
  held(): boolean;
  /** A new video track replaced the old one: what it can do must reach the technician. */
  changed(): void;
}) {
  const stream = signal<MediaStream | null>(null);
  const torchAvailable = signal(false);
  const stopped = signal(false);
  let zoom: ZoomRange | null = null;
  let facing: Facing = deps.prefs.getItem(FACING_KEY) === "user" ? "user" : "environment";
  /** A rear camera chosen by its id (the main one), instead of whichever `facingMode` gives. */
  let device: string | null = null;
  let room: CameraRoom | null = null;
  const video = () => stream.value?.getVideoTracks()[0];
  const open = (audio: boolean) => deps.media.getUserMedia(constraints(facing, device, audio));

  /** Takes `next` as the current stream and watches its camera track ending under us. */
  function adopt(next: MediaStream) {
    const [track] = next.getVideoTracks();
    const caps = track?.getCapabilities?.() as TrackCaps | undefined;
    zoom = zoomOf(caps);
    batch(() => {
      stream.value = next;
      torchAvailable.value = caps?.torch === true;
      stopped.value = false;
    });
    track?.addEventListener("ended", () => {
      if (video() === track && !deps.held() && deps.page.visibilityState === "visible") void restart();
    });
  }

  /** Opens the camera anew (video only) in place of the current track; the microphone stays. */
  async function reopen() {
    const [track] = (await open(false)).getVideoTracks();
    await room?.replaceVideo(track);
    adopt(deps.media.stream([track, ...(stream.value?.getAudioTracks() ?? [])]));
    deps.changed();
  }

  /** A new camera track in place of one that ended (phone call, app switch, camera taken). */
  async function restart() {
    try {
      await reopen();
      await room?.setCameraPaused(false);
    } catch {
      stopped.value = true;
    }
  }

  /** The phone's main rear camera instead of an ultra-wide or telephoto one (`lib/devices.ts`). */
  async function preferMainCamera() {
    try {
      const { mainRearCamera } = await import("../../lib/devices.ts");
      const main = mainRearCamera(await deps.media.enumerateDevices());
      if (!main || main === video()?.getSettings().deviceId) return;
      device = main;
      await reopen();
    } catch (err) {
      console.warn("Keeping the camera the browser chose", err);
    }
  }

  const currentZoom = () => (video()?.getSettings() as { zoom?: number } | undefined)?.zoom ?? zoom?.min ?? 1;

  return {
    /** Camera and microphone as the browser gave them (the preview shows it). */
    stream: stream as ReadonlySignal<MediaStream | null>,
    /** The current camera has a flashlight. */
    torchAvailable: torchAvailable as ReadonlySignal<boolean>,
    /** The camera stopped and could not restart by itself (the customer may try). */
    stopped: stopped as ReadonlySignal<boolean>,
    /** Asks for camera and microphone (the main rear camera, or the one switched to last); rejects with the browser's error. */
    async open() {
      adopt(await open(true));
      if (facing === "environment" && !device) await preferMainCamera();
    },
    /** Whether camera and microphone are open and running. */
    live: () => !!stream.value?.getTracks().every((t) => t.readyState === "live"),
    tracks: () => ({ video: video(), audio: stream.value?.getAudioTracks()[0] }),
    room: () => room,
    /** The room to tell of new tracks (null when there is none). */
    connect: (next: CameraRoom | null) => (room = next),
    restart,
    stop() {
      stream.value?.getTracks().forEach((t) => t.stop());
      stream.value = null;
    },
    async switchCamera() {
      facing = facing === "environment" ? "user" : "environment";
      device = null;
      deps.prefs.setItem(FACING_KEY, facing);
      // Release the current camera first: many phones cannot open front and back at once.
      stream.value?.getVideoTracks().forEach((t) => t.stop());
      await reopen();
    },
    zoomRange: () => zoom,
    currentZoom,
    caps: (): CameraCaps => ({ torch: torchAvailable.value, zoom: zoom && { ...zoom, value: currentZoom() } }),
  };
}
export type Camera = ReturnType<typeof createCamera>;
