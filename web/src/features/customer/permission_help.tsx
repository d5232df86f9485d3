import { useEffect, useState } from "preact/hooks";
import { browserFamily } from "../../lib/browser.ts";
import { t } from "../../lib/i18n.ts";
import "../../styles/permission.css";
import type { CustomerModel } from "./model.ts";
import { PermissionArt } from "./permission_art.tsx";

/**
 * Whether the browser says the camera is blocked for this site (a "hard" deny: asking again cannot work
 * until the customer changes the setting), following its changes; false where the browser cannot tell.
 */
function useHardDenied(): boolean {
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    let status: PermissionStatus | undefined;
    const update = () => setDenied(status?.state === "denied");
    navigator.permissions?.query({ name: "camera" as PermissionName }).then((s) => {
      status = s;
      update();
      s.addEventListener("change", update);
    }).catch(() => {}); // Firefox and older Safari do not know "camera": the customer may try again.
    return () => status?.removeEventListener("change", update);
  }, []);
  return denied;
}

/**
 * A blocked camera: a picture and the steps of this browser to allow it again, then Reload. Try again
 * only where asking again can work (the browser does not report the camera as blocked, or no longer).
 */
export function PermissionHelp({ model, asking }: { model: CustomerModel; asking: boolean }) {
  const family = browserFamily();
  const hard = useHardDenied();
  return (
    <>
      <section class="permission-help" aria-labelledby="permission-help-heading">
        <h2 id="permission-help-heading">{t("customer.permission.howTo")}</h2>
        <PermissionArt family={family} />
        <p>{t(`customer.permission.help.${family}`)}</p>
        <p>{t("customer.permission.reloadHint")}</p>
      </section>
      {!hard && (
        <button type="button" class="primary" disabled={asking} onClick={() => void model.requestCamera()}>
          {t("customer.permission.retry")}
        </button>
      )}
      <button type="button" class={hard ? "primary" : undefined} onClick={() => location.reload()}>
        {t("customer.permission.reload")}
      </button>
    </>
  );
}
