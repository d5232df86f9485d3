/**
 * The technician's picture tools of one live session: the drawing (Draw, Arrow, Circle, Undo, Clear) and
 * stills (Freeze, HD photo) that the customer's app takes and sends over the room.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { Shape, ToolMessage } from "../../../../shared/tools.ts";
import { type PoseMap, poseMap, signature } from "../../lib/anchored.ts";
import { createDrawing, type DrawTool } from "../../lib/annotations.ts";
import { watchVideoFrames } from "../../lib/video_frames.ts";
import { createPoseSync, type PoseSync } from "./pose_sync.ts";

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
}

/** The width the console scales each frame it shows to for its signature (the phone's tracking width). */
const SIGNATURE_SOURCE_WIDTH = 320;

/**
 * The frames the console shows, watched (once the customer sends poses) so that `sync` knows which of the
 * customer's frames is on screen.
 */
function watchShownFrames(sync: PoseSync) {
  let video: HTMLVideoElement | null = null;
  let stop: (() => void) | null = null;
  return {
    showing(el: HTMLVideoElement | null) {
      video = el;
    },
    receive(message: Extract<ToolMessage, { type: "poses" }>) {
      sync.receive(message);
      stop ??= watchVideoFrames(
        () => video,
        SIGNATURE_SOURCE_WIDTH,
        (image, picture, time) => sync.showing(signature(image.data, image.width, image.height), time, picture),
        true,
      );
    },
    dispose() {
      stop?.();
      sync.reset();
    },
  };
}

/**
 * A shape from the drawing layer in the coordinates of the frame it was begun on: points added while
 * the picture moved are taken back to that frame by the shape's pose (points already placed stay).
 */
function drawnShape(shape: Shape, prev: Shape | undefined, sync: PoseSync): Shape {
  if (!prev || prev.kind !== shape.kind || prev.pin) return shape;
  const back = (p: [number, number]) => sync.toDrawn(shape.id, p);
  if (shape.kind === "stroke" && prev.kind === "stroke") {
    return { ...shape, points: shape.points.map((p, i) => prev.points[i] ?? back(p)) };
  }
  if (shape.kind === "arrow" && prev.kind === "arrow") return { ...shape, from: prev.from, to: back(shape.to) };
  if (shape.kind === "circle" && prev.kind === "circle") return { ...shape, center: prev.center };
  return shape;
}

/**
 * The shape to keep and send: pinned to the screen, or anchored on the customer's frame it was begun on
 * (a growing shape keeps its first choice).
 */
function stamped(onScreen: Shape, prev: Shape | undefined, pin: boolean, sync: PoseSync): Shape {
  const anchor = prev ? { pin: prev.pin, at: prev.at } : pin ? { pin: true } : { at: sync.frame() };
  const shape = { ...drawnShape(onScreen, prev, sync), ...anchor };
  if (shape.at === undefined) delete shape.at;
  if (!shape.pin) delete shape.pin;
  return shape;
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
  const pin = signal(false);
  const sync = createPoseSync();
  const quietly = (message: ToolMessage) => void send(message).catch(() => {});
  const frames = watchShownFrames(sync);

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
    /** Anchored marks' poses on the frame shown. */
    poses: sync.poses,
    /** The frame those poses belong to, shown over the live video (null: the live video shows). */
    picture: sync.picture,
    /** New marks stay on the screen instead of following the object. */
    pin: pin as ReadonlySignal<boolean>,
    togglePin: () => (pin.value = !pin.value),
    /** Picks a drawing tool; the same one again puts it down. The phone starts tracking when one is picked. */
    chooseTool(name: DrawTool) {
      tool.value = tool.value === name ? null : name;
      if (tool.value && !pin.value) quietly({ type: "tracking", on: true });
    },
    /** A shape from the drawing layer: shown here at once and sent (again while it grows). */
    draw(onScreen: Shape) {
      const shape = stamped(onScreen, drawing.shapes.value.find((s) => s.id === onScreen.id), pin.value, sync);
      drawing.apply({ type: "shape", shape });
      quietly({ type: "shape", shape });
    },
    /** The element showing the customer's live picture (its frames are matched to the customer's). */
    showing: frames.showing,
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
      } else if (message.type === "poses") {
        frames.receive(message);
      } else if (message.type === "still-poses") {
        if (still.value?.id === message.id) still.value = { ...still.value, poses: poseMap(message.a) };
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
    dispose() {
      drop();
      frames.dispose();
    },
  };
}
export type ConsoleTools = ReturnType<typeof createConsoleTools>;
