/**
 * The customer's side of the LiveKit room, loaded only after the EULA. Joins without publish rights;
 * publishes camera and microphone when the edge's Start grant arrives (DESIGN §2).
 */
import {
  AudioPresets,
  ConnectionError,
  ConnectionErrorReason,
  ConnectionQuality,
  DisconnectReason,
  type LocalTrackPublication,
  type Participant,
  ParticipantEvent,
  type RemoteTrack,
  Room,
  RoomEvent,
  Track,
  type TrackPublishOptions,
  VideoPresets,
} from "livekit-client";
import type { LiveKitConnection } from "../../../../shared/customer_schemas.ts";
import { technicianIdentity } from "../../../../shared/constants.ts";
import {
  decodeTool,
  encodeTool,
  STILL_TOPIC,
  SYNC_TOPIC,
  type ToolMessage,
  TOOLS_TOPIC,
} from "../../../../shared/tools.ts";
import { toLoudspeaker } from "../../lib/devices.ts";
import { connectionLost } from "../../lib/room_loss.ts";
import type { CameraRoom } from "./camera.ts";
import { watchUplink } from "./uplink_watch.ts";

/**
 * The camera as one viewer needs it. A support session has one viewer, the technician, so one layer:
 * simulcast would spend a thin uplink on smaller copies nobody subscribes to (measured at 1.5 Mbit/s:
 * the phone encoded 720p at 9 fps beside its small layers and the console got 360p). When bandwidth runs
 * short the encoder keeps the resolution and quantises coarser, then drops frames, rather than scaling
 * down (LiveKit's default for cameras): the technician reads labels and looks for details, which motion
 * does not help with. When the picture gets too coarse, the console offers HD photo (`photo_hint.ts`).
 * `tests/bench/results/uplink.md` has the figures.
 */
const CAMERA: TrackPublishOptions = {
  source: Track.Source.Camera,
  simulcast: false,
  videoEncoding: VideoPresets.h720.encoding,
  degradationPreference: "maintain-resolution",
};

/**
 * The customer's voice: speech (24 kbit/s Opus) rather than LiveKit's music default (48 kbit/s), which
 * took 75 kbit/s of a 300 kbit/s uplink with redundancy (measured; speech: 38). Redundancy (RED, which
 * covers a lost packet) and silence suppression (DTX) stay on.
 */
const MICROPHONE: TrackPublishOptions = { source: Track.Source.Microphone, audioPreset: AudioPresets.speech };

export interface CustomerRoomHandlers {
  onLive(): void;
  onReconnecting(reconnecting: boolean): void;
  /** `poor`: LiveKit rates this side's connection poor or lost, or the picture sent is coarse (`uplink_watch.ts`). */
  onQuality(poor: boolean): void;
  /** The technician (re)joined the room. */
  onTechnicianJoined(): void;
  /** A tools message from the technician (chat, hold …). */
  onTool(message: ToolMessage): void;
  /** `byUs`: this page asked to leave. */
  onEnded(byUs: boolean): void;
  /** The media connection is gone for good but the session may still run (see `connectionLost`). */
  onLost(): void;
}

export interface CustomerRoom extends CameraRoom {
  sendTool(message: ToolMessage): Promise<void>;
  /** Sends a still to the technician as a byte stream. */
  sendStill(bytes: Uint8Array, info: { id: string; mode: string; mimeType: string }): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Why joining the room failed: `blocked` — the media server answered but no media path opened (a network
 * that blocks video calls: UDP and the media ports closed), `unreachable` — the media server did not
 * answer at all, `other` — anything else.
 */
export type JoinTrouble = "blocked" | "unreachable" | "other";

export class JoinFailure extends Error {
  constructor(readonly trouble: JoinTrouble, cause: unknown) {
    super(`Joining the room failed (${trouble})`, { cause });
  }
}

function troubleOf(err: unknown): JoinTrouble {
  if (!(err instanceof ConnectionError)) return "other";
  // The signal connection failed before any media was tried.
  if (/signal connection/i.test(err.message)) return "unreachable";
  if (err.reason === ConnectionErrorReason.InternalError && /(pc|transport) connection/i.test(err.message)) {
    return "blocked";
  }
  return err.reason === ConnectionErrorReason.ServerUnreachable ? "unreachable" : "other";
}

/** The technician's voice: a hidden audio element, through the loudspeaker where the browser can. */
function playVoice(track: RemoteTrack): HTMLMediaElement {
  const el = track.attach();
  el.hidden = true;
  document.body.append(el);
  void toLoudspeaker(el, () => navigator.mediaDevices.enumerateDevices());
  return el;
}

/** The whole drawing arrives from the technician as a text stream (it can outgrow one data packet). */
function receiveDrawing(room: Room, handlers: Pick<CustomerRoomHandlers, "onTool">) {
  room.registerTextStreamHandler(SYNC_TOPIC, async (reader, from) => {
    if (!from.identity.startsWith(technicianIdentity(""))) return;
    const message = decodeTool(await reader.readAll());
    if (message) handlers.onTool(message);
  });
}

export async function joinCustomerRoom(
  connection: LiveKitConnection,
  /** The camera and microphone to publish when Start's grant arrives. */
  tracks: () => { video?: MediaStreamTrack; audio?: MediaStreamTrack },
  handlers: CustomerRoomHandlers,
  /** `relay`: media only through LiveKit's TURN relay (after a network blocked the direct way). */
  options: { relay?: boolean } = {},
): Promise<CustomerRoom> {
  // The camera and microphone outlive this room: after a lost connection the next room publishes them.
  const room = new Room({ adaptiveStream: false, dynacast: true, stopLocalTrackOnUnpublish: false });
  let leaving = false;
  /**
   * Set once connecting succeeded. Until then a disconnect is a failed connect, which `connect` reports
   * by rejecting (and after a failed connect the room is given up): it must not also start a rejoin.
   */
  let connected = false;
  let published: Promise<void> | null = null;
  let camera: LocalTrackPublication | undefined;
  let microphone: LocalTrackPublication | undefined;
  const audioElements: HTMLMediaElement[] = [];
  const uplink = watchUplink(() => camera, handlers.onQuality);

  const publish = () => {
    published ??= (async () => {
      const { video, audio } = tracks();
      if (!video) throw new Error("no camera track");
      camera = await room.localParticipant.publishTrack(video, CAMERA);
      if (audio) {
        microphone = await room.localParticipant.publishTrack(audio, MICROPHONE);
        if (!audio.enabled) await microphone.mute();
      }
      handlers.onLive();
    })().catch((err) => {
      published = null;
      console.error("Publishing failed", err);
    });
    return published;
  };

  const maybePublish = () => {
    if (room.localParticipant.permissions?.canPublish) void publish();
  };

  room
    .on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Audio) audioElements.push(playVoice(track));
    })
    .on(RoomEvent.ConnectionQualityChanged, (rating: ConnectionQuality, participant: Participant) => {
      if (participant === room.localParticipant) {
        uplink.rated(rating === ConnectionQuality.Poor || rating === ConnectionQuality.Lost);
      }
    })
    .on(RoomEvent.ParticipantConnected, (participant: Participant) => {
      if (participant.identity.startsWith(technicianIdentity(""))) handlers.onTechnicianJoined();
    })
    .on(RoomEvent.DataReceived, (payload: Uint8Array, participant?: Participant, _kind?, topic?: string) => {
      const fromTechnician = participant?.identity.startsWith(technicianIdentity(""));
      const message = topic === TOOLS_TOPIC && fromTechnician ? decodeTool(payload) : null;
      if (message) handlers.onTool(message);
    })
    .on(RoomEvent.Reconnecting, () => handlers.onReconnecting(true))
    .on(RoomEvent.SignalReconnecting, () => handlers.onReconnecting(true))
    .on(RoomEvent.Reconnected, () => handlers.onReconnecting(false))
    .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      uplink.stop();
      audioElements.forEach((el) => el.remove());
      if (!connected) return;
      // livekit-client leaves by itself when the page unloads (reload, tab closed): that is not an end,
      // the reloaded page rejoins.
      if (!leaving && reason === DisconnectReason.CLIENT_INITIATED) return;
      if (!leaving && connectionLost(reason)) handlers.onLost();
      else handlers.onEnded(leaving);
    });
  room.localParticipant.on(ParticipantEvent.ParticipantPermissionsChanged, maybePublish);
  receiveDrawing(room, handlers);

  const rtcConfig: RTCConfiguration | undefined = options.relay ? { iceTransportPolicy: "relay" } : undefined;
  await room.connect(connection.url, connection.token, { rtcConfig }).catch((err) => {
    uplink.stop();
    void room.disconnect().catch(() => {});
    throw new JoinFailure(troubleOf(err), err);
  });
  connected = true;
  // Accept was a user gesture, so the technician's voice may play.
  await room.startAudio().catch(() => {});
  maybePublish();

  return {
    async setMuted(muted) {
      if (microphone) await (muted ? microphone.mute() : microphone.unmute());
    },
    async replaceVideo(track) {
      await camera?.videoTrack?.replaceTrack(track, true);
    },
    async setCameraPaused(paused) {
      if (camera) await (paused ? camera.mute() : camera.unmute());
    },
    // Poses go once per frame and the next one replaces the last: never worth a retransmission.
    sendTool: (message) =>
      room.localParticipant.publishData(encodeTool(message), {
        reliable: message.type !== "poses",
        topic: TOOLS_TOPIC,
      }),
    async sendStill(bytes, info) {
      await room.localParticipant.sendBytes(bytes, {
        topic: STILL_TOPIC,
        mimeType: info.mimeType,
        attributes: { id: info.id, mode: info.mode },
        // JPEG does not shrink further; compressing would only cost the phone time.
        compress: false,
      });
    },
    async disconnect() {
      leaving = true;
      await room.disconnect();
    },
  };
}
