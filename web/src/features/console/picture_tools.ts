/**
 * The technician's picture tools of one live session: the drawing (Draw, Arrow, Circle, Undo, Clear) and
 * stills (Freeze, HD photo) that the customer's app takes and sends over the room.
 */
import { computed, type ReadonlySignal, signal } from "@preact/signals";
import type { Shape, ToolMessage } from "../../../../shared/tools.ts";
import { signature } from "../../lib/anchored.ts";
import { createDrawing, type DrawTool } from "../../lib/annotations.ts";
import { watchVideoFrames } from "../../lib/video_frames.ts";
import { createPoseSync, type PoseSync, withUnplaced } from "./pose_sync.ts";
import { type ConsoleStill, createStills } from "./stills.ts";

export type { ConsoleStill };

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
 * — the frame shown, or the one a still shown is of (a growing shape keeps its first choice).
 */
function stamped(onScreen: Shape, prev: Shape | undefined, pin: boolean, sync: PoseSync, still: ConsoleStill | null) {
  const onStill = !!still?.url;
  const anchor = prev
    ? { pin: prev.pin, at: prev.at }
    : pin
    ? { pin: true }
    : { at: onStill ? still!.f : sync.frame() };
  // On a still the picture does not move: points are where they are drawn.
  const shape = { ...(onStill ? onScreen : drawnShape(onScreen, prev, sync)), ...anchor };
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
  const pin = signal(false);
  const freezeToDraw = signal(false);
  const sync = createPoseSync();
  const quietly = (message: ToolMessage) => void send(message).catch(() => {});
  const frames = watchShownFrames(sync);
  const stills = createStills(quietly, keepPhoto);
  /** The still "Freeze while drawing" took; it goes when the tool is put down. */
  let drawingStill: string | null = null;

  /** With "Freeze while drawing", a tool in hand freezes the picture, and putting it down unfreezes it. */
  function freezeForDrawing() {
    const current = stills.still.value;
    if (freezeToDraw.value && tool.value && !current) {
      stills.request("freeze");
      drawingStill = stills.still.value?.id ?? null;
    } else if ((!freezeToDraw.value || !tool.value) && drawingStill) {
      if (current?.id === drawingStill) stills.unfreeze();
      drawingStill = null;
    }
  }

  return {
    drawing,
    tool: tool as ReadonlySignal<DrawTool | null>,
    still: stills.still,
    /** Anchored marks' poses on the frame shown. */
    poses: computed(() => withUnplaced(sync.poses.value, drawing.shapes.value, sync.frame())),
    /** The frame those poses belong to, shown over the live video (null: the live video shows). */
    picture: sync.picture,
    /** New marks stay on the screen instead of following the object. */
    pin: pin as ReadonlySignal<boolean>,
    togglePin: () => (pin.value = !pin.value),
    /** The picture freezes while a drawing tool is in hand. */
    freezeToDraw: freezeToDraw as ReadonlySignal<boolean>,
    toggleFreezeToDraw() {
      freezeToDraw.value = !freezeToDraw.value;
      freezeForDrawing();
    },
    /** Picks a drawing tool; the same one again puts it down. The phone starts tracking when one is picked. */
    chooseTool(name: DrawTool) {
      tool.value = tool.value === name ? null : name;
      if (tool.value && !pin.value) quietly({ type: "tracking", on: true });
      freezeForDrawing();
    },
    /** A shape from the drawing layer: shown here at once and sent (again while it grows). */
    draw(onScreen: Shape) {
      const prev = drawing.shapes.value.find((s) => s.id === onScreen.id);
      const shape = stamped(onScreen, prev, pin.value, sync, stills.still.value);
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
    requestStill: stills.request,
    unfreeze() {
      drawingStill = null;
      stills.unfreeze();
    },
    /** Handles a picture-tools message from the customer; false for other messages. */
    handle(message: ToolMessage): boolean {
      if (stills.handle(message)) return true;
      if (message.type === "sync") void sendLarge({ type: "drawing", shapes: drawing.shapes.value }).catch(() => {});
      else if (message.type === "poses") frames.receive(message);
      else return false;
      return true;
    },
    stillProgress: stills.progress,
    stillArrived: stills.arrived,
    dispose() {
      stills.drop();
      frames.dispose();
    },
  };
}
export type ConsoleTools = ReturnType<typeof createConsoleTools>;
