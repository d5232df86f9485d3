/**
 * What the console knows of the technician's active session, in one place: the live session
 * (`live_session.ts`) and its room link (`session_link.ts`) change it, components read it.
 */
import { signal } from "@preact/signals";
import type { Chat } from "../../state/chat.ts";
import type { ActiveSession } from "./active_session.ts";
import { createPhotoHint } from "./photo_hint.ts";
import type { ConsoleTools } from "./picture_tools.ts";
import type { VideoSink } from "./room.ts";

export type StartError = "console.activeExists" | "error.generic" | "error.network";
export type EndError = "error.generic" | "error.network";

export function createLiveState() {
  const active = signal<ActiveSession | null>(null);
  return {
    active,
    videoTrack: signal<VideoSink | null>(null),
    micMuted: signal(false),
    /** The technician's microphone input level, 0–100. */
    micLevel: signal(0),
    chat: signal<Chat | null>(null),
    tools: signal<ConsoleTools | null>(null),
    /** The technician has put the customer's video on hold. */
    held: signal(false),
    /** Whether to suggest HD photo: the customer's picture has lost its detail. */
    photoHint: createPhotoHint(),
    starting: signal(false),
    startError: signal<StartError | null>(null),
    /** End could not reach the edge: the session still runs (for the customer too), so it stays open. */
    endError: signal<EndError | null>(null),
    /**
     * Changes session `id`'s state; "ended" is final: late room events (track unsubscribed, disconnect)
     * must not revive the session.
     */
    update: (id: string) => (patch: Partial<ActiveSession>) => {
      const current = active.value;
      if (current?.id === id && current.state !== "ended") active.value = { ...current, ...patch };
    },
  };
}
export type LiveState = ReturnType<typeof createLiveState>;
