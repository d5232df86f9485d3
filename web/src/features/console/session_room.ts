/**
 * The room of the technician's active session, wired into the console: the customer's video, presence
 * and connection into the session's state, their tool messages into chat, drawing, stills and camera
 * controls. `livekit-client` arrives with `loadRoom`, fetched when a customer waits or at Start.
 */
import type { ToolMessage } from "../../../../shared/tools.ts";
import type { PictureSample } from "../../lib/picture_quality.ts";
import type { Chat } from "../../state/chat.ts";
import type { ActiveSession } from "./active_session.ts";
import type { ConsoleTools } from "./picture_tools.ts";
import type { RemoteCamera } from "./remote_camera.ts";
import type { TechnicianRoom, TechnicianRoomHandlers, VideoSink } from "./room.ts";

export type RoomCode = Pick<typeof import("./room.ts"), "joinTechnicianRoom">;

export interface SessionRoomDeps {
  chat: Chat;
  tools: ConsoleTools;
  remote: RemoteCamera;
  /** The technician holds the customer's video (a customer who rejoins must be told again). */
  held(): boolean;
  /** Changes the active session's state (ignored once it ended). */
  update(patch: Partial<ActiveSession>): void;
  /** The quality ratings so far, to change one side's. */
  quality(): ActiveSession["quality"] | undefined;
  video(track: VideoSink | null): void;
  micLevel(level: number): void;
  /** One second of the customer's picture (null: none flowing). */
  picture(sample: PictureSample | null): void;
  /** The room closed: `roomDeleted` when the customer or the edge closed it. */
  ended(roomDeleted: boolean): void;
  /** The media connection is gone for good while the session may still run. */
  lost(): void;
}

/** Joins the room with `connection`; the handlers send through `room()`, the room once joined. */
export function joinSessionRoom(
  code: RoomCode,
  connection: { url: string; token: string },
  room: () => TechnicianRoom | null,
  deps: SessionRoomDeps,
): Promise<TechnicianRoom> {
  const onTool = (message: ToolMessage) => {
    // A customer who (re)joined asks for the state of the picture: hold is part of it.
    if (message.type === "sync" && deps.held()) void room()?.sendTool({ type: "hold", on: true }).catch(() => {});
    if (deps.tools.handle(message)) return;
    if (message.type === "chat") deps.chat.receive(message);
    else if (message.type === "caps") deps.remote.reported({ torch: message.torch, zoom: message.zoom });
  };
  const handlers: TechnicianRoomHandlers = {
    onVideo(track) {
      deps.video(track);
      if (track) deps.update({ state: "live" });
    },
    onReconnecting: (r) => deps.update({ state: r ? "reconnecting" : "live" }),
    onCustomerLeft: (how) => deps.update({ customerPresent: false, customerInterrupted: how === "interrupted" }),
    onCustomerStalled: (stalled) => deps.update({ customerStalled: stalled }),
    onCameraPaused: (paused) => deps.update({ cameraPaused: paused }),
    onCustomerMuted: (muted) => deps.update({ customerMuted: muted }),
    onQuality(side, quality) {
      const current = deps.quality();
      if (current) deps.update({ quality: { ...current, [side]: quality } });
    },
    onMicLevel: deps.micLevel,
    onPicture: deps.picture,
    onTool,
    onStillProgress: deps.tools.stillProgress,
    onStill: (id, image) => void deps.tools.stillArrived(id, image),
    onEnded: deps.ended,
    onLost: deps.lost,
  };
  return code.joinTechnicianRoom(connection, handlers);
}
