import { useEffect, useId, useState } from "preact/hooks";
import { MAX_NOTES_LENGTH } from "../../../../shared/schemas.ts";
import { formatTime, t } from "../../lib/i18n.ts";
import type { ConsoleModel } from "./model.ts";

type SaveState = { state: "idle" | "saving" | "failed" } | { state: "saved"; at: number };

/** The technician's note of a session, during and after it: a text field saved to the edge with Save notes. */
export function NotesField({ model, sessionId }: { model: ConsoleModel; sessionId: string }) {
  const [text, setText] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ state: "idle" });
  useEffect(() => {
    setText(null);
    setSave({ state: "idle" });
    model.notes(sessionId).then((n) => setText(n.text)).catch(() => setText(""));
  }, [sessionId]);
  // The same session may show twice (the ended live view and the list's detail), so ids are per field.
  const fieldId = useId();
  const submit = async (e: Event) => {
    e.preventDefault();
    setSave({ state: "saving" });
    try {
      const saved = await model.saveNotes(sessionId, text ?? "");
      setSave({ state: "saved", at: saved.updatedAt ?? Date.now() });
    } catch {
      setSave({ state: "failed" });
    }
  };
  return (
    <form class="notes stack" onSubmit={submit}>
      <label for={fieldId}>{t("report.notes")}</label>
      <textarea
        id={fieldId}
        rows={4}
        maxLength={MAX_NOTES_LENGTH}
        value={text ?? ""}
        disabled={text === null}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {/* Printed instead of the field, which a printer would cut off. */}
      <p class="print-only notes-print">{text || t("report.notes.none")}</p>
      <div class="notes-actions">
        <button type="submit" disabled={text === null || save.state === "saving"}>
          {save.state === "saving" ? t("report.notes.saving") : t("report.notes.save")}
        </button>
        <span role="status" class={save.state === "failed" ? "alert" : "muted"}>
          {save.state === "saved" && t("report.notes.saved", { time: formatTime(save.at) })}
          {save.state === "failed" && t("report.notes.failed")}
        </span>
      </div>
    </form>
  );
}
