/**
 * The technician's stills of one live session: Freeze and HD photo, which the customer's app takes and
 * sends over the room, with their progress, the poses of the anchored marks on them and the customer's
 * number of the frame they are of (marks drawn on a still are anchored on that frame).
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { ToolMessage } from "../../../../shared/tools.ts";
import { type PoseMap, poseMap } from "../../lib/anchored.ts";

export interface ConsoleStill {
  id: string;
  mode: "freeze" | "photo";
  /** Share received, 0–1. */
  progress: number;
  /** Object URL of the received picture, once complete. */
  url?: string;
  width?: number;
  height?: number;
  failed?: boolean;
  /** Where the anchored marks were on the picture it was taken from (the customer says). */
  poses?: PoseMap;
  /** The customer's number of the tracked frame it is of, when the customer tracks. */
  f?: number;
}

export function createStills(
  quietly: (message: ToolMessage) => void,
  /** An HD photo arrived whole (it is kept after Unfreeze). */
  keepPhoto: (blob: Blob, width: number, height: number) => void,
) {
  const still = signal<ConsoleStill | null>(null);

  function drop() {
    if (still.value?.url) URL.revokeObjectURL(still.value.url);
    still.value = null;
  }

  function request(mode: "freeze" | "photo") {
    drop();
    const id = crypto.randomUUID();
    still.value = { id, mode, progress: 0 };
    quietly({ type: "still", mode, id });
  }

  return {
    still: still as ReadonlySignal<ConsoleStill | null>,
    request,
    unfreeze() {
      drop();
      quietly({ type: "unfreeze" });
    },
    drop,
    /** Handles the customer's messages about stills; false for others. */
    handle(message: ToolMessage): boolean {
      const current = still.value;
      if (message.type === "sync") {
        // A customer who reloaded lost the still: take a new one so both sides show the same picture.
        if (current && !current.failed && message.still !== current.id) request(current.mode);
        return false; // the drawing is sent too
      }
      if (message.type === "still-failed") {
        if (current?.id === message.id) still.value = { ...current, failed: true };
      } else if (message.type === "still-poses") {
        if (current?.id === message.id) still.value = { ...current, poses: poseMap(message.a), f: message.f };
      } else return false;
      return true;
    },
    progress(id: string, progress: number) {
      const current = still.value;
      if (current?.id !== id || current.url) return;
      // The customer sees what has arrived here, in steps of 5 % (at most 20 messages).
      if (Math.floor(progress * 20) > Math.floor(current.progress * 20)) {
        quietly({ type: "still-progress", id, progress });
      }
      still.value = { ...current, progress };
    },
    async arrived(id: string, blob: Blob) {
      if (still.value?.id !== id) return;
      try {
        // Decoding proves it is an image before it is shown, and gives its size.
        const bitmap = await createImageBitmap(blob);
        if (still.value?.id !== id) return;
        still.value = {
          ...still.value,
          progress: 1,
          url: URL.createObjectURL(blob),
          width: bitmap.width,
          height: bitmap.height,
        };
        if (still.value?.mode === "photo") keepPhoto(blob, bitmap.width, bitmap.height);
        bitmap.close();
        quietly({ type: "still-progress", id, progress: 1 });
      } catch {
        if (still.value?.id === id) still.value = { ...still.value, failed: true };
      }
    },
  };
}
export type Stills = ReturnType<typeof createStills>;
