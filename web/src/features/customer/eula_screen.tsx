import { t } from "../../lib/i18n.ts";
import type { MessageKey } from "../../messages/en.ts";
import { Alert, Spinner } from "../../ui/feedback.tsx";
import type { JoinProblem } from "./flow.ts";
import { LocalPreview } from "./local_preview.tsx";
import type { CustomerModel } from "./model.ts";

const PROBLEM_TEXT: Record<JoinProblem, MessageKey> = {
  notFound: "customer.pin.notFound",
  network: "error.network",
  blocked: "customer.join.blocked",
  unreachable: "customer.join.unreachable",
  generic: "error.generic",
};

/** The license agreement under the local camera preview; Accept joins the session, Decline ends it. */
export function EulaScreen(
  { model, joining, problem }: { model: CustomerModel; joining: boolean; problem?: JoinProblem },
) {
  const eula = model.info.value?.eula;
  return (
    <div class="stack">
      <LocalPreview class="preview small" stream={model.camera.stream.value} />
      <section class="eula" aria-labelledby="eula-title">
        <h1 id="eula-title">{t("customer.eula.title")}</h1>
        <div class="eula-text" tabIndex={0}>{eula?.text}</div>
      </section>
      {problem && <Alert>{t(PROBLEM_TEXT[problem])}</Alert>}
      {joining
        ? <Spinner label={t(model.relaying.value ? "customer.join.relaying" : "customer.eula.joining")} />
        : (
          <div class="actions">
            <button type="button" onClick={() => void model.decline()}>{t("customer.eula.decline")}</button>
            <button type="button" class="primary" onClick={() => void model.accept()}>
              {t("customer.eula.accept")}
            </button>
          </div>
        )}
    </div>
  );
}
