/** The PWA's own offers: a new version to switch to, and installation. */
import { t } from "../lib/i18n.ts";
import { applyUpdate, install, installOffer, updateReady } from "../lib/pwa.ts";

/** "New version ready" with an Update button; shown only where it cannot interrupt a live session. */
export function UpdatePrompt() {
  if (!updateReady.value) return null;
  return (
    <div class="banner update" role="status">
      <span>{t("pwa.updateReady")}</span>
      <button type="button" onClick={applyUpdate}>{t("pwa.update")}</button>
    </div>
  );
}

/** "Add to home screen", only where the browser offers installation; never part of the main flow. */
export function InstallButton() {
  if (!installOffer.value) return null;
  return <button type="button" class="link-button" onClick={() => void install()}>{t("pwa.install")}</button>;
}
