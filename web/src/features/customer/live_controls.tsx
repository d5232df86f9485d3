import { useState } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import type { Camera } from "./camera.ts";
import type { CustomerSession } from "./session.ts";

/** Mute, Switch camera, Flashlight (where the camera has one) and End, which asks first. */
export function LiveControls({ camera, session }: { camera: Camera; session: CustomerSession }) {
  const [confirming, setConfirming] = useState(false);
  const { controls } = session;
  if (confirming) {
    return (
      <div class="controls" role="group" aria-label={t("customer.live.confirmEnd")}>
        <p>{t("customer.live.confirmEnd")}</p>
        <button type="button" onClick={() => setConfirming(false)}>{t("common.cancel")}</button>
        <button type="button" class="danger" onClick={() => void session.end()}>
          {t("customer.live.confirmYes")}
        </button>
      </div>
    );
  }
  return (
    <div class="controls">
      <button type="button" aria-pressed={controls.muted.value} onClick={controls.toggleMute}>
        {t("customer.live.mute")}
      </button>
      <button type="button" onClick={() => void camera.switchCamera()}>{t("customer.live.switch")}</button>
      {camera.torchAvailable.value && (
        <button
          type="button"
          aria-pressed={controls.torchOn.value}
          onClick={() => void controls.setTorch(!controls.torchOn.value)}
        >
          {t("customer.live.flashlight")}
        </button>
      )}
      <button type="button" class="danger" onClick={() => setConfirming(true)}>{t("customer.live.end")}</button>
    </div>
  );
}
