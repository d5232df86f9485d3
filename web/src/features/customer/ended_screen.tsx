import { t } from "../../lib/i18n.ts";
import type { MessageKey } from "../../messages/en.ts";
import { InstallButton } from "../../ui/pwa_prompts.tsx";
import { ScreenHeading } from "../../ui/screen_heading.tsx";
import type { EndedReason } from "./flow.ts";

const REASON_TEXT: Record<EndedReason, MessageKey> = {
  technician: "customer.ended.technician",
  customer: "customer.ended.customer",
  declined: "customer.ended.declined",
  other: "customer.ended.other",
};

export function EndedScreen({ reason }: { reason: EndedReason }) {
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.ended.title")}</ScreenHeading>
      <p>{t(REASON_TEXT[reason])}</p>
      <p class="muted">{t("customer.ended.thanks")}</p>
      <InstallButton />
    </div>
  );
}
