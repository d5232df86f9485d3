import { useEffect, useId, useState } from "preact/hooks";
import type { SessionView, Transcript } from "../../../../shared/schemas.ts";
import { formatTime, t } from "../../lib/i18n.ts";
import { Spinner } from "../../ui/feedback.tsx";
import type { ConsoleModel } from "./model.ts";

/** The chat of an ended session, fetched when it is shown. */
export function TranscriptView({ model, session }: { model: ConsoleModel; session: SessionView }) {
  const [lines, setLines] = useState<Transcript["lines"] | null>(null);
  const titleId = useId();
  useEffect(() => {
    setLines(null);
    model.transcript(session.id).then((t) => setLines(t.lines)).catch(() => setLines([]));
  }, [session.id]);
  if (lines === null) return <Spinner label={t("common.loading")} />;
  return (
    <section class="transcript" aria-labelledby={titleId}>
      <h3 id={titleId}>{t("console.transcript")}</h3>
      {lines.length === 0 ? <p class="muted">{t("console.transcript.empty")}</p> : (
        <ol>
          {lines.map((l) => (
            <li key={l.id}>
              <span class="chat-meta">
                {l.from === "technician" ? t("chat.you") : session.name} · {formatTime(l.at)}
              </span>
              <p>{l.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
