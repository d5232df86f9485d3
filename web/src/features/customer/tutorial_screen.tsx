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

/** One step of the tutorial; Skip and Next (OK on the last step) at the bottom, under progress dots. */
export function TutorialScreen({ model, step }: { model: CustomerModel; step: number }) {
  const { text, Art } = STEPS[step];
  const last = step + 1 == TUTORIAL_STEPS;
  return (
    <div class="stack tutorial">
      <ScreenHeading>{t("customer.tutorial.title")}</ScreenHeading>
      <Art />
      <p class="lead">{t(text)}</p>
      <InstallButton />
      <div class="stack foot">
        {/* The dots are drawn by CSS (.dots.s<step>); the text says the same for screen readers. */}
        <p class={`dots s${step}`}>{t("customer.tutorial.stepOf", { n: step + 1, total: TUTORIAL_STEPS })}</p>
        <div class="actions">
          {!last && <button type="button" onClick={model.skipTutorial}>{t("customer.tutorial.skip")}</button>}
          <button type="button" class="primary" onClick={model.nextTutorialStep}>
            {t(last ? "customer.tutorial.ok" : "customer.tutorial.next")}
          </button>
        </div>
      </div>
    </div>
  );
}
