/**
 * Images kept in this browser only, by session: IndexedDB, so a technician's HD photos and screenshots
 * survive a reload of the console (they are never uploaded; DESIGN §6). `memoryImageStore` is the
 * same for tests and for browsers without IndexedDB.
 */

export interface StoredImage {
  id: string;
  sessionId: string;
  kind: "photo" | "screenshot";
  /** The how-manieth of its kind in the session (kept, so a deletion renumbers nothing). */
  number: number;
  at: number;
  width: number;
  height: number;
  blob: Blob;
}

export interface ImageStore {
  list(sessionId: string): Promise<StoredImage[]>;
  put(image: StoredImage): Promise<void>;
  delete(id: string): Promise<void>;
}

const DB_NAME = "sightline-images";
const STORE = "images";

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** The browser's IndexedDB, opened on first use; a failure to open fails each call (the caller keeps images in memory). */
export function indexedDbImageStore(indexedDB: IDBFactory): ImageStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(STORE, { keyPath: "id" }).createIndex("sessionId", "sessionId");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return db;
  };
  const store = async (mode: IDBTransactionMode) => (await open()).transaction(STORE, mode).objectStore(STORE);
  return {
    list: async (sessionId) => await done((await store("readonly")).index("sessionId").getAll(sessionId)),
    put: async (image) => void await done((await store("readwrite")).put(image)),
    delete: async (id) => void await done((await store("readwrite")).delete(id)),
  };
}

export function memoryImageStore(): ImageStore & { images: Map<string, StoredImage> } {
  const images = new Map<string, StoredImage>();
  return {
    images,
    list: (sessionId) => Promise.resolve([...images.values()].filter((i) => i.sessionId === sessionId)),
    put: (image) => Promise.resolve(void images.set(image.id, image)),
    delete: (id) => Promise.resolve(void images.delete(id)),
  };
}
