/**
 * The technician's picture tools of one live session: the drawing (Draw, Arrow, Circle, Undo, Clear) and
 * stills (Freeze, HD photo) that the customer's app takes and sends over the room.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { Shape, ToolMessage } from "../../../../shared/tools.ts";
import { createDrawing, type DrawTool } from "../../lib/annotations.ts";

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
}

export function createConsoleTools(
  send: (message: ToolMessage) => Promise<void>,
  /** Sends a message too large for one data packet (the whole drawing). */
  sendLarge: (message: ToolMessage) => Promise<void>,
  /** An HD photo arrived whole (it is kept after Unfreeze). */
  keepPhoto: (blob: Blob, width: number, height: number) => void = () => {},
) {
  const drawing = createDrawing();
  const tool = signal<DrawTool | null>(null);
  const still = signal<ConsoleStill | null>(null);
  const quietly = (message: ToolMessage) => void send(message).catch(() => {});

  function drop() {
    if (still.value?.url) URL.revokeObjectURL(still.value.url);
    still.value = null;
  }

  function requestStill(mode: "freeze" | "photo") {
    drop();
    const id = crypto.randomUUID();
    still.value = { id, mode, progress: 0 };
    quietly({ type: "still", mode, id });
  }

  return {
    drawing,
    tool: tool as ReadonlySignal<DrawTool | null>,
    still: still as ReadonlySignal<ConsoleStill | null>,
    /** Picks a drawing tool; the same one again puts it down. */
    chooseTool: (name: DrawTool) => (tool.value = tool.value === name ? null : name),
    /** A shape from the drawing layer: shown here at once and sent (again while it grows). */
    draw(shape: Shape) {
      drawing.apply({ type: "shape", shape });
      quietly({ type: "shape", shape });
    },
    undo() {
      const last = drawing.shapes.value.at(-1);
      if (!last) return;
      drawing.apply({ type: "undo", id: last.id });
      quietly({ type: "undo", id: last.id });
    },
    clear() {
      drawing.apply({ type: "clear" });
      quietly({ type: "clear" });
    },
    requestStill,
    unfreeze() {
      drop();
      quietly({ type: "unfreeze" });
    },
    /** Handles a picture-tools message from the customer; false for other messages. */
    handle(message: ToolMessage): boolean {
      if (message.type === "sync") {
        void sendLarge({ type: "drawing", shapes: drawing.shapes.value }).catch(() => {});
        // A customer who reloaded lost the still: take a new one so both sides show the same picture.
        const current = still.value;
        if (current && !current.failed && message.still !== current.id) requestStill(current.mode);
      } else if (message.type === "still-failed") {
        if (still.value?.id === message.id) still.value = { ...still.value, failed: true };
      } else {
        return false;
      }
      return true;
    },
    stillProgress(id: string, progress: number) {
      const current = still.value;
      if (current?.id !== id || current.url) return;
      // The customer sees what has arrived here, in steps of 5 % (at most 20 messages).
      if (Math.floor(progress * 20) > Math.floor(current.progress * 20)) {
        quietly({ type: "still-progress", id, progress });
      }
      still.value = { ...current, progress };
    },
    async stillArrived(id: string, blob: Blob) {
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
    dispose: drop,
  };
}
export type ConsoleTools = ReturnType<typeof createConsoleTools>;
