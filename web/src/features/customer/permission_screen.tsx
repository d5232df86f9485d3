import type { ComponentType } from "preact";
import { t } from "../../lib/i18n.ts";
import { Alert, Spinner } from "../../ui/feedback.tsx";
import { ScreenHeading } from "../../ui/screen_heading.tsx";
import type { PermissionProblem } from "./flow.ts";
import type { CustomerModel } from "./model.ts";

/** The blocked-camera help with its buttons, from the session screens' chunk (not the first download). */
export type PermissionHelpView = ComponentType<{ model: CustomerModel; asking: boolean }>;

/** Why the app needs camera and microphone, the browser's prompt, and help when it was refused. */
export function PermissionScreen({ model, asking, problem, help: Help }: {
  model: CustomerModel;
  asking: boolean;
  problem?: PermissionProblem;
  help?: PermissionHelpView;
}) {
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.permission.title")}</ScreenHeading>
      <p>{t("customer.permission.why")}</p>
      {asking && <Spinner label={t("customer.permission.asking")} />}
      {problem === "denied" && <Alert>{t("customer.permission.denied")}</Alert>}
      {problem === "noCamera" && <Alert>{t("customer.permission.noCamera")}</Alert>}
      {problem === "inUse" && <Alert>{t("customer.permission.inUse")}</Alert>}
      {problem === "error" && <Alert>{t("error.generic")}</Alert>}
      {problem === "denied" && Help
        ? <Help model={model} asking={asking} />
        : (
          <button type="button" class="primary" disabled={asking} onClick={() => void model.requestCamera()}>
            {problem ? t("customer.permission.retry") : t("customer.permission.allow")}
          </button>
        )}
    </div>
  );
}
