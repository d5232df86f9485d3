/**
 * What survives a reload of the customer's tab (`sessionStorage`): the customer key of the running
 * session, so the app rejoins without the used-up PIN, and the PIN of a session that ended here, so a
 * reload says "ended" rather than "unknown PIN".
 */
import type { JoinInfo } from "../../../../shared/customer_schemas.ts";
import type { EndedReason } from "./flow.ts";

export interface SavedSession {
  customerKey: string;
  pin: string;
  info: JoinInfo;
}

export interface EndedSession {
  pin: string;
  reason: EndedReason;
}

const SAVED_KEY = "sightline.session";
const ENDED_KEY = "sightline.ended";

/** The part of `Storage` this needs (tests pass a Map-backed fake). */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function read<T>(storage: KeyValueStorage, key: string): T | null {
  try {
    return JSON.parse(storage.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

export function createSavedSession(storage: KeyValueStorage) {
  return {
    load: () => read<SavedSession>(storage, SAVED_KEY),
    save: (session: SavedSession) => storage.setItem(SAVED_KEY, JSON.stringify(session)),
    forget: () => storage.removeItem(SAVED_KEY),
    /** The session ended in this tab: forget its key, remember its PIN and why. */
    ended(ended: EndedSession) {
      storage.removeItem(SAVED_KEY);
      if (ended.pin) storage.setItem(ENDED_KEY, JSON.stringify(ended));
    },
    /** How the session of `pin` ended in this tab, if it did. */
    endedReason: (pin: string): EndedReason | null => {
      const ended = read<EndedSession>(storage, ENDED_KEY);
      return ended?.pin === pin ? ended.reason : null;
    },
  };
}
export type SavedSessionStore = ReturnType<typeof createSavedSession>;
