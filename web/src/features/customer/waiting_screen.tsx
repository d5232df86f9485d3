import { t } from "../../lib/i18n.ts";
import { ScreenHeading } from "../../ui/screen_heading.tsx";
import { StreamVideo } from "../../ui/stream_video.tsx";
import type { CustomerModel } from "./model.ts";

/** In the session, camera still local: waiting for the technician's Start. */
export function WaitingScreen({ model }: { model: CustomerModel }) {
  const info = model.info.value;
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.waiting.title")}</ScreenHeading>
      <StreamVideo class="preview" stream={model.camera.stream.value} label={t("customer.preview")} />
      <p>{t("customer.waiting.body", { technician: info?.technicianName ?? "", company: info?.companyName ?? "" })}</p>
      <div class="pulse" role="progressbar" aria-label={t("customer.waiting.title")} />
    </div>
  );
}
