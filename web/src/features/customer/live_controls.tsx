import type { ComponentChildren } from "preact";
import { t } from "../../lib/i18n.ts";
import { ChatPanel } from "../../ui/chat_panel.tsx";
import { Icon } from "../../ui/icons.tsx";
import { customerIcons as icons } from "./icon_paths.ts";
import type { Camera } from "./camera.ts";
import type { CustomerSession } from "./session.ts";

/** A button of the bar: its icon over its name. */
function Tool(
  props: { label: string; pressed?: boolean; onClick: () => void; children: ComponentChildren },
) {
  return (
    <button type="button" class="tool" aria-pressed={props.pressed} onClick={props.onClick}>
      {props.children}
      <span>{props.label}</span>
    </button>
  );
}

/**
 * The floating bar at the bottom of the picture: Mute (Unmute while muted), Switch camera, Flashlight
 * (where the camera has one) and Chat, whose panel opens as a sheet above the bar.
 */
export function LiveControls({ camera, session }: { camera: Camera; session: CustomerSession }) {
  const { controls } = session;
  const muted = controls.muted.value;
  const chat = session.chat.value;
  return (
    <div class="live-bar">
      <Tool
        label={t(muted ? "customer.live.unmute" : "customer.live.mute")}
        pressed={muted}
        onClick={controls.toggleMute}
      >
        <Icon path={muted ? icons.micOff : icons.mic} />
      </Tool>
      <Tool label={t("customer.live.switch")} onClick={() => void camera.switchCamera()}>
        <Icon path={icons.switchCamera} />
      </Tool>
      {camera.torchAvailable.value && (
        <Tool
          label={t("customer.live.flashlight")}
          pressed={controls.torchOn.value}
          onClick={() => void controls.setTorch(!controls.torchOn.value)}
        >
          <Icon path={icons.flashlight} />
        </Tool>
      )}
      {chat && <ChatPanel chat={chat} peer={t("chat.technician")} icon={<Icon path={icons.chat} />} />}
    </div>
  );
}

/** End, apart from the tools (at the top, opposite the live sign); it asks first (`ConfirmEnd`). */
export function EndButton({ confirming, onClick }: { confirming: boolean; onClick: () => void }) {
  return (
    <button type="button" class="end-button" aria-expanded={confirming} onClick={onClick}>
      <Icon path={icons.end} />
      <span>{t("customer.live.end")}</span>
    </button>
  );
}

/** "End the session?" with Cancel and End session, under the End button. */
export function ConfirmEnd({ session, cancel }: { session: CustomerSession; cancel: () => void }) {
  return (
    <div class="toast confirm" role="group" aria-label={t("customer.live.confirmEnd")}>
      <p>{t("customer.live.confirmEnd")}</p>
      <div class="actions">
        <button type="button" onClick={cancel}>{t("common.cancel")}</button>
        <button type="button" class="danger" onClick={() => void session.end()}>
          {t("customer.live.confirmYes")}
        </button>
      </div>
    </div>
  );
}
