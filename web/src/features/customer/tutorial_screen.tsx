import type { JSX } from "preact";
import { t } from "../../lib/i18n.ts";
import type { MessageKey } from "../../messages/en.ts";
import { InstallButton } from "../../ui/pwa_prompts.tsx";
import { ScreenHeading } from "../../ui/screen_heading.tsx";
import { TUTORIAL_STEPS } from "./flow.ts";
import { PhoneCameraArt, PointArt, TalkArt } from "./illustrations.tsx";
import type { CustomerModel } from "./model.ts";

const STEPS: { text: MessageKey; Art: () => JSX.Element }[] = [
  { text: "customer.tutorial.step1", Art: PhoneCameraArt },
  { text: "customer.tutorial.step2", Art: TalkArt },
  { text: "customer.tutorial.step3", Art: PointArt },
];

export function TutorialScreen({ model, step }: { model: CustomerModel; step: number }) {
  const { text, Art } = STEPS[step];
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.tutorial.title")}</ScreenHeading>
      <p class="muted">{t("customer.tutorial.stepOf", { n: step + 1, total: TUTORIAL_STEPS })}</p>
      <Art />
      <p class="lead">{t(text)}</p>
      <div class="actions">
        <button type="button" onClick={model.skipTutorial}>{t("customer.tutorial.skip")}</button>
        <button type="button" class="primary" onClick={model.nextTutorialStep}>{t("customer.tutorial.ok")}</button>
      </div>
      <InstallButton />
    </div>
  );
}
