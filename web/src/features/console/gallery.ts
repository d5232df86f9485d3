/**
 * The HD photos and screenshots of the technician's sessions, kept in this browser (`lib/image_store.ts`)
 * and shown beside the picture and in the session report. Each shown image has an object URL, released
 * when it is deleted or the console goes away.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { ImageStore, StoredImage } from "../../lib/image_store.ts";

/** A shown image: as stored (its blob kept for Download all), with its object URL and type. */
export type GalleryItem = StoredImage & { url: string; type: string };

export function createGallery(store: ImageStore, now: () => number = Date.now) {
  const bySession = signal<Readonly<Record<string, readonly GalleryItem[]>>>({});
  /** The browser could not keep an image (storage full or unavailable): it is shown until the page goes. */
  const storageFailed = signal(false);
  const loading = new Map<string, Promise<void>>();

  const shown = (image: StoredImage): GalleryItem => ({
    ...image,
    type: image.blob.type,
    url: URL.createObjectURL(image.blob),
  });
  const set = (
    sessionId: string,
    items: readonly GalleryItem[],
  ) => (bySession.value = { ...bySession.value, [sessionId]: [...items].sort((a, b) => a.at - b.at) });

  /** Reads a session's images from the store, once (images added meanwhile are kept). */
  function load(sessionId: string): Promise<void> {
    const started = loading.get(sessionId);
    if (started) return started;
    const loaded = store.list(sessionId).then(
      (stored) => {
        const current = bySession.value[sessionId] ?? [];
        const fresh = stored.filter((s) => !current.some((c) => c.id === s.id)).map(shown);
        set(sessionId, [...current, ...fresh]);
      },
      () => void (storageFailed.value = true),
    );
    loading.set(sessionId, loaded);
    return loaded;
  }

  return {
    bySession: bySession as ReadonlySignal<Readonly<Record<string, readonly GalleryItem[]>>>,
    storageFailed: storageFailed as ReadonlySignal<boolean>,
    /** Session `sessionId`'s images, oldest first (empty until `load`). */
    of: (sessionId: string): readonly GalleryItem[] => bySession.value[sessionId] ?? [],
    load,
    /** Keeps an image of a session: shown at once, stored in the browser. */
    async add(sessionId: string, kind: StoredImage["kind"], blob: Blob, width: number, height: number) {
      await load(sessionId);
      const current = bySession.value[sessionId] ?? [];
      const number = Math.max(0, ...current.filter((i) => i.kind === kind).map((i) => i.number)) + 1;
      const image: StoredImage = { id: crypto.randomUUID(), sessionId, kind, number, at: now(), width, height, blob };
      const item = shown(image);
      set(sessionId, [...current, item]);
      await store.put(image).catch(() => void (storageFailed.value = true));
      return item;
    },
    async remove(sessionId: string, id: string) {
      const item = bySession.value[sessionId]?.find((i) => i.id === id);
      if (!item) return;
      set(sessionId, bySession.value[sessionId].filter((i) => i.id !== id));
      URL.revokeObjectURL(item.url);
      await store.delete(id).catch(() => void (storageFailed.value = true));
    },
    dispose() {
      for (const items of Object.values(bySession.value)) for (const i of items) URL.revokeObjectURL(i.url);
      bySession.value = {};
      loading.clear();
    },
  };
}
export type Gallery = ReturnType<typeof createGallery>;
