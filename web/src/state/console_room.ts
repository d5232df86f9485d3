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
  Room,
  RoomEvent,
  Track,
  type TrackPublication,
} from "livekit-client";
import { customerIdentity } from "../../../shared/constants.ts";
import {
  decodeTool,
  encodeTool,
  MAX_STILL_BYTES,
  STILL_TOPIC,
  SYNC_TOPIC,
  type ToolMessage,
  TOOLS_TOPIC,
} from "../../../shared/tools.ts";
import { connectionLost } from "./room_loss.ts";

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

/** What the Connection details overlay shows, read from the customer video's receiver stats. */
export interface VideoStats {
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  rttMs: number | null;
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

/**
 * Measures a microphone track with an `AnalyserNode` once per animation frame and reports 0–100
 * (−60 dBFS … 0 dBFS of the frame's RMS, falling slowly so short sounds stay readable).
 * Returns the function that stops measuring and closes the audio context.
 */
function meterLevel(track: MediaStreamTrack, report: (level: number) => void): () => void {
  const context = new AudioContext();
  void context.resume().catch(() => {});
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let level = 0;
  let frame = 0;
  const tick = () => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const x of samples) sum += x * x;
    const db = 20 * Math.log10(Math.sqrt(sum / samples.length) || 1e-9);
    level = Math.max(Math.min(100, Math.max(0, ((db + 60) / 60) * 100)), level * 0.92);
    report(Math.round(level));
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    cancelAnimationFrame(frame);
    report(0);
    void context.close().catch(() => {});
  };
}

/**
 * How long the customer's media may stop before the console says their connection is interrupted.
 * LiveKit keeps a customer whose network vanished in the room and rates their connection by what it
 * last saw, for longer than a technician looking at a frozen picture should wait to be told. The
 * customer's unmuted microphone sends something at least every few hundred milliseconds, even in
 * silence (comfort noise); muted tracks, Hold and a paused camera are not expected to send.
 */
export const STALL_MS = 3_000;

export async function joinTechnicianRoom(
  connection: { url: string; token: string },
  handlers: TechnicianRoomHandlers,
): Promise<TechnicianRoom> {
  const room = new Room({ adaptiveStream: true, dynacast: true });
  const audioElements: HTMLMediaElement[] = [];
  const audioTracks: RemoteAudioTrack[] = [];
  let volume = 1;
  let stopMeter = () => {};
  let videoTrack: RemoteTrack | null = null;
  let leaving = false;
  const isCustomer = (p: Participant) => p.identity.startsWith(customerIdentity(""));

  // Bytes received from the customer so far (every inbound RTP stream of theirs), and since when unchanged.
  let received = -1;
  let quietSince = performance.now();
  let stalled = false;
  const stallWatch = setInterval(async () => {
    const now = performance.now();
    // Only what should be flowing counts: not a muted microphone or camera (the SFU forwards nothing of
    // them), not a video the SFU paused (hidden on this screen, or too little bandwidth), not an old track.
    const expected = [...audioTracks, videoTrack].filter((t): t is RemoteTrack =>
      !!t && !t.isMuted && t.streamState !== Track.StreamState.Paused && t.mediaStreamTrack.readyState === "live"
    );
    if (room.state !== ConnectionState.Connected || expected.length === 0) {
      // Our own connection is the problem, or nothing of the customer's should be arriving now.
      [received, quietSince] = [-1, now];
      if (stalled) handlers.onCustomerStalled(stalled = false);
      return;
    }
    let bytes = 0;
    for (const track of expected) {
      (await track.getRTCStatsReport())?.forEach((r) => {
        if (r.type === "inbound-rtp") bytes += r.bytesReceived ?? 0;
      });
    }
    if (bytes !== received) [received, quietSince] = [bytes, now];
    const quiet = now - quietSince >= STALL_MS;
    if (quiet !== stalled) handlers.onCustomerStalled(stalled = quiet);
  }, 1_000);

  room
    .on(RoomEvent.TrackSubscribed, (track: RemoteTrack, pub: TrackPublication, participant: RemoteParticipant) => {
      if (!isCustomer(participant)) return;
      if (track.kind === Track.Kind.Video) {
        videoTrack = track;
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
      if (track === videoTrack) videoTrack = null;
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
      clearInterval(stallWatch);
      audioElements.forEach((el) => el.remove());
      if (!leaving && connectionLost(reason)) handlers.onLost();
      else handlers.onEnded(reason === DisconnectReason.ROOM_DELETED);
    });

  room.registerByteStreamHandler(STILL_TOPIC, async (reader, from) => {
    const { id } = reader.info.attributes ?? {};
    const image = /^image\/(jpeg|png|webp)$/.test(reader.info.mimeType);
    const size = reader.info.size ?? 0;
    if (!id || !image || size > MAX_STILL_BYTES || !from.identity.startsWith(customerIdentity(""))) return;
    reader.onProgress = (progress) => progress !== undefined && handlers.onStillProgress(id, progress);
    const chunks = await reader.readAll();
    handlers.onStill(id, new Blob(chunks as BlobPart[], { type: reader.info.mimeType }));
  });

  await room.connect(connection.url, connection.token).catch((err) => {
    clearInterval(stallWatch);
    throw err;
  });
  await room.startAudio().catch(() => {});

  let last: { bytes: number; at: number } | null = null;

  return {
    async videoStats() {
      const report = await videoTrack?.getRTCStatsReport();
      if (!report) return null;
      let inbound: Record<string, number> | undefined;
      let rtt: number | null = null;
      report.forEach((r) => {
        if (r.type === "inbound-rtp" && r.kind === "video") inbound = r;
        if (r.type === "candidate-pair" && r.nominated && typeof r.currentRoundTripTime === "number") {
          rtt = r.currentRoundTripTime;
        }
      });
      if (!inbound) return null;
      const bytes = inbound.bytesReceived ?? 0;
      const at = inbound.timestamp ?? performance.now();
      const bitrateKbps = last && at > last.at ? ((bytes - last.bytes) * 8) / (at - last.at) : 0;
      last = { bytes, at };
      return {
        width: inbound.frameWidth ?? 0,
        height: inbound.frameHeight ?? 0,
        fps: inbound.framesPerSecond ?? 0,
        bitrateKbps: Math.round(bitrateKbps),
        rttMs: rtt === null ? null : Math.round(rtt * 1000),
      };
    },
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
      clearInterval(stallWatch);
      await room.disconnect();
    },
  };
}
