/**
 * Saving the technician's note as they write it: a save once typing has paused for `AUTOSAVE_MS`, at
 * once when the field loses focus or the page is hidden (`flush`), and on Save notes or Retry (`save`).
 * One save at a time; a note changed while a save is under way is saved after it. Pure apart from the
 * injected save and timers, so its tests run on a fake clock.
 */
import { type ReadonlySignal, signal } from "@preact/signals";

/** How long typing must pause before the note is saved. */
export const AUTOSAVE_MS = 1_500;

/** What the field says about its note: nothing yet, being saved, saved (when), or not saved. */
export type NotesStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; at: number }
  | { state: "failed" };

type TimerId = ReturnType<typeof setTimeout>;

export interface Timers {
  set(run: () => void, ms: number): TimerId;
  clear(id: TimerId): void;
}

export const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (id) => clearTimeout(id),
};

export interface NotesAutosaveDeps {
  /** Stores `text` as the note; answers with the time the edge has for it. */
  save(text: string): Promise<{ updatedAt: number | null }>;
  timers?: Timers;
  now?: () => number;
}

export interface NotesAutosave {
  status: ReadonlySignal<NotesStatus>;
  /** The note as the edge has it (loaded): nothing to save until it changes. */
  loaded(text: string): void;
  /** The technician changed the note: saved when typing pauses. */
  edit(text: string): void;
  /** Saves now if the note has changed since the last save (blur, page hidden). */
  flush(): Promise<void>;
  /** Saves now even if unchanged (Save notes, Retry), so the technician sees it confirmed. */
  save(): Promise<void>;
  /** The field goes away: a pending change is saved at once, nothing is scheduled any more. */
  dispose(): void;
}

export function createNotesAutosave(
  { save: store, timers = realTimers, now = Date.now }: NotesAutosaveDeps,
): NotesAutosave {
  const status = signal<NotesStatus>({ state: "idle" });
  let text = "";
  let saved: string | null = null;
  let timer: TimerId | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const cancelTimer = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };

  const run = async (): Promise<void> => {
    const sending = text;
    status.value = { state: "saving" };
    try {
      const answer = await store(sending);
      saved = sending;
      status.value = { state: "saved", at: answer.updatedAt ?? now() };
    } catch {
      status.value = { state: "failed" };
      again = false;
    }
  };

  /** One save at a time: a save asked for meanwhile runs once the current one is done. */
  const start = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again && text !== saved);
      running = null;
    })();
    return running;
  };

  const flush = () => {
    cancelTimer();
    return text === saved && !running ? Promise.resolve() : text === saved ? running! : start();
  };

  return {
    status,
    loaded(stored) {
      text = saved = stored;
    },
    edit(next) {
      text = next;
      cancelTimer();
      if (next !== saved) timer = timers.set(() => void flush(), AUTOSAVE_MS);
    },
    flush,
    save() {
      cancelTimer();
      return start();
    },
    dispose() {
      if (text !== saved) void flush();
      cancelTimer();
    },
  };
}
