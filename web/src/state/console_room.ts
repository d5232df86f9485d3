/** The technician's side of the LiveKit room: subscribe to the customer, publish the microphone. */
import {
  DisconnectReason,
  type Participant,
  type RemoteParticipant,
  type RemoteTrack,
  Room,
  RoomEvent,
  Track,
  type TrackPublication,
} from "livekit-client";
import { customerIdentity } from "../../../shared/constants.ts";

/** What the UI needs of a video track: attach it to and detach it from a <video>. */
export interface VideoSink {
  attach(element: HTMLMediaElement): HTMLMediaElement;
  detach(element: HTMLMediaElement): HTMLMediaElement;
}

export interface TechnicianRoomHandlers {
  onVideo(track: VideoSink | null): void;
  onReconnecting(reconnecting: boolean): void;
  onCustomerLeft(): void;
  /** The customer's camera is paused (page hidden, screen locked) or running again. */
  onCameraPaused(paused: boolean): void;
  /** `roomDeleted`: the room was closed (by the customer or the edge), not by this page. */
  onEnded(roomDeleted: boolean): void;
}

export interface TechnicianRoom {
  setMicMuted(muted: boolean): Promise<void>;
  disconnect(): Promise<void>;
}

export async function joinTechnicianRoom(
  connection: { url: string; token: string },
  handlers: TechnicianRoomHandlers,
): Promise<TechnicianRoom> {
  const room = new Room({ adaptiveStream: true, dynacast: true });
  const audioElements: HTMLMediaElement[] = [];
  const isCustomer = (p: RemoteParticipant) => p.identity.startsWith(customerIdentity(""));

  room
    .on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _pub, participant: RemoteParticipant) => {
      if (!isCustomer(participant)) return;
      if (track.kind === Track.Kind.Video) handlers.onVideo(track);
      if (track.kind === Track.Kind.Audio) {
        const el = track.attach();
        el.hidden = true;
        document.body.append(el);
        audioElements.push(el);
      }
    })
    .on(RoomEvent.TrackMuted, (pub: TrackPublication, participant: Participant) => {
      if (pub.kind === Track.Kind.Video && participant.identity.startsWith(customerIdentity(""))) {
        handlers.onCameraPaused(true);
      }
    })
    .on(RoomEvent.TrackUnmuted, (pub: TrackPublication, participant: Participant) => {
      if (pub.kind === Track.Kind.Video && participant.identity.startsWith(customerIdentity(""))) {
        handlers.onCameraPaused(false);
      }
    })
    .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Video) handlers.onVideo(null);
    })
    .on(RoomEvent.ParticipantDisconnected, (p: RemoteParticipant) => {
      if (isCustomer(p)) handlers.onCustomerLeft();
    })
    .on(RoomEvent.Reconnecting, () => handlers.onReconnecting(true))
    .on(RoomEvent.SignalReconnecting, () => handlers.onReconnecting(true))
    .on(RoomEvent.Reconnected, () => handlers.onReconnecting(false))
    .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      audioElements.forEach((el) => el.remove());
      handlers.onEnded(reason === DisconnectReason.ROOM_DELETED);
    });

  await room.connect(connection.url, connection.token);
  await room.startAudio().catch(() => {});
  await room.localParticipant.setMicrophoneEnabled(true);

  return {
    async setMicMuted(muted) {
      await room.localParticipant.setMicrophoneEnabled(!muted);
    },
    disconnect: () => room.disconnect(),
  };
}
