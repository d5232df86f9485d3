/**
 * Changes the technician makes to the customer's camera (switch, flashlight, zoom): applied at once,
 * shown to the customer with an Undo until they dismiss it.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { Camera } from "./camera.ts";
import type { CameraControls } from "./camera_controls.ts";

export type RemoteChange = "switch" | "torch-on" | "torch-off" | "zoom";

export function createRemoteChanges(
  camera: Pick<Camera, "switchCamera" | "currentZoom"> & Pick<CameraControls, "setTorch" | "setZoom">,
) {
  const last = signal<RemoteChange | null>(null);
  /** The zoom before the technician's latest changes in a row, for Undo. */
  let zoomBefore: number | null = null;

  return {
    /** The technician's last change, shown until dismissed or undone. */
    last: last as ReadonlySignal<RemoteChange | null>,
    async apply(action: "switch" | "torch-on" | "torch-off") {
      if (action === "switch") await camera.switchCamera();
      else await camera.setTorch(action === "torch-on");
      last.value = action;
    },
    async zoom(value: number) {
      if (last.value !== "zoom") zoomBefore = camera.currentZoom();
      await camera.setZoom(value);
      last.value = "zoom";
    },
    async undo() {
      const change = last.value;
      last.value = null;
      if (change === "switch") await camera.switchCamera();
      else if (change === "zoom") await camera.setZoom(zoomBefore ?? 1);
      else if (change) await camera.setTorch(change !== "torch-on");
    },
    dismiss: () => (last.value = null),
  };
}
export type RemoteChanges = ReturnType<typeof createRemoteChanges>;
