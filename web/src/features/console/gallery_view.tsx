import { useEffect, useId, useState } from "preact/hooks";
import { formatTime, t } from "../../lib/i18n.ts";
import type { GalleryItem } from "./gallery.ts";
import type { ConsoleModel } from "./model.ts";

const nameOf = (item: GalleryItem) =>
  t(item.kind === "photo" ? "report.gallery.photo" : "report.gallery.screenshot", { n: item.number });

const safe = (name: string) => name.replace(/[^\w-]+/g, "_");

/** The file an image is saved as: session, kind and number, the picture's own format. */
const fileOf = (sessionName: string, item: GalleryItem) =>
  `sightline-${safe(sessionName)}-${item.kind}-${item.number}.${
    item.type === "image/jpeg" ? "jpg" : item.type.replace(/^image\//, "") || "png"
  }`;

/** Download all's archive: the session's name, or its id where the name has nothing a file name keeps. */
export const archiveOf = (sessionName: string, sessionId: string) =>
  `sightline-${/[A-Za-z0-9]/.test(safe(sessionName)) ? safe(sessionName) : sessionId}-photos.zip`;

/**
 * A session's HD photos and screenshots, kept in this browser: thumbnails with Save and Delete each, and
 * Download all. Says in plain words that nothing is uploaded.
 */
export function GalleryView(
  { model, sessionId, sessionName }: { model: ConsoleModel; sessionId: string; sessionName: string },
) {
  const { gallery } = model;
  const [notice, setNotice] = useState("");
  const [zipping, setZipping] = useState<"idle" | "busy" | "failed">("idle");
  useEffect(() => void gallery.load(sessionId), [sessionId]);
  const items = gallery.of(sessionId);
  const titleId = useId();
  // The archive writer is fetched on the first Download all, not with the console.
  const downloadAll = async () => {
    setZipping("busy");
    try {
      const { downloadZip } = await import("./gallery_zip.ts");
      await downloadZip(items.map((i) => ({ ...i, name: fileOf(sessionName, i) })), archiveOf(sessionName, sessionId));
      setZipping("idle");
    } catch {
      setZipping("failed");
    }
  };
  return (
    <section class="gallery" aria-labelledby={titleId}>
      <h3 id={titleId}>{t("report.gallery", { n: items.length })}</h3>
      <p class="muted">{t("report.gallery.local")}</p>
      {gallery.storageFailed.value && <p class="alert">{t("report.gallery.storageFailed")}</p>}
      {items.length === 0 ? <p class="muted">{t("report.gallery.empty")}</p> : (
        <ul class="gallery-list">
          {items.map((item) => {
            const name = nameOf(item);
            return (
              <li key={item.id}>
                <figure>
                  <img src={item.url} alt={name} width={item.width} height={item.height} />
                  <figcaption>{name} · {formatTime(item.at)}</figcaption>
                </figure>
                <div class="gallery-actions">
                  <a
                    class="button"
                    href={item.url}
                    download={fileOf(sessionName, item)}
                    aria-label={t("report.gallery.saveName", { name })}
                  >
                    {t("report.gallery.save")}
                  </a>
                  <button
                    type="button"
                    aria-label={t("report.gallery.deleteName", { name })}
                    onClick={() => {
                      void gallery.remove(sessionId, item.id);
                      setNotice(t("report.gallery.deleted", { name }));
                    }}
                  >
                    {t("report.gallery.delete")}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {items.length > 0 && (
        <button
          type="button"
          class="gallery-all"
          disabled={zipping === "busy"}
          onClick={() => void downloadAll()}
        >
          {t("report.gallery.all")}
        </button>
      )}
      {zipping === "failed" && <p class="alert" role="alert">{t("report.gallery.allFailed")}</p>}
      <p class="visually-hidden" role="status">{notice}</p>
    </section>
  );
}
