import { t } from "../../lib/i18n.ts";
import type { VideoStats } from "./room.ts";

/** Live figures of the customer's video over the picture; `waiting` until stats exist. */
export function DetailsOverlay({ stats }: { stats: VideoStats | "waiting" }) {
  if (stats === "waiting") {
    return <div class="details-overlay" role="status">{t("console.details.waiting")}</div>;
  }
  return (
    <dl class="details-overlay" aria-label={t("console.details")}>
      <dt>{t("console.details.resolution")}</dt>
      <dd data-testid="details-resolution">{stats.width}×{stats.height}</dd>
      <dt>{t("console.details.fps")}</dt>
      <dd data-testid="details-fps">{Math.round(stats.fps)}</dd>
      <dt>{t("console.details.bitrate")}</dt>
      <dd data-testid="details-bitrate">{stats.bitrateKbps} kbit/s</dd>
      <dt>{t("console.details.rtt")}</dt>
      <dd data-testid="details-rtt">{stats.rttMs === null ? "–" : `${stats.rttMs} ms`}</dd>
    </dl>
  );
}
