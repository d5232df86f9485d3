/**
 * The customer's live screen, a camera viewfinder: the camera (or the still the technician asked for)
 * fills the screen with the technician's drawing over it; the live sign and End at the top, notices as
 * toasts under them, the tools in a floating bar at the bottom with the chat as a sheet above it. All of
 * it floats over the picture, so nothing that comes and goes moves it. A separate chunk, loaded after
 * the EULA.
 */
import { useState } from "preact/hooks";
import "../../styles/live.css";
import { addMessages, t } from "../../lib/i18n.ts";
import { liveEn } from "../../messages/live_en.ts";
import { LiveBanners } from "./live_banners.tsx";
import { ConfirmEnd, EndButton, LiveControls } from "./live_controls.tsx";
import { LivePicture } from "./live_picture.tsx";
import type { CustomerModel } from "./model.ts";

addMessages(liveEn, () => import("../../messages/live_de.ts").then((m) => m.liveDe));

export function LiveScreen({ model }: { model: CustomerModel }) {
  const [confirming, setConfirming] = useState(false);
  const session = model.session.value;
  if (!session) return null;
  const still = session.tools.value?.still.value ?? null;
  const onHold = model.onHold.value;
  return (
    <div class={onHold ? "live" : "live on-air"}>
      {onHold
        ? (
          <div class="hold" role="status">
            <h2>{t("customer.hold.title")}</h2>
            <p>{t("customer.hold.body")}</p>
          </div>
        )
        : <LivePicture model={model} session={session} stillUrl={still?.url} />}
      <div class="live-top">
        <div class="live-row">
          {!onHold && (
            <p class="live-badge" role="status">
              <span class="dot" aria-hidden="true" /> {t("customer.live.badge")}
            </p>
          )}
          <EndButton confirming={confirming} onClick={() => setConfirming(!confirming)} />
        </div>
        {confirming && <ConfirmEnd session={session} cancel={() => setConfirming(false)} />}
        <LiveBanners model={model} session={session} still={still} />
      </div>
      <LiveControls camera={model.camera} session={session} />
    </div>
  );
}
