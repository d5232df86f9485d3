import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import { AnnotationLayer } from "../../ui/annotation_layer.tsx";
import type { CustomerModel } from "./model.ts";
import type { CustomerSession } from "./session.ts";

/**
 * The camera, or the still being shown, filling the screen (cover) with the technician's drawing on top;
 * the drawing layer keeps its newest shape in view (`pictureRect` in lib/annotations.ts).
 */
export function LivePicture(
  { model, session, stillUrl }: { model: CustomerModel; session: CustomerSession; stillUrl?: string },
) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const imageRef = useRef<HTMLImageElement>(null);
  const tools = session.tools.value;
  const shapes = tools?.drawing.shapes.value ?? [];
  // Marks follow the object on the live picture; on a still they stay where they were when it was taken.
  const still = tools?.still.value;
  const poses = still ? still.poses : tools?.poses;
  const stream = model.camera.stream.value;
  const [, rerender] = useState(0);
  // The layer measures whichever element shows the picture; tell it when that changes.
  useEffect(() => rerender((n) => n + 1), [stillUrl]);
  useEffect(() => {
    const video = videoRef.current;
    if (video && video.srcObject !== stream) video.srcObject = stream;
    tools?.showing(stillUrl ? null : video);
  }, [stream, stillUrl, tools]);
  return (
    <div class="live-stage">
      {stillUrl
        ? <img ref={imageRef} class="live-video" src={stillUrl} alt={t("customer.still.image")} />
        : <video ref={videoRef} class="live-video" aria-label={t("customer.live.video")} autoplay playsInline muted />}
      <AnnotationLayer
        shapes={shapes}
        media={stillUrl ? imageRef : videoRef}
        fit="cover"
        label={t("customer.annotations")}
        poses={poses}
        picture={still ? undefined : tools?.picture}
        lostLabel={t("customer.annotations.lost")}
      />
    </div>
  );
}
