import { t } from "../../lib/i18n.ts";
import { ScreenHeading } from "../../ui/screen_heading.tsx";
import { LocalPreview } from "./local_preview.tsx";
import type { CustomerModel } from "./model.ts";

/** In the session, camera still local: waiting for the technician's Start. */
export function WaitingScreen({ model }: { model: CustomerModel }) {
  const info = model.info.value;
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.waiting.title")}</ScreenHeading>
      {/* The whole picture (contain), as the technician will see it, marked as not shared yet. */}
      <LocalPreview class="preview whole" stream={model.camera.stream.value} />
      <p>{t("customer.waiting.body", { technician: info?.technicianName ?? "", company: info?.companyName ?? "" })}</p>
      <div class="pulse" role="progressbar" aria-label={t("customer.waiting.title")} />
    </div>
  );
}
