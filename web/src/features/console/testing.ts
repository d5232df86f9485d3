/**
 * The console model over fakes (edge, event stream, notifications, room) for its unit tests: what it
 * does to the outside is recorded, and the stream's and the room's events can be played to it.
 */
import type { SessionView } from "../../../../shared/schemas.ts";
import type { ToolMessage } from "../../../../shared/tools.ts";
import { me as meRoute } from "../../../../shared/api.ts";
import { fakeApi } from "../../testing/fakes.ts";
import { memoryImageStore } from "../../lib/image_store.ts";
import { createConsoleModel } from "./model.ts";
import type { TechnicianRoomHandlers } from "./room.ts";
import type { EventStream, NotifyState } from "./session_list.ts";

export const ME = {
  id: "t1",
  email: "tess@example.test",
  name: "Tess",
  group: { id: "g1", name: "G" },
  permissions: { startLensSessions: true, startPrivateSessions: true, useEmailMethod: true, useLinkMethod: true },
};
export const LIVEKIT = { url: "ws://livekit.test", token: "token" };

export function session(id: string, status: SessionView["status"], extra: Partial<SessionView> = {}): SessionView {
  return {
    id,
    type: "lens",
    name: `Customer ${id}`,
    status,
    method: "link",
    pin: "123456",
    pinExpiresAt: 2,
    customerPresent: status !== "pending",
    customerProgress: null,
    waitingSince: null,
    createdAt: 1,
    startedAt: null,
    endedAt: null,
    endedBy: null,
    ...extra,
  };
}

/** The server-sent event stream: `emit` plays a session list to the console. */
export class FakeStream implements EventStream {
  readyState = 1;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  #listener: ((e: MessageEvent) => void) | null = null;
  constructor(readonly url: string) {}
  addEventListener(_type: "sessions", listener: (e: MessageEvent) => void) {
    this.#listener = listener;
  }
  close() {
    this.closed = true;
  }
  emit(sessions: SessionView[], more = false) {
    this.#listener?.(new MessageEvent("sessions", { data: JSON.stringify({ sessions, more }) }));
  }
}

export interface FakeTechnicianRoom {
  handlers: TechnicianRoomHandlers;
  sent: ToolMessage[];
  volumes: number[];
  micMuted: boolean[];
  disconnected: boolean;
}

export function consoleHarness(notify: NotifyState = "default", prefs = new Map<string, string>()) {
  const edge = fakeApi();
  edge.answer(meRoute, ME);
  const streams: FakeStream[] = [];
  const rooms: FakeTechnicianRoom[] = [];
  const shown: { title: string; tag?: string; click(): void }[] = [];
  const waits: number[] = [];
  const cookies = { hint: true };
  let focused = 0;
  let chimes = 0;
  const notifications = {
    permission: () => notify,
    request: () => Promise.resolve("granted" as const).then((p) => (notify = p)),
    show: (title: string, options: NotificationOptions, onClick: () => void) =>
      void shown.push({ title, tag: options.tag, click: onClick }),
  };
  const model = createConsoleModel({
    api: edge.api,
    connect: (url) => {
      const stream = new FakeStream(url);
      streams.push(stream);
      return stream;
    },
    notifications,
    waitingNotice: (s) => ({ title: `${s.name} is waiting`, body: "Start" }),
    loadRoom: () =>
      Promise.resolve({
        joinTechnicianRoom(_connection, handlers) {
          const room = {
            handlers,
            sent: [] as ToolMessage[],
            volumes: [] as number[],
            micMuted: [] as boolean[],
            disconnected: false,
            startMicrophone: () => Promise.resolve(),
            videoStats: () => Promise.resolve(null),
            setMicMuted: (muted: boolean) => (room.micMuted.push(muted), Promise.resolve()),
            setVolume: (volume: number) => void room.volumes.push(volume),
            sendTool: (message: ToolMessage) => (room.sent.push(message), Promise.resolve()),
            sendLarge: (message: ToolMessage) => (room.sent.push(message), Promise.resolve()),
            disconnect() {
              room.disconnected = true;
              handlers.onEnded(false);
              return Promise.resolve();
            },
          };
          rooms.push(room);
          return Promise.resolve(room);
        },
      }),
    focus: () => void focused++,
    chime: () => void chimes++,
    images: memoryImageStore(),
    prefs: { getItem: (k) => prefs.get(k) ?? null, setItem: (k, v) => void prefs.set(k, v) },
    wait: (ms) => (waits.push(ms), Promise.resolve()),
    signedInHint: () => cookies.hint,
  });
  return {
    model,
    /** The sign-in hint cookie the edge sets and clears (set unless a test says otherwise). */
    cookies,
    edge,
    streams,
    rooms,
    shown,
    waits,
    focused: () => focused,
    chimes: () => chimes,
    prefs,
    stream: () => streams.at(-1)!,
    room: () => rooms.at(-1)!,
  };
}
