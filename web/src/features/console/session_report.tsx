import { useId } from "preact/hooks";
import type { SessionView } from "../../../../shared/schemas.ts";
import { locale, t } from "../../lib/i18n.ts";
import type { MessageKey } from "../../messages/en.ts";
import { GalleryView } from "./gallery_view.tsx";
import type { ConsoleModel } from "./model.ts";
import { NotesField } from "./notes_field.tsx";
import { TranscriptView } from "./transcript_view.tsx";

const dateTime = (at: number) =>
  new Intl.DateTimeFormat(locale.value, { dateStyle: "medium", timeStyle: "short" }).format(at);

/** "42 s", "12 min 3 s", or "1 h 5 min" from an hour on. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  if (h > 0) return t("report.duration.hours", { h, m });
  return m > 0 ? t("report.duration.value", { m, s }) : t("report.duration.seconds", { s });
}

/** Who or what ended a session, in plain words. */
export const endedByKey = (s: SessionView): MessageKey => s.endedBy ? `report.end.${s.endedBy}` : "report.end.unknown";

/**
 * An ended session's report: when, how long, who ended it and why, the chat, the technician's notes and
 * the images still in this browser; Print report prints just this (the print stylesheet hides the rest).
 */
export function SessionReport({ model, session }: { model: ConsoleModel; session: SessionView }) {
  const titleId = useId();
  const { startedAt, endedAt } = session;
  return (
    <article class="report stack" aria-labelledby={titleId}>
      <div class="report-head">
        <h2 id={titleId}>{t("report.title")}: {session.name}</h2>
        <button type="button" class="report-print" onClick={() => globalThis.print()}>{t("report.print")}</button>
      </div>
      <dl class="report-facts">
        <dt>{t("report.started")}</dt>
        <dd>{startedAt ? dateTime(startedAt) : t("report.notStarted")}</dd>
        {endedAt && (
          <>
            <dt>{t("report.ended")}</dt>
            <dd>{dateTime(endedAt)}</dd>
          </>
        )}
        {startedAt && endedAt && (
          <>
            <dt>{t("report.duration")}</dt>
            <dd>{formatDuration(endedAt - startedAt)}</dd>
          </>
        )}
        <dt>{t("report.how")}</dt>
        <dd>{t(endedByKey(session))}</dd>
      </dl>
      <TranscriptView model={model} session={session} />
      <NotesField model={model} sessionId={session.id} />
      <GalleryView model={model} sessionId={session.id} sessionName={session.name} />
    </article>
  );
}
