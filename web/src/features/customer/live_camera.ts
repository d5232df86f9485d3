/**
 * The customer's camera while the session runs: its controls (flashlight, zoom, mute, Hold, pause on
 * hidden) and the technician's changes to it, which arrive as tool messages.
 */
import type { ReadonlySignal } from "@preact/signals";
import type { ToolMessage } from "../../../../shared/tools.ts";
import type { Camera, PageVisibility } from "./camera.ts";
import { createCameraControls } from "./camera_controls.ts";
import type { Flow, FlowEvent } from "./flow.ts";
import { createRemoteChanges } from "./remote_changes.ts";

export function createLiveCamera(
  camera: Camera,
  page: PageVisibility,
  flow: ReadonlySignal<Flow>,
  dispatch: (event: FlowEvent) => void,
) {
  const controls = createCameraControls(camera, page, () => flow.value.onHold);
  const remote = createRemoteChanges({
    switchCamera: camera.switchCamera,
    currentZoom: camera.currentZoom,
    setTorch: controls.setTorch,
    setZoom: controls.setZoom,
  });

  async function setHold(on: boolean) {
    if (flow.value.onHold === on) return;
    dispatch({ type: "hold", on });
    await controls.hold(on);
  }

  return {
    /** Flashlight, zoom, mute and Hold. */
    controls,
    /** The technician's changes to the camera, each with an Undo. */
    remote,
    /** Handles a technician's message about the camera (zoom, hold, switch, flashlight); false for others. */
    handle(message: ToolMessage): boolean {
      if (message.type === "zoom") void remote.zoom(message.value);
      else if (message.type === "hold") void setHold(message.on);
      else if (message.type === "camera") void remote.apply(message.action);
      else return false;
      return true;
    },
    /** The camera and microphone to publish again: the current ones, or opened anew if they stopped. */
    async reopenIfStopped() {
      if (camera.live()) return;
      dispatch({ type: "hold", on: false });
      camera.stop();
      await camera.open();
      controls.applyMute();
    },
    dispose: controls.dispose,
  };
}
export type LiveCamera = ReturnType<typeof createLiveCamera>;
