/**
 * Topics and limits of the in-session tools protocol (`tools.ts`), in a module without zod so the
 * customer's first download can use them without carrying the tools schemas.
 */
export const TOOLS_TOPIC = "sightline.tools";
export const SYNC_TOPIC = "sightline.sync";
export const STILL_TOPIC = "sightline.still";
export const MAX_CHAT_LENGTH = 2000;
/** Largest still (freeze frame or HD photo) either side sends or accepts. */
export const MAX_STILL_BYTES = 12 * 1024 * 1024;
/** Freehand strokes keep at most this many points (x, y pairs). */
export const MAX_STROKE_POINTS = 400;
export const MAX_SHAPES = 100;
/** A frame signature (`poses.sig`): a 16×9 grey thumbnail in base64 is 192 characters. */
export const MAX_SIGNATURE_CHARS = 256;
