import { t } from "../../lib/i18n.ts";
import type { SessionList } from "./session_list.ts";

/** "Notify me" until the browser allows notifications; then (or when blocked) a short note. */
export function NotifyControl({ list }: { list: SessionList }) {
  const state = list.notify.value;
  if (state === "unsupported") return null;
  if (state === "granted") return <span class="muted toolbar-note">{t("console.notify.on")}</span>;
  if (state === "denied") return <span class="muted toolbar-note">{t("console.notify.denied")}</span>;
  return <button type="button" onClick={() => void list.enableNotifications()}>{t("console.notify")}</button>;
}
