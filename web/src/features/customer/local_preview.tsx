import { t } from "../../lib/i18n.ts";
import { StreamVideo } from "../../ui/stream_video.tsx";

/** The camera's local preview before Start, marked "Not shared yet" on the picture itself. */
export function LocalPreview({ stream, class: cls }: { stream: MediaStream | null; class: string }) {
  return (
    <div class="preview-frame">
      <StreamVideo class={cls} stream={stream} label={t("customer.preview")} />
      <p class="preview-note" aria-hidden="true">{t("customer.preview.notShared")}</p>
    </div>
  );
}
