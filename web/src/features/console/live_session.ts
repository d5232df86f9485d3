/**
 * The technician's active session: Start, End, and what runs while it is live (microphone, Hold, chat,
 * drawing, stills, the customer's camera). Joining its room is `session_link.ts`; its state is
 * `live_state.ts`, read here as read-only signals.
 */
import { batch, type ReadonlySignal } from "@preact/signals";
import { endSession, startSession } from "../../../../shared/api.ts";
import { ERROR_CODES } from "../../../../shared/constants.ts";
import { ApiError, isNetworkError } from "../../lib/api.ts";
import { isRefusal } from "../../lib/refusal.ts";
import type { Chat } from "../../state/chat.ts";
import { type ActiveSession, withPresence } from "./active_session.ts";
import { createLiveState, type EndError, type StartError } from "./live_state.ts";
import type { ConsoleTools } from "./picture_tools.ts";
import type { VideoSink } from "./room.ts";
import { createSessionLink, type SessionLinkDeps } from "./session_link.ts";

export type { EndError, StartError };

export function createLiveSession(deps: SessionLinkDeps) {
  const state = createLiveState();
  const link = createSessionLink(state, deps);
  const { active } = state;

  return {
    active: active as ReadonlySignal<ActiveSession | null>,
    videoTrack: state.videoTrack as ReadonlySignal<VideoSink | null>,
    micMuted: state.micMuted as ReadonlySignal<boolean>,
    micLevel: state.micLevel as ReadonlySignal<number>,
    chat: state.chat as ReadonlySignal<Chat | null>,
    tools: state.tools as ReadonlySignal<ConsoleTools | null>,
    held: state.held as ReadonlySignal<boolean>,
    /** Suggest HD photo: the customer's picture has lost its detail (`photo_hint.ts`). */
    photoHint: state.photoHint.shown,
    starting: state.starting as ReadonlySignal<boolean>,
    startError: state.startError as ReadonlySignal<StartError | null>,
    endError: state.endError as ReadonlySignal<EndError | null>,
    rejoin: link.rejoin,
    send: link.send,
    /** The session list says whether the customer is in the room. */
    presence(present: boolean) {
      const current = active.value;
      if (current) active.value = withPresence(current, present);
    },
    async start(id: string, name: string) {
      batch(() => {
        state.starting.value = true;
        state.startError.value = null;
      });
      try {
        const res = await deps.call(startSession, { params: { id } });
        await link.join(id, name, res.livekit);
      } catch (err) {
        state.startError.value = err instanceof ApiError && err.code === ERROR_CODES.activeSessionExists
          ? "console.activeExists"
          : isNetworkError(err)
          ? "error.network"
          : "error.generic";
      } finally {
        state.starting.value = false;
      }
    },
    async end() {
      const a = active.value;
      if (!a) return;
      state.endError.value = null;
      try {
        await link.ending(a.id, () => deps.call(endSession, { params: { id: a.id } }));
      } catch (err) {
        // Edge unreachable or failing: nothing has ended, so keep the session and let End be tried again.
        // (A refusal means it ended already or is not ours: end it here.)
        if (!isRefusal(err, endSession)) {
          state.endError.value = isNetworkError(err) ? "error.network" : "error.generic";
          return;
        }
      }
      state.update(a.id)({ state: "ended" });
      await link.leave();
    },
    /** Hold: the customer's camera goes off (their app stops it) until Resume. */
    async toggleHold() {
      const room = link.room();
      if (!room) return;
      const next = !state.held.value;
      await room.sendTool({ type: "hold", on: next });
      state.held.value = next;
    },
    async toggleMic() {
      state.micMuted.value = !state.micMuted.value;
      await link.room()?.setMicMuted(state.micMuted.value);
    },
    setVolume: (volume: number) => link.room()?.setVolume(volume),
    videoStats: () => link.room()?.videoStats(),
    /** Closes an ended session's view. */
    close() {
      batch(() => {
        active.value = null;
        state.startError.value = null;
      });
    },
    clearStartError: () => (state.startError.value = null),
    /** Signed out: leave the room and forget the session. */
    reset() {
      void link.leave();
      batch(() => {
        state.startError.value = null;
        active.value = null;
      });
    },
  };
}
export type LiveSession = ReturnType<typeof createLiveSession>;
