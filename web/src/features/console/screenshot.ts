import type { Shape } from "../../../../shared/tools.ts";
import { paintShapes } from "../../lib/annotations.ts";

/**
 * Saves what the technician sees as PNG in this browser only: the picture at its own resolution (the
 * received video frame, or the still) with the drawing. False when there is no picture yet.
 */
export async function saveScreenshot(
  picture: HTMLVideoElement | HTMLImageElement,
  shapes: readonly Shape[],
  sessionName: string,
): Promise<boolean> {
  const [width, height] = picture instanceof HTMLImageElement
    ? [picture.naturalWidth, picture.naturalHeight]
    : [picture.videoWidth, picture.videoHeight];
  if (!width || !height) return false;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d")!;
  ctx.drawImage(picture, 0, 0);
  paintShapes(ctx, shapes, { x: 0, y: 0, w: width, h: height });
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) return false;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `sightline-${sessionName.replace(/[^\w-]+/g, "_")}-${new Date().toISOString().slice(0, 19)}.png`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return true;
}
