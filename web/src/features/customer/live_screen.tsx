/**
 * The customer's live screen: the camera (or the still the technician asked for) with the
 * technician's drawing over it, status banners, controls and chat. A separate chunk, loaded after the EULA.
 */
import { addMessages, t } from "../../lib/i18n.ts";
import { liveEn } from "../../messages/live_en.ts";
import { ChatPanel } from "../../ui/chat_panel.tsx";
import { LiveBanners } from "./live_banners.tsx";
import { LiveControls } from "./live_controls.tsx";
import { LivePicture } from "./live_picture.tsx";
import type { CustomerModel } from "./model.ts";

addMessages(liveEn, () => import("../../messages/live_de.ts").then((m) => m.liveDe));

export function LiveScreen({ model }: { model: CustomerModel }) {
  const session = model.session.value;
  if (!session) return null;
  const still = session.tools.value?.still.value ?? null;
  const chat = session.chat.value;
  return (
    <div class="live">
      {!model.onHold.value && (
        <p class="live-badge" role="status">
          <span class="dot" aria-hidden="true" /> {t("customer.live.badge")}
        </p>
      )}
      <LiveBanners model={model} session={session} still={still} />
      {model.onHold.value
        ? (
          <div class="hold" role="status">
            <h2>{t("customer.hold.title")}</h2>
            <p>{t("customer.hold.body")}</p>
          </div>
        )
        : <LivePicture model={model} session={session} stillUrl={still?.url} />}
      <LiveControls camera={model.camera} session={session} />
      {chat && <ChatPanel chat={chat} peer={t("chat.technician")} />}
    </div>
  );
}
