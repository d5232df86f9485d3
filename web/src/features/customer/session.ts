/**
 * The customer's side of a running session: joining its LiveKit room, the technician's tools and chat
 * over it, getting back in after a lost connection, and leaving. Loaded (with `livekit-client`) only
 * after the EULA or to rejoin after a reload.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { AcceptBody, JoinInfo, LiveKitConnection } from "../../../../shared/customer_schemas.ts";
import type { ToolMessage } from "../../../../shared/tools.ts";
import { acceptEula, endSessionAsCustomer, rejoinSession } from "../../../../shared/customer_api.ts";
import type { Api } from "../../lib/api.ts";
import { isRefusal } from "../../lib/refusal.ts";
import { retry } from "../../lib/retry.ts";
import { type Chat, createChat } from "../../state/chat.ts";
import type { Camera, PageVisibility } from "./camera.ts";
import type { EndedReason, Flow, FlowEvent } from "./flow.ts";
import { createCustomerTools, type CustomerTools } from "./picture_tools.ts";
import { createLiveCamera, type LiveCamera } from "./live_camera.ts";
import { createRoomConnector } from "./room_connector.ts";
import { type CustomerRoom, type CustomerRoomHandlers, joinCustomerRoom } from "./room.ts";
import type { SavedSession, SavedSessionStore } from "./saved_session.ts";

/** What the session builds on (tests pass fakes of the room). */
export const roomCode = { joinCustomerRoom, createCustomerTools, createChat };
export type RoomCode = typeof roomCode;

export interface SessionDeps {
  api: Api;
  camera: Camera;
  page: PageVisibility;
  saved: SavedSessionStore;
  flow: ReadonlySignal<Flow>;
  dispatch(event: FlowEvent): void;
  /** Ends the session on this page (the customer app's end screen and what it remembers). */
  ended(reason: EndedReason): void;
  /** Resolves after `ms` (the pause between attempts to get back in). */
  wait(ms: number): Promise<void>;
}

/** What the room's events act on. */
interface RoomEvents {
  dispatch(event: FlowEvent): void;
  screen(): Flow["screen"]["name"];
  sendCaps(): void;
  live: LiveCamera;
  poor(on: boolean): void;
  finish(reason: EndedReason): void;
  recover(): void;
}

/** The room's events, turned into the flow's events and the technician's tools on this page. */
function roomHandlers(on: RoomEvents, tools: CustomerTools, chat: Chat): CustomerRoomHandlers {
  return {
    onLive() {
      on.dispatch({ type: "published" });
      on.sendCaps();
      void tools.sync();
    },
    onReconnecting(reconnecting) {
      on.dispatch({ type: "reconnecting", on: reconnecting });
      // Drawing messages sent while the connection was down may be lost: ask for the current state.
      if (!reconnecting && on.screen() === "live") void tools.sync();
    },
    onQuality: on.poor,
    // The technician joins the room after Start, maybe after this page went live (or rejoins after a
    // reload): tell them again what the camera can do and ask for the drawing.
    onTechnicianJoined() {
      if (on.screen() !== "live") return;
      on.sendCaps();
      void tools.sync();
    },
    onTool(message) {
      if (tools.handle(message) || on.live.handle(message)) return;
      if (message.type === "chat") chat.receive(message);
    },
    onEnded(byUs) {
      if (on.screen() !== "ended") on.finish(byUs ? "customer" : "technician");
    },
    onLost: on.recover,
  };
}

/** The technician's picture tools for one room (a rejoin starts with a fresh picture). */
function pictureTools(
  code: RoomCode,
  send: (message: ToolMessage) => Promise<void>,
  room: () => CustomerRoom | null,
  camera: Camera,
) {
  return code.createCustomerTools({
    send,
    sendStill: (...args) => room()?.sendStill(...args) ?? Promise.reject(new Error("not connected")),
    videoTrack: () => camera.tracks().video,
    // The tracker's code (and its Worker) loads when the technician first draws.
    loadTracker: () => import("./tracker_port.ts").then((m) => m.startTracker()),
  });
}

export function createCustomerSession(deps: SessionDeps, code: RoomCode = roomCode) {
  const { api, camera, dispatch } = deps;
  const live = createLiveCamera(camera, deps.page, deps.flow, dispatch);
  const tools = signal<CustomerTools | null>(null);
  const chat = signal<Chat | null>(null);
  const poorConnection = signal(false);
  let customerKey: string | null = null;
  let recovering = false;
  const screen = () => deps.flow.value.screen.name;
  const link = createRoomConnector({ join: code.joinCustomerRoom, camera, dispatch, api, key: () => customerKey });

  /** Tells the technician what the camera can do (the console shows only those controls). */
  const sendCaps = () => void link.send({ type: "caps", ...camera.caps() }).catch(() => {});
  const poor = (on: boolean) => (poorConnection.value = on);
  const events: RoomEvents = { dispatch, screen, sendCaps, live, poor, finish, recover: () => void recover() };

  async function join(connection: LiveKitConnection) {
    // The chat survives a rejoin; a rejoin starts with a fresh picture; `sync` brings the drawing (and a new still) back.
    const sessionChat = chat.value ?? code.createChat();
    chat.value = sessionChat;
    tools.value?.dispose();
    const sessionTools = tools.value = pictureTools(code, link.send, link.room, camera);
    const room = await link.join(connection, roomHandlers(events, sessionTools, sessionChat));
    sessionChat.attach(room.sendTool);
    dispatch({ type: "joined" });
  }

  function leave() {
    link.leave();
    chat.value?.attach(null);
  }

  function finish(reason: EndedReason) {
    leave();
    live.dispose();
    tools.value?.dispose();
    tools.value = null;
    deps.ended(reason);
  }

  /**
   * The media connection was lost (LiveKit restarted or left, reconnecting gave up) while the session
   * may still run: ask the edge with the customer key and join again, retrying while the edge or
   * LiveKit is unreachable ("reconnecting" shows, End stays available). An ended session ends here too.
   */
  async function recover() {
    if (recovering || !customerKey) return;
    recovering = true;
    leave();
    dispatch({ type: "reconnecting", on: true });
    const ended = () => screen() === "ended";
    try {
      await retry(async () => {
        const res = await api(rejoinSession, { bearer: customerKey! });
        if (ended()) return;
        await live.reopenIfStopped();
        await join(res.livekit);
        dispatch({ type: "reconnecting", on: false });
      }, { wanted: () => !ended(), final: (err) => isRefusal(err, rejoinSession), wait: deps.wait });
    } catch {
      deps.saved.forget();
      if (!ended()) finish("other");
    } finally {
      recovering = false;
    }
  }

  /** After Accept: the session is ours; keep its key for a reload and join the room. */
  async function begin(session: SavedSession, connection: LiveKitConnection) {
    customerKey = session.customerKey;
    deps.saved.save(session);
    await join(connection);
  }

  return {
    /** Flashlight, zoom, mute and Hold of the camera while the session runs. */
    controls: live.controls,
    /** The technician's changes to the camera, each with an Undo. */
    remote: live.remote,
    tools: tools as ReadonlySignal<CustomerTools | null>,
    chat: chat as ReadonlySignal<Chat | null>,
    /** LiveKit rates this side's connection poor or lost. */
    poorConnection: poorConnection as ReadonlySignal<boolean>,
    sendCaps,
    begin,
    /**
     * Accept (here, not in the first download): the agreement the customer read consumes the PIN, and
     * the session begins with the key the edge hands out.
     */
    async accept(pin: string, body: AcceptBody, info: JoinInfo) {
      const res = await api(acceptEula, { params: { pin }, body });
      await begin({ customerKey: res.customerKey, pin, info }, res.livekit);
    },
    /** Back into the session with its key and a fresh token: after a reload, or a join that failed. */
    async resume(key: string, connection: LiveKitConnection) {
      customerKey = key;
      if (!camera.live()) await camera.open();
      await join(connection);
    },
    /** The session ended without this room (declined, or found ended): drop what it holds. */
    finish,
    /** The customer's End: ends here at once, then tells the edge and leaves the room. */
    async end() {
      const [key, current] = [customerKey, link.room()];
      finish("customer");
      if (key) await api(endSessionAsCustomer, { bearer: key }).catch(() => {});
      await current?.disconnect();
    },
    /** Releases the room, the camera's listeners and the picture tools (the page goes away). */
    async dispose() {
      live.dispose();
      tools.value?.dispose();
      await link.room()?.disconnect();
    },
  };
}
export type CustomerSession = ReturnType<typeof createCustomerSession>;
