import type { JSX } from "preact";
import { t } from "../../lib/i18n.ts";
import { ChatPanel } from "../../ui/chat_panel.tsx";
import { MoreMenu } from "../../ui/more_menu.tsx";
import { AudioControls, MuteButton } from "./audio_controls.tsx";
import { Icon } from "../../ui/icons.tsx";
import { consoleIcons as icons } from "./icon_paths.ts";
import { CustomerCameraControls, HoldButton } from "./live_controls.tsx";
import type { ConsoleModel } from "./model.ts";
import { DrawToolButton, FreezeButton, PictureToolbar } from "./picture_toolbar.tsx";

/**
 * The phone layout's toolbar under the picture: Mute, Hold, Arrow, Freeze and Chat as icons with short
 * labels, and More for the rest (drawing, stills, view, the customer's camera, volume). Chat and More
 * open over the picture, above this bar.
 */
export function CompactToolbar({ model, viewTools }: { model: ConsoleModel; viewTools: JSX.Element }) {
  const { live } = model;
  const tools = live.tools.value;
  const chat = live.chat.value;
  return (
    <div role="group" class="compact-tools" aria-label={t("console.live.tools")}>
      <MuteButton live={live} icon={<Icon path={live.micMuted.value ? icons.micOff : icons.mic} />} />
      <HoldButton live={live} withIcon />
      {tools && (
        <DrawToolButton model={model} tool="arrow" label="console.tool.arrow" icon={<Icon path={icons.arrow} />} />
      )}
      {tools && <FreezeButton model={model} withIcon />}
      {chat && <ChatPanel chat={chat} peer={t("chat.customer")} icon={<Icon path={icons.chat} />} />}
      <MoreMenu id="more-tools" label={t("console.more")} icon={<Icon path={icons.more} />}>
        {tools && <PictureToolbar model={model} compact />}
        {viewTools}
        <div role="group" class="video-tools" aria-label={t("console.remote.group")}>
          <CustomerCameraControls model={model} />
        </div>
        <AudioControls live={live} view={model.view} compact />
      </MoreMenu>
    </div>
  );
}
