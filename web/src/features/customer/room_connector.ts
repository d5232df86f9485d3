/**
 * Joining the session's room the way the network allows: directly first; when the media server answers
 * but no media path opens (a network that blocks video calls), the customer is told, the technician
 * learns why the customer is not there yet, and the join goes again through LiveKit's TURN relay —
 * for this and every later join of the session.
 */
import type { LiveKitConnection } from "../../../../shared/customer_schemas.ts";
import { reportProgress } from "../../../../shared/progress.ts";
import type { Api } from "../../lib/api.ts";
import type { FlowEvent } from "./flow.ts";
import { type CustomerRoom, type CustomerRoomHandlers, JoinFailure, type JoinTrouble } from "./room.ts";
import type { RoomCode } from "./session.ts";

export interface ConnectorDeps {
  join: RoomCode["joinCustomerRoom"];
  tracks(): { video?: MediaStreamTrack; audio?: MediaStreamTrack };
  dispatch(event: FlowEvent): void;
  api: Api;
  /** The session's customer key, to tell the edge (and so the technician) why the customer is not there. */
  key(): string | null;
}

export function createRoomConnector(deps: ConnectorDeps) {
  let relay = false;
  const report = (reason: "network" | "media-server") => {
    const bearer = deps.key();
    const body = { event: "cannot-connect", reason } as const;
    if (bearer) void deps.api(reportProgress, { bearer, body }).catch(() => {});
  };
  const troubleOf = (err: unknown): JoinTrouble | null => err instanceof JoinFailure ? err.trouble : null;

  return async function connect(connection: LiveKitConnection, handlers: CustomerRoomHandlers): Promise<CustomerRoom> {
    try {
      return await deps.join(connection, deps.tracks, handlers, { relay });
    } catch (err) {
      const trouble = troubleOf(err);
      if (trouble === "unreachable") report("media-server");
      if (trouble !== "blocked" || relay) {
        if (trouble === "blocked") report("network");
        throw err;
      }
      relay = true;
      report("network");
      deps.dispatch({ type: "connect-trouble", trouble: "blocked" });
      return await deps.join(connection, deps.tracks, handlers, { relay });
    }
  };
}
