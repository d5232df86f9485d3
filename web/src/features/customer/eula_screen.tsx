import { lang, t } from "../../lib/i18n.ts";
import type { MessageKey } from "../../messages/en.ts";
import { Alert, Spinner } from "../../ui/feedback.tsx";
import { consentIn } from "./consent.ts";
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

/**
 * The license agreement and privacy notice in the customer's language (English, with a notice saying
 * so, when the company has none in theirs) under the local camera preview; Accept joins the session
 * with the language and version shown, Decline ends it.
 */
export function EulaScreen(
  { model, joining, problem }: { model: CustomerModel; joining: boolean; problem?: JoinProblem },
) {
  const info = model.info.value;
  const consent = info && consentIn(info.eula, lang.value);
  return (
    <div class="stack">
      <LocalPreview class="preview small" stream={model.camera.stream.value} />
      <section class="eula" aria-labelledby="eula-title">
        <h1 id="eula-title">{t("customer.eula.title")}</h1>
        {consent && consent.lang !== lang.value && <p class="note">{t("customer.eula.fallback")}</p>}
        <div class="eula-text" tabIndex={0}>
          <p lang={consent?.lang}>{consent?.text}</p>
          <h2>{t("customer.eula.privacy")}</h2>
          <p lang={consent?.lang}>{consent?.privacy}</p>
        </div>
      </section>
      {problem && <Alert>{t(PROBLEM_TEXT[problem])}</Alert>}
      {joining
        ? <Spinner label={t(model.relaying.value ? "customer.join.relaying" : "customer.eula.joining")} />
        : (
          <div class="actions">
            <button type="button" onClick={() => void model.decline()}>{t("customer.eula.decline")}</button>
            <button
              type="button"
              class="primary"
              onClick={() => consent && void model.accept({ eulaVersion: consent.version, eulaLanguage: consent.lang })}
            >
              {t("customer.eula.accept")}
            </button>
          </div>
        )}
    </div>
  );
}
