import { useEffect, useRef, useState } from "preact/hooks";
import type { CreateSessionResponse } from "../../../../shared/schemas.ts";
import { t } from "../../lib/i18n.ts";
import type { ConsoleModel } from "./model.ts";
import { NewSessionForm } from "./new_session_form.tsx";
import { SessionCreated } from "./session_created.tsx";

/** The "Create new session" dialog (DESIGN §1.1): Lens, Name, Email or Link, then PIN and link. */
export function NewSessionDialog({ model, onClose }: { model: ConsoleModel; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [created, setCreated] = useState<{ result: CreateSessionResponse; to: string } | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const close = () => ref.current?.close();
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="new-session-title" onClose={onClose}>
      <div class="dialog-head">
        <h2 id="new-session-title">{t("console.dialog.title")}</h2>
        <button type="button" class="icon" aria-label={t("common.close")} onClick={close}>
          ×
        </button>
      </div>
      {created
        ? <SessionCreated result={created.result} to={created.to} onDone={close} />
        : <NewSessionForm model={model} onCreated={(result, to) => setCreated({ result, to })} />}
    </dialog>
  );
}
