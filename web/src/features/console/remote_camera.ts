/**
 * The technician's control of the customer's camera: switch, flashlight and zoom, offered only for what
 * the customer's app reported their camera can do (`caps`).
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { ToolMessage } from "../../../../shared/tools.ts";

export interface CustomerCaps {
  torch: boolean;
  zoom: { min: number; max: number; step: number; value: number } | null;
}

const NONE: CustomerCaps = { torch: false, zoom: null };

export function createRemoteCamera(send: (message: ToolMessage) => Promise<void>) {
  const caps = signal<CustomerCaps>(NONE);
  const torch = signal(false);
  return {
    caps: caps as ReadonlySignal<CustomerCaps>,
    /** The customer's flashlight as last set from here. */
    torch: torch as ReadonlySignal<boolean>,
    /** What the customer's camera can do, as their app reported it. */
    reported: (next: CustomerCaps) => (caps.value = next),
    /** A new session: nothing is known of its camera yet. */
    reset() {
      caps.value = NONE;
      torch.value = false;
    },
    switchCamera: () => send({ type: "camera", action: "switch" }),
    async setZoom(value: number) {
      const current = caps.value;
      if (!current.zoom) return;
      caps.value = { ...current, zoom: { ...current.zoom, value } };
      await send({ type: "zoom", value });
    },
    async toggleTorch() {
      const next = !torch.value;
      await send({ type: "camera", action: next ? "torch-on" : "torch-off" });
      torch.value = next;
    },
  };
}
export type RemoteCamera = ReturnType<typeof createRemoteCamera>;
