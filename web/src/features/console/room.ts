/** The technician's side of the LiveKit room: subscribe to the customer, publish the microphone. */
import {
  type ConnectionQuality,
  ConnectionState,
  DisconnectReason,
  type LocalTrack,
  type Participant,
  type RemoteAudioTrack,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteTrackPublication,
  Room,
  RoomEvent,
  Track,
  type TrackPublication,
} from "livekit-client";
import { customerIdentity } from "../../../../shared/constants.ts";
import {
  decodeTool,
  encodeTool,
  MAX_STILL_BYTES,
  STILL_TOPIC,
  SYNC_TOPIC,
  type ToolMessage,
  TOOLS_TOPIC,
} from "../../../../shared/tools.ts";
import { meterLevel } from "../../lib/mic_meter.ts";
import type { PictureSample } from "../../lib/picture_quality.ts";
import { connectionLost } from "../../lib/room_loss.ts";
import { watchPicture } from "./picture_watch.ts";
import { watchStall } from "./stall_watch.ts";
import { type VideoStats, videoStatsReader } from "./video_stats.ts";

export type { VideoStats };

/** What the UI needs of a video track: attach it to and detach it from a <video>. */
export interface VideoSink {
  attach(element: HTMLMediaElement): HTMLMediaElement;
  detach(element: HTMLMediaElement): HTMLMediaElement;
}

/** LiveKit's connection quality of one side, as its string value. */
export type Quality = `${ConnectionQuality}`;

export interface TechnicianRoomHandlers {
  onVideo(track: VideoSink | null): void;
  onReconnecting(reconnecting: boolean): void;
  /**
   * The customer is no longer in the room: `left` when their app said goodbye (End, tab closed,
   * reload), `interrupted` when LiveKit lost their connection (network gone, phone asleep).
   */
  onCustomerLeft(how: "left" | "interrupted"): void;
  /**
   * Nothing at all, neither sound nor picture, has arrived from the customer for `STALL_MS` (or it
   * flows again): their network is gone, before LiveKit decides anything about them.
   */
  onCustomerStalled(stalled: boolean): void;
  /** The customer's camera is paused (page hidden, screen locked) or running again. */
  onCameraPaused(paused: boolean): void;
  /** The customer muted or unmuted their microphone. */
  onCustomerMuted(muted: boolean): void;
  onQuality(side: "you" | "customer", quality: Quality): void;
  /**
   * Once a second, the customer's picture as decoded here (`lib/picture_quality.ts`); null while none is
   * meant to flow (no video, muted, or not shown here, so the server sends none).
   */
  onPicture(sample: PictureSample | null): void;
  /** The technician's microphone input level, 0–100, about once per animation frame. */
  onMicLevel(level: number): void;
  /** A tools message from the customer (chat …). */
  onTool(message: ToolMessage): void;
  /** A still (freeze frame, HD photo) on its way from the customer: share received, 0–1. */
  onStillProgress(id: string, progress: number): void;
  onStill(id: string, image: Blob): void;
  /** `roomDeleted`: the room was closed (by the customer or the edge), not by this page. */
  onEnded(roomDeleted: boolean): void;
  /** The media connection is gone for good but the session may still run (see `connectionLost`). */
  onLost(): void;
}

export interface TechnicianRoom {
  /**
   * Publishes the technician's microphone and starts its level meter. Separate from joining, so the
   * console holds the room (and the customer's tool messages can be answered) while it publishes.
   */
  startMicrophone(): Promise<void>;
  /** Current figures of the customer's video, or null before it arrives. */
  videoStats(): Promise<VideoStats | null>;
  setMicMuted(muted: boolean): Promise<void>;
  /** Volume of the customer's voice, 0–1. */
  setVolume(volume: number): void;
  sendTool(message: ToolMessage): Promise<void>;
  /** Sends a tools message as a text stream (for the whole drawing, which can outgrow a data packet). */
  sendLarge(message: ToolMessage): Promise<void>;
  disconnect(): Promise<void>;
}

/** Stills (Freeze, HD photo) arrive from the customer as byte streams, with progress; anything else is dropped. */
function receiveStills(room: Room, handlers: Pick<TechnicianRoomHandlers, "onStillProgress" | "onStill">) {
  room.registerByteStreamHandler(STILL_TOPIC, async (reader, from) => {
    const { id } = reader.info.attributes ?? {};
    const image = /^image\/(jpeg|png|webp)$/.test(reader.info.mimeType);
    const size = reader.info.size ?? 0;
    if (!id || !image || size > MAX_STILL_BYTES || !from.identity.startsWith(customerIdentity(""))) return;
    reader.onProgress = (progress) => progress !== undefined && handlers.onStillProgress(id, progress);
    const chunks = await reader.readAll();
    handlers.onStill(id, new Blob(chunks as BlobPart[], { type: reader.info.mimeType }));
  });
}

type CustomerVideo = { track: RemoteTrack; publication: RemoteTrackPublication };

/**
 * Watches what arrives from the customer: whether anything does (`watchStall`), and how their picture
 * decodes (`watchPicture`). Returns the stop of both.
 */
function watchCustomer(
  room: Room,
  tracks: () => (RemoteTrack | null)[],
  video: () => CustomerVideo | null,
  handlers: Pick<TechnicianRoomHandlers, "onCustomerStalled" | "onPicture">,
) {
  const stops = [
    watchStall(() => room.state === ConnectionState.Connected, tracks, handlers.onCustomerStalled),
    watchPicture(video, handlers.onPicture),
  ];
  return () => stops.forEach((stop) => stop());
}

export async function joinTechnicianRoom(
  connection: { url: string; token: string },
  handlers: TechnicianRoomHandlers,
): Promise<TechnicianRoom> {
  const room = new Room({ adaptiveStream: true, dynacast: true });
  const audioElements: HTMLMediaElement[] = [];
  const audioTracks: RemoteAudioTrack[] = [];
  let volume = 1;
  let stopMeter = () => {};
  /** The customer's video with its publication (whether it is muted or wanted here). */
  let video: CustomerVideo | null = null;
  let leaving = false;
  const isCustomer = (p: Participant) => p.identity.startsWith(customerIdentity(""));

  const stopWatches = watchCustomer(room, () => [...audioTracks, video?.track ?? null], () => video, handlers);

  room
    .on(RoomEvent.TrackSubscribed, (track: RemoteTrack, pub: TrackPublication, participant: RemoteParticipant) => {
      if (!isCustomer(participant)) return;
      if (track.kind === Track.Kind.Video) {
        video = { track, publication: pub as RemoteTrackPublication };
        handlers.onVideo(track);
      }
      if (track.kind === Track.Kind.Audio) {
        const audio = track as RemoteAudioTrack;
        const el = audio.attach();
        el.hidden = true;
        document.body.append(el);
        audioElements.push(el);
        audioTracks.push(audio);
        audio.setVolume(volume);
        // The customer may have muted before Start; no TrackMuted event tells us then.
        handlers.onCustomerMuted(pub.isMuted);
      }
    })
    .on(RoomEvent.TrackMuted, (pub: TrackPublication, participant: Participant) => {
      if (!isCustomer(participant)) return;
      if (pub.kind === Track.Kind.Video) handlers.onCameraPaused(true);
      if (pub.kind === Track.Kind.Audio) handlers.onCustomerMuted(true);
    })
    .on(RoomEvent.TrackUnmuted, (pub: TrackPublication, participant: Participant) => {
      if (!isCustomer(participant)) return;
      if (pub.kind === Track.Kind.Video) handlers.onCameraPaused(false);
      if (pub.kind === Track.Kind.Audio) handlers.onCustomerMuted(false);
    })
    .on(RoomEvent.ConnectionQualityChanged, (quality: ConnectionQuality, participant: Participant) => {
      if (participant === room.localParticipant) handlers.onQuality("you", quality);
      else if (isCustomer(participant)) handlers.onQuality("customer", quality);
    })
    .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
      if (track === video?.track) video = null;
      if (track.kind === Track.Kind.Video) handlers.onVideo(null);
    })
    .on(RoomEvent.ParticipantDisconnected, (p: RemoteParticipant, reason?: DisconnectReason) => {
      if (isCustomer(p)) handlers.onCustomerLeft(reason === DisconnectReason.CLIENT_INITIATED ? "left" : "interrupted");
    })
    .on(RoomEvent.DataReceived, (payload: Uint8Array, participant?: RemoteParticipant, _kind?, topic?: string) => {
      const message = topic === TOOLS_TOPIC && participant && isCustomer(participant) ? decodeTool(payload) : null;
      if (message) handlers.onTool(message);
    })
    .on(RoomEvent.Reconnecting, () => handlers.onReconnecting(true))
    .on(RoomEvent.SignalReconnecting, () => handlers.onReconnecting(true))
    .on(RoomEvent.Reconnected, () => handlers.onReconnecting(false))
    .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      stopMeter();
      stopWatches();
      audioElements.forEach((el) => el.remove());
      if (!leaving && connectionLost(reason)) handlers.onLost();
      else handlers.onEnded(reason === DisconnectReason.ROOM_DELETED);
    });

  receiveStills(room, handlers);

  await room.connect(connection.url, connection.token).catch((err) => {
    stopWatches();
    throw err;
  });
  await room.startAudio().catch(() => {});

  const readStats = videoStatsReader();

  return {
    videoStats: () => readStats(video?.track ?? null),
    async startMicrophone() {
      const mic = await room.localParticipant.setMicrophoneEnabled(true);
      const micTrack = (mic?.track as LocalTrack | undefined)?.mediaStreamTrack;
      // A room that ended while the microphone was starting has nothing left to measure.
      if (micTrack && room.state !== ConnectionState.Disconnected) {
        stopMeter = meterLevel(micTrack, handlers.onMicLevel);
      }
    },
    async setMicMuted(muted) {
      await room.localParticipant.setMicrophoneEnabled(!muted);
    },
    setVolume(next) {
      volume = next;
      audioTracks.forEach((track) => track.setVolume(next));
    },
    sendTool: (message) =>
      room.localParticipant.publishData(encodeTool(message), { reliable: true, topic: TOOLS_TOPIC }),
    async sendLarge(message) {
      await room.localParticipant.sendText(JSON.stringify(message), { topic: SYNC_TOPIC });
    },
    async disconnect() {
      leaving = true;
      stopMeter();
      stopWatches();
      await room.disconnect();
    },
  };
}
