/**
 * The link between the console and the active session's room: joining it (with a fresh chat and
 * picture tools, or the ones kept when joining again), and getting back in after a lost connection or
 * a reload, retrying while the edge or LiveKit cannot be reached.
 */
import { batch } from "@preact/signals";
import { addChatLine, startSession } from "../../../../shared/api.ts";
import type { Api } from "../../lib/api.ts";
import { isRefusal } from "../../lib/refusal.ts";
import { retry } from "../../lib/retry.ts";
import { type Chat, createChat } from "../../state/chat.ts";
import { openedSession } from "./active_session.ts";
import type { LiveState } from "./live_state.ts";
import { pictureExpected } from "./photo_hint.ts";
import { createConsoleTools } from "./picture_tools.ts";
import type { RemoteCamera } from "./remote_camera.ts";
import type { TechnicianRoom } from "./room.ts";
import { joinSessionRoom, type RoomCode } from "./session_room.ts";

export interface SessionLinkDeps {
  /** The API as the signed-in technician. */
  call: Api;
  loadRoom(): Promise<RoomCode>;
  remote: RemoteCamera;
  signedIn(): boolean;
  /** The customer's voice volume, 0–1, for a room just joined. */
  volume(): number;
  /** A session opened (not a rejoin of the same one): show it, with a fresh view. */
  opened(): void;
  /** The room closed: stop what polls it. */
  closed(): void;
  /** An HD photo of session `id` arrived: keep it in the gallery. */
  keepPhoto(id: string, blob: Blob, width: number, height: number): void;
  wait(ms: number): Promise<void>;
}

/** A fresh chat (every line also kept in the session's transcript) and picture tools for session `id`. */
function openSession(
  state: LiveState,
  deps: SessionLinkDeps,
  id: string,
  name: string,
  room: () => TechnicianRoom | null,
) {
  state.tools.value?.dispose();
  const chat = createChat((line) => {
    const body = { id: line.id, from: line.mine ? "technician" : "customer", text: line.text, at: line.at } as const;
    void deps.call(addChatLine, { params: { id }, body }).catch(() => {});
  });
  state.active.value = openedSession(id, name);
  batch(() => {
    state.endError.value = null;
    state.chat.value = chat;
    state.tools.value = createConsoleTools(
      (message) => room()?.sendTool(message) ?? Promise.resolve(),
      (message) => room()?.sendLarge(message) ?? Promise.resolve(),
      (blob, width, height) => deps.keepPhoto(id, blob, width, height),
    );
    state.held.value = false;
    state.micMuted.value = false;
    deps.opened();
  });
}

export function createSessionLink(state: LiveState, deps: SessionLinkDeps) {
  let room: TechnicianRoom | null = null;
  /** The session whose End request is in flight (its room closing is no news to this page). */
  let ending: string | null = null;
  /** The session being joined again (after a lost connection or a reload); one at a time. */
  let rejoining: string | null = null;

  function left(chat: Chat) {
    chat.attach(null);
    room = null;
    state.videoTrack.value = null;
    state.photoHint.sample(null, false);
  }

  /** Joins the session's room; `resume`: again, after a lost connection or a reload (keeps chat and drawing). */
  async function join(id: string, name: string, connection: { url: string; token: string }, resume = false) {
    if (!(resume && state.active.value?.id === id && state.chat.value && state.tools.value)) {
      openSession(state, deps, id, name, () => room);
    }
    const [chat, update] = [state.chat.value!, state.update(id)];
    const joined = await joinSessionRoom(await deps.loadRoom(), connection, () => room, {
      chat,
      tools: state.tools.value!,
      remote: deps.remote,
      held: () => state.held.value,
      update,
      quality: () => state.active.value?.quality,
      video: (track) => (state.videoTrack.value = track),
      micLevel: (level) => (state.micLevel.value = level),
      picture(sample) {
        const still = !!state.tools.value?.still.value;
        state.photoHint.sample(sample, pictureExpected(state.active.value, state.held.value, still));
      },
      ended(roomDeleted) {
        left(chat);
        deps.closed();
        // The room also closes when this page's End deletes it.
        update({ state: "ended", endedByCustomer: roomDeleted && ending !== id });
      },
      lost() {
        left(chat);
        void rejoin(id, name);
      },
    });
    // Ended (End clicked, or the room closed) while joining: nothing to keep.
    const active = state.active.value;
    if (active?.id !== id || active.state === "ended") {
      await joined.disconnect();
      return;
    }
    // The room is ours before the microphone is published: the customer's caps can arrive meanwhile and
    // show the controls, whose first use must reach the customer.
    room = joined;
    chat.attach(joined.sendTool);
    joined.setVolume(deps.volume());
    await joined.startMicrophone();
    if (state.micMuted.value) await joined.setMicMuted(true);
    // Connected again: "live" (the view says when the video is still on its way).
    if (resume) update({ state: "live" });
  }

  /**
   * Back into an active session whose media connection was lost (LiveKit restarted or left) or that
   * this page was reloaded into: Start again gives a fresh token for a session that is already active.
   * Retries while the edge or LiveKit is unreachable, showing "reconnecting" (End stays available);
   * stops when the session has ended.
   */
  async function rejoin(id: string, name: string) {
    if (rejoining === id) return;
    rejoining = id;
    const active = () => state.active.value;
    const stillWanted = () => deps.signedIn() && (!active() || active()!.id === id) && active()?.state !== "ended";
    try {
      await retry(async () => {
        state.update(id)({ state: "reconnecting" });
        const res = await deps.call(startSession, { params: { id } });
        if (stillWanted()) await join(id, name, res.livekit, true);
      }, { wanted: stillWanted, final: (err) => isRefusal(err, startSession), wait: deps.wait });
    } catch {
      // The session is no longer active (ended meanwhile), or we are signed out.
      state.update(id)({ state: "ended" });
    } finally {
      rejoining = null;
    }
  }

  return {
    join,
    rejoin,
    room: () => room,
    send: (message: Parameters<TechnicianRoom["sendTool"]>[0]) => room ? room.sendTool(message) : Promise.resolve(),
    /** Runs End's request for session `id`: its room closing meanwhile is this page's doing. */
    async ending<T>(id: string, request: () => Promise<T>): Promise<T> {
      ending = id;
      try {
        return await request();
      } finally {
        ending = null;
      }
    },
    async leave() {
      const current = room;
      room = null;
      state.videoTrack.value = null;
      await current?.disconnect();
    },
  };
}
export type SessionLink = ReturnType<typeof createSessionLink>;
