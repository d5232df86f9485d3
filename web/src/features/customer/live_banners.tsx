import { t } from "../../lib/i18n.ts";
import { Progress } from "../../ui/feedback.tsx";
import type { CustomerModel } from "./model.ts";
import type { CustomerStill } from "./picture_tools.ts";
import type { CustomerSession } from "./session.ts";

/**
 * What the customer must know during the session, as toasts over the picture: connection, the
 * technician's changes, stills, the camera.
 */
export function LiveBanners(
  { model, session, still }: { model: CustomerModel; session: CustomerSession; still: CustomerStill | null },
) {
  const { camera } = model;
  const { remote } = session;
  const offline = model.offline.value;
  const reconnecting = model.reconnecting.value;
  const change = remote.last.value;
  return (
    <>
      {offline
        ? <p class="toast" role="status">{t("customer.live.offline")}</p>
        : reconnecting && <p class="toast" role="status">{t("customer.live.reconnecting")}</p>}
      {!offline && !reconnecting && session.poorConnection.value && (
        <p class="toast" role="status">{t("customer.live.poor")}</p>
      )}
      {change && (
        <div class="toast" role="status">
          <p>{t(`customer.remote.${change}`)}</p>
          <div class="actions">
            <button type="button" onClick={() => void remote.undo()}>{t("customer.remote.undo")}</button>
            <button type="button" onClick={remote.dismiss}>{t("customer.remote.ok")}</button>
          </div>
        </div>
      )}
      {still && (
        <div class="toast" role="status">
          <p>{t(still.mode === "photo" ? "customer.still.photo" : "customer.still.freeze")}</p>
          {!still.url
            ? <p>{t("customer.still.taking")}</p>
            : still.progress < 1
            ? <Progress label={t("customer.still.sending")} value={still.progress} />
            : <p>{t("customer.still.sent")}</p>}
        </div>
      )}
      {camera.stopped.value && (
        <div class="toast" role="alert">
          <p>{t("customer.live.cameraStopped")}</p>
          <button type="button" onClick={() => void camera.restart()}>{t("customer.live.restartCamera")}</button>
        </div>
      )}
    </>
  );
}
