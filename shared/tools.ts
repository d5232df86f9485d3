/**
 * The in-session tools protocol: JSON messages over LiveKit data packets (reliable, topic
 * `sightline.tools`), never through the edge. Both browsers parse what they receive with these schemas.
 * Larger payloads ride LiveKit data streams: the drawing for a (re)joining customer as text on
 * `sightline.sync`, stills (freeze, HD photo) as bytes on `sightline.still`.
 */
import * as z from "zod/mini";

import { MAX_CHAT_LENGTH, MAX_SHAPES, MAX_SIGNATURE_CHARS, MAX_STROKE_POINTS } from "./tool_limits.ts";
export * from "./tool_limits.ts";

/** A coordinate on the video picture: 0 is the left (top) edge, 1 the right (bottom) edge. */
const Unit = z.number().check(z.gte(0), z.lte(1));
/** `[x, y]` (an array checked for two entries: cheaper in the customer's bundle than a zod tuple). */
const Point = z.array(Unit).check(z.minLength(2), z.maxLength(2)) as unknown as z.ZodMiniType<[number, number]>;
const ShapeId = z.string().check(z.minLength(1), z.maxLength(64));
/**
 * A frame of the customer's camera, as numbered by the customer's tracker (see `poses`). Not checked for
 * a whole number: zod's integer check would move code into the customer's first download, and a
 * fractional number only fails to find its frame (the phone then anchors on its newest one).
 */
const FrameIndex = z.number().check(z.gte(0), z.lte(2 ** 31));

/**
 * What every shape may carry: `pin` keeps it on the screen (it does not follow the object); `at` is the
 * customer's frame it was drawn on (absent when the console had no numbered frame), so the phone anchors
 * it on that frame even though the shape reaches it later.
 */
const Anchor = { pin: z.optional(z.boolean()), at: z.optional(FrameIndex) };

/** An annotation in normalised video coordinates, so it lands on the same spot at any size. */
export const ShapeSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("stroke"),
    id: ShapeId,
    points: z.array(Point).check(z.maxLength(MAX_STROKE_POINTS)),
    ...Anchor,
  }),
  /** An arrow pointing at `to`, labelled with its number `n` at its tail. */
  z.object({
    kind: z.literal("arrow"),
    id: ShapeId,
    from: Point,
    to: Point,
    n: z.number().check(z.gte(1), z.lte(999)),
    ...Anchor,
  }),
  /** An ellipse around `center` with radii relative to the picture's width and height. */
  z.object({ kind: z.literal("circle"), id: ShapeId, center: Point, radius: Point, ...Anchor }),
]);
export type Shape = z.infer<typeof ShapeSchema>;

/**
 * Where an anchored shape is in one camera frame: `h`, a homography (row-major, the last entry 1 left
 * out) from the normalised coordinates of the frame the shape was drawn on to this frame's; `v` false
 * (and `h` null or the last pose) while its region is out of view or cannot be found.
 */
export const PoseSchema = z.object({
  id: ShapeId,
  h: z.nullable(z.array(z.number().check(z.gte(-1e4), z.lte(1e4))).check(z.minLength(8), z.maxLength(8))),
  v: z.boolean(),
});
export type Pose = z.infer<typeof PoseSchema>;
const Poses = z.array(PoseSchema).check(z.maxLength(MAX_SHAPES));

export const ToolMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("chat"),
    id: z.string().check(z.maxLength(64)),
    text: z.string().check(z.minLength(1), z.maxLength(MAX_CHAT_LENGTH)),
    at: z.number(),
  }),
  /** The technician pauses (`on`) or resumes the customer's video. */
  z.object({ type: z.literal("hold"), on: z.boolean() }),
  /** The technician changes the customer's camera; the customer sees it and can undo it. */
  z.object({ type: z.literal("camera"), action: z.enum(["switch", "torch-on", "torch-off"]) }),
  /** The technician sets the customer's camera zoom (within the range the customer reported). */
  z.object({ type: z.literal("zoom"), value: z.number() }),
  /** The customer's camera abilities, so the console offers only controls that can work. */
  z.object({
    type: z.literal("caps"),
    torch: z.boolean(),
    zoom: z.nullable(z.object({ min: z.number(), max: z.number(), step: z.number(), value: z.number() })),
  }),
  /** A shape drawn (or still being drawn: the same id again replaces it). */
  z.object({ type: z.literal("shape"), shape: ShapeSchema }),
  z.object({ type: z.literal("undo"), id: ShapeId }),
  z.object({ type: z.literal("clear") }),
  /** The whole drawing, for a customer who (re)joined; sent on the sync text stream. */
  z.object({ type: z.literal("drawing"), shapes: z.array(ShapeSchema).check(z.maxLength(MAX_SHAPES)) }),
  /** The customer asks for the current drawing after joining or reconnecting; `still`: the one it shows. */
  z.object({ type: z.literal("sync"), still: z.nullable(ShapeId) }),
  /** The technician asks for a still: `freeze` (the current frame) or `photo` (full camera resolution). */
  z.object({ type: z.literal("still"), mode: z.enum(["freeze", "photo"]), id: ShapeId }),
  /** Back to the live picture on both sides. */
  z.object({ type: z.literal("unfreeze") }),
  /** The technician's side of a still on its way: the share received so far, 0–1 (shown to the customer). */
  z.object({ type: z.literal("still-progress"), id: ShapeId, progress: Unit }),
  /** The customer could not take the still (camera off, capture refused). */
  z.object({ type: z.literal("still-failed"), id: ShapeId }),
  /** The technician is about to draw (`on`) or has put the tools down: the phone starts tracking frames. */
  z.object({ type: z.literal("tracking"), on: z.boolean() }),
  /**
   * One camera frame as the customer's tracker saw it (lossy, up to one per frame): its number `f` and
   * time `t`, a small grey thumbnail `sig` (base64) by which the console tells which frame it is
   * showing, and every anchored shape's pose in it.
   */
  z.object({
    type: z.literal("poses"),
    f: FrameIndex,
    /** When the phone showed the frame (its own clock, ms): the console learns the video's delay from it. */
    t: z.number(),
    sig: z.string().check(z.maxLength(MAX_SIGNATURE_CHARS)),
    a: Poses,
  }),
  /** The poses on a still the customer took (Freeze, HD photo): the marks stay where they were on it. */
  z.object({ type: z.literal("still-poses"), id: ShapeId, f: z.optional(FrameIndex), a: Poses }),
]);
export type ToolMessage = z.infer<typeof ToolMessageSchema>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const encodeTool = (message: ToolMessage): Uint8Array<ArrayBuffer> => encoder.encode(JSON.stringify(message));

/** The message in a data packet or text stream, or null for anything that is not a valid tools message. */
export function decodeTool(payload: Uint8Array | string): ToolMessage | null {
  try {
    const text = typeof payload === "string" ? payload : decoder.decode(payload);
    const parsed = ToolMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
