/**
 * The customer's live screen: the camera (or the still the technician asked for) with the
 * technician's drawing over it, status banners, controls and chat. A separate chunk, loaded after the EULA.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CustomerModel } from "../state/customer.ts";
import { addMessages, t } from "../lib/i18n.ts";
import { liveEn } from "../messages/live_en.ts";
import { ChatPanel } from "../lib/chat_panel.tsx";
import { Progress } from "../lib/components.tsx";
import { AnnotationLayer } from "../lib/annotation_layer.tsx";

addMessages(liveEn, () => import("../messages/live_de.ts").then((m) => m.liveDe));

export function LiveScreen({ model }: { model: CustomerModel }) {
  const [confirming, setConfirming] = useState(false);
  const tools = model.tools.value;
  const still = tools?.still.value ?? null;
  return (
    <div class="live">
      {!model.onHold.value && (
        <p class="live-badge" role="status">
          <span class="dot" aria-hidden="true" /> {t("customer.live.badge")}
        </p>
      )}
      {model.offline.value
        ? <p class="banner" role="status">{t("customer.live.offline")}</p>
        : model.reconnecting.value && <p class="banner" role="status">{t("customer.live.reconnecting")}</p>}
      {!model.offline.value && !model.reconnecting.value && model.poorConnection.value && (
        <p class="banner" role="status">{t("customer.live.poor")}</p>
      )}
      {model.remoteChange.value && (
        <div class="banner" role="status">
          <p>{t(`customer.remote.${model.remoteChange.value}`)}</p>
          <div class="actions">
            <button type="button" onClick={() => void model.undoRemoteChange()}>{t("customer.remote.undo")}</button>
            <button type="button" onClick={model.dismissRemoteChange}>{t("customer.remote.ok")}</button>
          </div>
        </div>
      )}
      {still && (
        <div class="banner" role="status">
          <p>{t(still.mode === "photo" ? "customer.still.photo" : "customer.still.freeze")}</p>
          {!still.url
            ? <p>{t("customer.still.taking")}</p>
            : still.progress < 1
            ? <Progress label={t("customer.still.sending")} value={still.progress} />
            : <p>{t("customer.still.sent")}</p>}
        </div>
      )}
      {model.cameraStopped.value && (
        <div class="banner" role="alert">
          <p>{t("customer.live.cameraStopped")}</p>
          <button type="button" onClick={() => void model.restartCamera()}>{t("customer.live.restartCamera")}</button>
        </div>
      )}
      {model.onHold.value
        ? (
          <div class="hold" role="status">
            <h2>{t("customer.hold.title")}</h2>
            <p>{t("customer.hold.body")}</p>
          </div>
        )
        : <Picture model={model} stillUrl={still?.url} />}
      {confirming
        ? (
          <div class="controls" role="group" aria-label={t("customer.live.confirmEnd")}>
            <p>{t("customer.live.confirmEnd")}</p>
            <button type="button" onClick={() => setConfirming(false)}>{t("common.cancel")}</button>
            <button type="button" class="danger" onClick={() => void model.endSession()}>
              {t("customer.live.confirmYes")}
            </button>
          </div>
        )
        : (
          <div class="controls">
            <button type="button" aria-pressed={model.muted.value} onClick={model.toggleMute}>
              {t("customer.live.mute")}
            </button>
            <button type="button" onClick={() => void model.switchCamera()}>{t("customer.live.switch")}</button>
            {model.torchAvailable.value && (
              <button
                type="button"
                aria-pressed={model.torchOn.value}
                onClick={() => void model.toggleTorch()}
              >
                {t("customer.live.flashlight")}
              </button>
            )}
            <button type="button" class="danger" onClick={() => setConfirming(true)}>{t("customer.live.end")}</button>
          </div>
        )}
      {model.chat.value && <ChatPanel chat={model.chat.value} peer={t("chat.technician")} />}
    </div>
  );
}

/** The camera, or the still being shown, with the technician's drawing on top. */
function Picture({ model, stillUrl }: { model: CustomerModel; stillUrl?: string }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const imageRef = useRef<HTMLImageElement>(null);
  const shapes = model.tools.value?.drawing.shapes.value ?? [];
  const [, rerender] = useState(0);
  // The layer measures whichever element shows the picture; tell it when that changes.
  useEffect(() => rerender((n) => n + 1), [stillUrl]);
  useEffect(() => {
    const video = videoRef.current;
    if (video && video.srcObject !== model.stream.value) video.srcObject = model.stream.value;
  }, [model.stream.value, stillUrl]);
  return (
    <div class="live-stage">
      {stillUrl
        ? <img ref={imageRef} class="live-video" src={stillUrl} alt={t("customer.still.image")} />
        : <video ref={videoRef} class="live-video" aria-label={t("customer.live.video")} autoplay playsInline muted />}
      <AnnotationLayer
        shapes={shapes}
        media={stillUrl ? imageRef : videoRef}
        fit="contain"
        label={t("customer.annotations")}
      />
    </div>
  );
}
