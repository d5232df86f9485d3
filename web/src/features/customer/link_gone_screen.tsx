import type { LinkGone } from "../../../../shared/customer_schemas.ts";
import { t } from "../../lib/i18n.ts";
import { ScreenHeading } from "../../ui/screen_heading.tsx";

/** A link that worked once and no longer does: why, in plain words, and what to do (not a PIN form). */
export function LinkGoneScreen({ reason, companyName }: LinkGone) {
  return (
    <div class="stack link-gone">
      <ScreenHeading>{t(`customer.gone.${reason}.title`)}</ScreenHeading>
      <p>{t(`customer.gone.${reason}.body`, { company: companyName })}</p>
      <p class="muted">{t("customer.gone.close")}</p>
    </div>
  );
}
