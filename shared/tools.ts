/**
 * The in-session tools protocol: JSON messages over LiveKit data packets (reliable, topic
 * `sightline.tools`), never through the edge. Both browsers parse what they receive with these schemas.
 */
import * as z from "zod/mini";

export const TOOLS_TOPIC = "sightline.tools";
export const MAX_CHAT_LENGTH = 2000;

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
  /** The customer's camera abilities, so the console offers only controls that can work. */
  z.object({ type: z.literal("caps"), torch: z.boolean(), zoom: z.boolean() }),
]);
export type ToolMessage = z.infer<typeof ToolMessageSchema>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const encodeTool = (message: ToolMessage): Uint8Array<ArrayBuffer> => encoder.encode(JSON.stringify(message));

/** The message in a data packet, or null for anything that is not a valid tools message. */
export function decodeTool(payload: Uint8Array): ToolMessage | null {
  try {
    const parsed = ToolMessageSchema.safeParse(JSON.parse(decoder.decode(payload)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
