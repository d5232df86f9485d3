/**
 * What changes the customer's camera and microphone during a session: flashlight and zoom (the
 * customer's or the technician's), muting, Hold (the camera stops, its light goes off) and pausing
 * while the page is hidden, so the technician sees "paused" instead of a frozen picture.
 */
import { computed, type ReadonlySignal, signal } from "@preact/signals";
import type { Camera, PageVisibility } from "./camera.ts";

export function createCameraControls(camera: Camera, page: PageVisibility, held: () => boolean) {
  /** The flashlight as last set, for the stream it was set on (a new camera starts with it off). */
  const torch = signal<{ stream: MediaStream | null; on: boolean }>({ stream: null, on: false });
  const muted = signal(false);
  const video = () => camera.tracks().video;

  /** Hidden (screen lock, app switch): the technician sees "paused"; back: the camera resumes. */
  function onVisibility() {
    const room = camera.room();
    if (!room || held()) return;
    if (page.visibilityState === "hidden") {
      void room.setCameraPaused(true);
      return;
    }
    const track = video();
    if (!track || track.readyState === "ended") void camera.restart();
    else void room.setCameraPaused(false);
  }
  page.addEventListener("visibilitychange", onVisibility);

  function applyMute() {
    camera.stream.value?.getAudioTracks().forEach((t) => (t.enabled = !muted.value));
  }

  return {
    torchOn: computed(() => torch.value.on && torch.value.stream === camera.stream.value),
    muted: muted as ReadonlySignal<boolean>,
    async setTorch(on: boolean) {
      const track = video();
      if (!track || !camera.torchAvailable.value) return;
      await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
      torch.value = { stream: camera.stream.value, on };
    },
    async setZoom(value: number) {
      const track = video();
      const range = camera.zoomRange();
      if (!track || !range) return;
      const zoom = Math.min(range.max, Math.max(range.min, value));
      await track.applyConstraints({ advanced: [{ zoom } as MediaTrackConstraintSet] });
    },
    toggleMute() {
      muted.value = !muted.value;
      applyMute();
      void camera.room()?.setMuted(muted.value);
    },
    /** A microphone opened anew follows the customer's mute. */
    applyMute,
    /** Hold stops the camera itself (its light goes off); Resume opens it again. */
    async hold(on: boolean) {
      if (!on) return camera.restart();
      await camera.room()?.setCameraPaused(true);
      camera.stream.value?.getVideoTracks().forEach((t) => t.stop());
    },
    dispose: () => page.removeEventListener("visibilitychange", onVisibility),
  };
}
export type CameraControls = ReturnType<typeof createCameraControls>;
