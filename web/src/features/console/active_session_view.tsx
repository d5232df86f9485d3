import { useRef } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import { ChatBox, ChatButton } from "../../ui/chat_panel.tsx";
import { Alert, Progress } from "../../ui/feedback.tsx";
import { useMediaQuery } from "../../ui/use_media_query.ts";
import { customerQuality, statusLine } from "./active_session.ts";
import { CompactToolbar } from "./compact_toolbar.tsx";
import { GalleryView } from "./gallery_view.tsx";
import { LiveControls } from "./live_controls.tsx";
import type { ConsoleModel } from "./model.ts";
import { NotesField } from "./notes_field.tsx";
import { SessionReport } from "./session_report.tsx";
import { VideoFrame } from "./video_frame.tsx";

/** The width up to which the live view is a phone's: full-width picture, icon toolbar, chat over the picture. */
export const PHONE_LAYOUT = "(max-width: 480px)";

/**
 * The active session's tab: the picture, what is happening, connection ratings and controls, and a side
 * column with the chat (while open), the gallery and the notes. End session sits apart at the end of the
 * controls. The side column stands beside the picture on a wide screen and below it otherwise; on a phone
 * the chat is a sheet over the picture (`CompactToolbar`).
 */
export function ActiveSessionView({ model }: { model: ConsoleModel }) {
  const { live } = model;
  const active = live.active.value!;
  const confirmRef = useRef<HTMLDialogElement>(null);
  const still = live.tools.value?.still.value ?? null;
  const status = statusLine(active, live.held.value, !!live.videoTrack.value);
  const isLive = active.state !== "ended";
  const chat = live.chat.value;
  const compact = useMediaQuery(PHONE_LAYOUT);
  // Once ended, the report shows the session as the edge has it (who ended it, when).
  const ended = !isLive && model.list.sessions.value.find((s) => s.id === active.id && s.status === "ended");
  return (
    <div class={`active-session${compact ? " compact" : ""}`}>
      <div class="session-main">
        <VideoFrame
          model={model}
          hidden={!isLive}
          bar={compact ? (viewTools) => <CompactToolbar model={model} viewTools={viewTools} /> : undefined}
        />
        {still && !still.url && !still.failed && (
          <div class="banner" role="status">
            <Progress
              label={t(still.mode === "photo" ? "console.still.receivingPhoto" : "console.still.receiving")}
              value={still.progress}
            />
          </div>
        )}
        {still?.failed && <Alert>{t("console.still.failed")}</Alert>}
        {status && <p class="banner" role="status">{t(status)}</p>}
        {isLive && live.photoHint.value && <p id="photo-hint" class="banner" role="status">{t("console.photoHint")}</p>}
        {isLive && live.endError.value && <Alert>{t(live.endError.value)}</Alert>}
        {isLive && (
          <div class="live-info">
            <span>{t("console.quality.you", { quality: t(`console.quality.${active.quality.you}`) })}</span>
            <span>
              {t("console.quality.customer", {
                quality: t(`console.quality.${customerQuality(active, live.photoHint.value)}`),
              })}
            </span>
            <span role="status">{active.customerMuted ? t("console.customerMuted") : ""}</span>
          </div>
        )}
        <div class="controls">
          {isLive && !compact && <LiveControls model={model} />}
          {isLive && !compact && chat && (
            <div class="chat">
              <ChatButton chat={chat} />
            </div>
          )}
          {isLive
            ? (
              <button type="button" class="danger end-session" onClick={() => confirmRef.current?.showModal()}>
                {t("console.end")}
              </button>
            )
            : <button type="button" onClick={model.closeActive}>{t("common.close")}</button>}
        </div>
      </div>
      {isLive && (
        <div class="session-side">
          {!compact && chat && <ChatBox chat={chat} peer={t("chat.customer")} />}
          <GalleryView model={model} sessionId={active.id} sessionName={active.name} />
          <NotesField model={model} sessionId={active.id} />
        </div>
      )}
      {ended && <SessionReport model={model} session={ended} />}
      <dialog ref={confirmRef} role="alertdialog" aria-labelledby="confirm-end-title" class="confirm">
        <form method="dialog" class="stack">
          <h2 id="confirm-end-title">{t("console.confirmEnd", { name: active.name })}</h2>
          <div class="actions">
            <button type="submit" value="cancel">{t("common.cancel")}</button>
            <button type="submit" value="end" class="danger" onClick={() => void live.end()}>
              {t("console.end")}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
