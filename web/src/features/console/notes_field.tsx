import { useEffect, useId, useMemo, useState } from "preact/hooks";
import { MAX_NOTES_LENGTH } from "../../../../shared/schemas.ts";
import { formatTime, t } from "../../lib/i18n.ts";
import type { ConsoleModel } from "./model.ts";
import { createNotesAutosave } from "./notes_autosave.ts";

/**
 * The technician's note of a session, during and after it: saved to the edge as they write
 * (`notes_autosave.ts`: when typing pauses, on leaving the field, when the page is hidden) and with
 * Save notes; a status line says Saving…, Saved or Not saved with Retry.
 */
export function NotesField({ model, sessionId }: { model: ConsoleModel; sessionId: string }) {
  const [text, setText] = useState<string | null>(null);
  const notes = useMemo(() => createNotesAutosave({ save: (note) => model.saveNotes(sessionId, note) }), [sessionId]);
  useEffect(() => {
    setText(null);
    const show = (stored: string) => {
      notes.loaded(stored);
      setText(stored);
    };
    model.notes(sessionId).then((n) => show(n.text)).catch(() => show(""));
    const onHidden = () => {
      if (document.visibilityState === "hidden") void notes.flush();
    };
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      notes.dispose();
    };
  }, [notes]);
  // The same session may show twice (the ended live view and the list's detail), so ids are per field.
  const fieldId = useId();
  const status = notes.status.value;
  return (
    <form
      class="notes stack"
      onSubmit={(e) => {
        e.preventDefault();
        void notes.save();
      }}
    >
      <label for={fieldId}>{t("report.notes")}</label>
      <textarea
        id={fieldId}
        rows={4}
        maxLength={MAX_NOTES_LENGTH}
        value={text ?? ""}
        disabled={text === null}
        onInput={(e) => {
          setText(e.currentTarget.value);
          notes.edit(e.currentTarget.value);
        }}
        onBlur={() => void notes.flush()}
      />
      {/* Printed instead of the field, which a printer would cut off. */}
      <p class="print-only notes-print">{text || t("report.notes.none")}</p>
      <div class="notes-actions">
        <button type="submit" disabled={text === null}>{t("report.notes.save")}</button>
        <span role="status" aria-live="polite" class={status.state === "failed" ? "alert" : "muted"}>
          {status.state === "saving" && t("report.notes.saving")}
          {status.state === "saved" && t("report.notes.saved", { time: formatTime(status.at) })}
          {status.state === "failed" && t("report.notes.failed")}
        </span>
        {status.state === "failed" && (
          <button type="button" onClick={() => void notes.save()}>{t("report.notes.retry")}</button>
        )}
      </div>
    </form>
  );
}
