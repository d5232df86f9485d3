/**
 * The customer model over fakes (edge, camera, storage, page, room) for its unit tests: everything it
 * does to the outside is recorded, and the room's events can be played to it.
 */
import { createChat } from "../../state/chat.ts";
import type { BrowserProblem } from "../../lib/browser.ts";
import { fakeApi, fakeMedia, FakePage, fakeStorage } from "../../testing/fakes.ts";
import type { ToolMessage } from "../../../../shared/tools.ts";
import { customerLink } from "../../../../shared/customer_api.ts";
import { createCustomerModel } from "./model.ts";
import { createCustomerTools } from "./picture_tools.ts";
import type { CustomerRoomHandlers, JoinFailure } from "./room.ts";
import { createCustomerSession, type RoomCode } from "./session.ts";

export const INFO = {
  companyName: "Acme",
  technicianName: "Tess",
  expiresAt: 1,
  eula: { en: { version: "v1", text: "Terms", privacy: "Nothing is kept" } },
  storeUrls: { android: null, ios: null },
};
/** What the EULA screen hands to Accept: the version shown, in its language. */
export const AGREED = { eulaVersion: "v1", eulaLanguage: "en" } as const;
export const LIVEKIT = { url: "ws://livekit.test", token: "token" };

/** A joined room: what the session sent through it, and its handlers to play events to. */
export interface FakeRoom {
  connection: { url: string; token: string };
  handlers: CustomerRoomHandlers;
  sent: ToolMessage[];
  paused: boolean[];
  replaced: MediaStreamTrack[];
  muted: boolean[];
  disconnected: boolean;
  tracks(): { video?: MediaStreamTrack; audio?: MediaStreamTrack };
}

export function customerHarness(
  options: { storage?: Record<string, string>; prefs?: Record<string, string>; browser?: BrowserProblem } = {},
) {
  const edge = fakeApi();
  const media = fakeMedia({ torch: true, zoom: { min: 1, max: 5, step: 0.5 } });
  const page = new FakePage();
  const storage = fakeStorage(options.storage);
  const prefs = fakeStorage(options.prefs);
  const network = new EventTarget();
  const rooms: FakeRoom[] = [];
  const waits: number[] = [];
  /** Joins to fail, in order, before the next one succeeds; every attempt's `relay` option. */
  const failJoins: JoinFailure[] = [];
  const joinAttempts: { relay: boolean }[] = [];
  /** Start's grant arrives while joining (a reload into an active session): `onLive` before the room is returned. */
  const grant = { whileJoining: false };
  const code: RoomCode = {
    createCustomerTools,
    createChat,
    joinCustomerRoom(connection, tracks, handlers, options = {}) {
      joinAttempts.push({ relay: options.relay ?? false });
      const failure = failJoins.shift();
      if (failure) return Promise.reject(failure);
      const room = {
        connection,
        handlers,
        tracks,
        sent: [] as ToolMessage[],
        paused: [] as boolean[],
        replaced: [] as MediaStreamTrack[],
        muted: [] as boolean[],
        disconnected: false,
        sendTool: (message: ToolMessage) => (room.sent.push(message), Promise.resolve()),
        sendStill: () => Promise.resolve(),
        replaceVideo: (track: MediaStreamTrack) => (room.replaced.push(track), Promise.resolve()),
        setCameraPaused: (paused: boolean) => (room.paused.push(paused), Promise.resolve()),
        setMuted: (muted: boolean) => (room.muted.push(muted), Promise.resolve()),
        disconnect: () => ((room.disconnected = true), Promise.resolve()),
      };
      rooms.push(room);
      if (grant.whileJoining) handlers.onLive();
      return Promise.resolve(room);
    },
  };
  const model = createCustomerModel({
    api: edge.api,
    media,
    page,
    storage,
    prefs,
    network: { onLine: true, events: network },
    browserProblem: () => options.browser ?? null,
    loadSession: () => Promise.resolve({ createCustomerSession: (deps) => createCustomerSession(deps, code) }),
    wait: (ms) => (waits.push(ms), Promise.resolve()),
  });
  return {
    model,
    edge,
    media,
    page,
    storage,
    prefs,
    network,
    rooms,
    waits,
    failJoins,
    joinAttempts,
    grant,
    room: () => rooms.at(-1)!,
  };
}

/** A customer link as `location` has it (a typed-in one without its secret). */
export function link(pin: string, secret?: string) {
  const url = new URL(customerLink("https://app.test", pin, secret ?? ""));
  return { pathname: url.pathname, hash: secret ? url.hash : "" };
}
