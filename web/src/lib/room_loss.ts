import { DisconnectReason } from "livekit-client";

/**
 * Whether a LiveKit disconnect means only that the media connection was lost (the server restarted or
 * left, livekit-client gave up reconnecting, the signal closed …) rather than the session ending. The
 * session may then still run, so the page asks the edge and joins again. A room closed or deleted (End),
 * a participant removed, this identity joining elsewhere or this page leaving are real ends.
 */
export function connectionLost(reason: DisconnectReason | undefined): boolean {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
    case DisconnectReason.PARTICIPANT_REMOVED:
    case DisconnectReason.DUPLICATE_IDENTITY:
      return false;
    default:
      return true;
  }
}
