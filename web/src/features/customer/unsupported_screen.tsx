import { useState } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import { type BrowserProblem, platform } from "../../lib/browser.ts";
import type { MessageKey } from "../../messages/en.ts";
import { ScreenHeading } from "../../ui/screen_heading.tsx";
import type { CustomerModel } from "./model.ts";

/** Each problem in words that name the missing piece, so support can tell what the customer's browser lacks. */
const REASON_TEXT: Record<Exclude<BrowserProblem, null>, MessageKey> = {
  inApp: "customer.unsupported.inApp",
  insecure: "customer.unsupported.insecure",
  noCamera: "customer.unsupported.noCamera",
  noWebRTC: "customer.unsupported.noWebRTC",
};

/** This browser cannot do the job: how to open the link elsewhere, and the store app as a fallback. */
export function UnsupportedScreen(
  { model, reason }: { model: CustomerModel; reason: Exclude<BrowserProblem, null> },
) {
  const [copied, setCopied] = useState(false);
  const os = platform();
  const store = os === "desktop" ? null : model.info.value?.storeUrls[os];
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.unsupported.title")}</ScreenHeading>
      <p>{t(REASON_TEXT[reason])}</p>
      <button
        type="button"
        class="primary"
        onClick={async () => {
          await navigator.clipboard?.writeText(location.href).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? t("common.copied") : t("customer.unsupported.copy")}
      </button>
      {store && (
        <>
          <p class="muted">{t("customer.unsupported.storeIntro")}</p>
          <a class="button" href={store} rel="noopener">
            {t(os === "ios" ? "customer.unsupported.appStore" : "customer.unsupported.googlePlay")}
          </a>
        </>
      )}
    </div>
  );
}
