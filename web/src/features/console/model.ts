/**
 * The technician console as one model for its components: sign-in, the session list, the active
 * session with its remote camera control and connection details, and the video view, each its own
 * small model. Everything it touches outside itself comes in as `ConsoleDeps`.
 */
import { batch, type ReadonlySignal, signal } from "@preact/signals";
import type { CreateSessionBody, SessionView } from "../../../../shared/schemas.ts";
import {
  cancelSession,
  clearSession,
  createSession,
  extendSession,
  recordScreenshot,
  resendSession,
  saveSessionNotes,
  sessionNotes,
  transcript,
} from "../../../../shared/api.ts";
import type { ImageStore } from "../../lib/image_store.ts";
import type { Api } from "../../lib/api.ts";
import { createConnectionDetails } from "./connection_details.ts";
import { createGallery } from "./gallery.ts";
import { createLiveSession } from "./live_session.ts";
import { createRemoteCamera } from "./remote_camera.ts";
import { createSessionList, type EventStream, type Notifications } from "./session_list.ts";
import type { RoomCode } from "./session_room.ts";
import { createSignIn } from "./sign_in.ts";
import { createView } from "./view.ts";

export interface ConsoleDeps {
  api: Api;
  connect(url: string): EventStream;
  notifications: Notifications;
  waitingNotice(session: SessionView): { title: string; body: string };
  /** The LiveKit code, fetched when a customer waits or at Start. */
  loadRoom(): Promise<RoomCode>;
  /** Brings the console's window to the front (a notification was clicked). */
  focus(): void;
  /** The short sound when a customer starts waiting. */
  chime(): void;
  prefs: Pick<Storage, "getItem" | "setItem">;
  /** Where HD photos and screenshots are kept (in this browser only). */
  images: ImageStore;
  wait(ms: number): Promise<void>;
  /** Whether the edge's sign-in hint cookie is set: only then is `GET /api/me` worth asking. */
  signedInHint(): boolean;
}

export type ConsoleTab = "sessions" | "active";

export function createConsoleModel(deps: ConsoleDeps) {
  const tab = signal<ConsoleTab>("sessions");
  const signIn = createSignIn({
    api: deps.api,
    onSignedIn: () => list.open(),
    onSignedOut() {
      list.close();
      live.reset();
    },
    wait: deps.wait,
    signedInHint: deps.signedInHint,
  });
  const list = createSessionList({
    ...deps,
    onList(sessions, first) {
      // A customer is waiting: fetch the LiveKit code now, so Start does not wait for it.
      if (sessions.some((s) => s.status === "waiting")) void deps.loadRoom();
      const a = live.active.value;
      // A reloaded console goes back into its active session (a technician has at most one).
      const resumable = first && !a && sessions.find((s) => s.status === "active");
      if (resumable) void live.rejoin(resumable.id, resumable.name);
      const current = a && sessions.find((s) => s.id === a.id);
      if (current) live.presence(current.customerPresent);
    },
    onClosed: () => void signIn.check(),
    onNotificationClick(id) {
      deps.focus();
      list.select(id);
      tab.value = "sessions";
    },
  });
  const remote = createRemoteCamera((message) => live.send(message));
  const view = createView((volume) => live.setVolume(volume));
  const details = createConnectionDetails(() => live.videoStats());
  const gallery = createGallery(deps.images);
  const live = createLiveSession({
    call: signIn.call,
    loadRoom: deps.loadRoom,
    remote,
    signedIn: () => signIn.auth.value === "signedIn",
    volume: () => view.volume.value / 100,
    opened() {
      tab.value = "active";
      remote.reset();
      view.fitToFrame();
    },
    closed: details.hide,
    keepPhoto: (id, blob, width, height) => void gallery.add(id, "photo", blob, width, height),
    wait: deps.wait,
  });

  return {
    tab: tab as ReadonlySignal<ConsoleTab>,
    signIn,
    list,
    live,
    remote,
    view,
    details,
    gallery,
    showTab: (next: ConsoleTab) => (tab.value = next),
    /** Starts the selected session (Start is offered only while its customer waits). */
    async start(id: string) {
      const session = list.sessions.value.find((s) => s.id === id);
      if (session) await live.start(id, session.name);
    },
    /** Closes an ended session's view and goes back to the list. */
    closeActive() {
      batch(() => {
        live.close();
        tab.value = "sessions";
      });
    },
    /** "Show active session" after Start was refused because one is active. */
    showActive() {
      batch(() => {
        tab.value = "active";
        live.clearStartError();
      });
    },
    createSession: (body: CreateSessionBody) => signIn.call(createSession, { body }),
    /** A new PIN and link for the session, delivered as at creation (the list updates over SSE). */
    resend: (id: string) => signIn.call(resendSession, { params: { id } }),
    extend: (id: string) => signIn.call(extendSession, { params: { id } }),
    cancel: (id: string) => signIn.call(cancelSession, { params: { id } }),
    /** Clears an ended session from the list (the administrator still sees it). */
    async clear(id: string) {
      await signIn.call(clearSession, { params: { id } });
      if (list.selectedId.value === id) list.select(null);
    },
    /** The chat transcript of one of the technician's sessions. */
    transcript: (id: string) => signIn.call(transcript, { params: { id } }),
    /** The technician's note of a session, and saving it (the whole text). */
    notes: (id: string) => signIn.call(sessionNotes, { params: { id } }),
    saveNotes: (id: string, text: string) => signIn.call(saveSessionNotes, { params: { id }, body: { text } }),
    /** Releases the event stream, the room, the details timer and the images' URLs (the page goes away). */
    dispose() {
      list.close();
      live.reset();
      details.hide();
      gallery.dispose();
    },
    /** Keeps a screenshot in the gallery and audits that one was taken (the image never leaves the browser). */
    async keepScreenshot(blob: Blob, width: number, height: number) {
      const a = live.active.value;
      if (!a) return;
      await gallery.add(a.id, "screenshot", blob, width, height);
      await signIn.call(recordScreenshot, { params: { id: a.id } }).catch(() => {});
    },
  };
}
export type ConsoleModel = ReturnType<typeof createConsoleModel>;
