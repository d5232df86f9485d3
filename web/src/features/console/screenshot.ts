import type { Shape } from "../../../../shared/tools.ts";
import { paintShapes } from "../../lib/annotations.ts";

/**
 * What the technician sees as a PNG: the picture at its own resolution (the received video frame, or
 * the still) with the drawing. Null when there is no picture yet. It goes to the gallery (this browser only).
 */
export async function takeScreenshot(
  picture: HTMLVideoElement | HTMLImageElement,
  shapes: readonly Shape[],
): Promise<{ blob: Blob; width: number; height: number } | null> {
  const [width, height] = picture instanceof HTMLImageElement
    ? [picture.naturalWidth, picture.naturalHeight]
    : [picture.videoWidth, picture.videoHeight];
  if (!width || !height) return null;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d")!;
  ctx.drawImage(picture, 0, 0);
  paintShapes(ctx, shapes, { x: 0, y: 0, w: width, h: height });
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  return blob && { blob, width, height };
}
