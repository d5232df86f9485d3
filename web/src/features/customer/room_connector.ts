/**
 * The customer's link to the session's room: joining it the way the network allows, and sending tool
 * messages through it. Directly first; when the media server answers but no media path opens (a network
 * that blocks video calls), the customer is told, the technician learns why the customer is not there
 * yet, and the join goes again through LiveKit's TURN relay — for this and every later join of the
 * session. Messages sent while the room is not ours yet (Start's grant can publish, and so ask for the
 * drawing, before joining returns) go out as soon as it is.
 */
import type { LiveKitConnection } from "../../../../shared/customer_schemas.ts";
import { type ProgressBody, reportProgress } from "../../../../shared/progress.ts";
import type { ToolMessage } from "../../../../shared/tools.ts";
import type { Api } from "../../lib/api.ts";
import type { Camera } from "./camera.ts";
import type { FlowEvent } from "./flow.ts";
import { type CustomerRoom, type CustomerRoomHandlers, JoinFailure } from "./room.ts";
import type { RoomCode } from "./session.ts";

export interface ConnectorDeps {
  join: RoomCode["joinCustomerRoom"];
  camera: Camera;
  dispatch(event: FlowEvent): void;
  api: Api;
  /** The session's customer key, to tell the edge (and so the technician) why the customer is not there. */
  key(): string | null;
}

export function createRoomConnector(deps: ConnectorDeps) {
  let relay = false;
  let room: CustomerRoom | null = null;
  let waiting: ToolMessage[] = [];
  // Reports go out one after the other, so the list never shows an older step last.
  let reports = Promise.resolve();
  const tell = (body: ProgressBody) => {
    const bearer = deps.key();
    if (bearer) reports = reports.then(() => deps.api(reportProgress, { bearer, body })).then(() => {}, () => {});
  };
  const report = (reason: "network" | "media-server") => tell({ event: "cannot-connect", reason });
  const attempt = (connection: LiveKitConnection, handlers: CustomerRoomHandlers) =>
    deps.join(connection, deps.camera.tracks, handlers, { relay });

  async function connect(connection: LiveKitConnection, handlers: CustomerRoomHandlers): Promise<CustomerRoom> {
    tell({ event: "connecting" });
    try {
      return await attempt(connection, handlers);
    } catch (err) {
      const trouble = err instanceof JoinFailure ? err.trouble : null;
      if (trouble === "unreachable") report("media-server");
      if (trouble !== "blocked" || relay) {
        if (trouble === "blocked") report("network");
        throw err;
      }
      relay = true;
      report("network");
      deps.dispatch({ type: "connect-trouble", trouble: "blocked" });
      return await attempt(connection, handlers);
    }
  }

  return {
    room: () => room,
    send: (message: ToolMessage) => room ? room.sendTool(message) : (waiting.push(message), Promise.resolve()),
    /** Joins (the camera follows the new room) and sends what waited for it. */
    async join(connection: LiveKitConnection, handlers: CustomerRoomHandlers): Promise<CustomerRoom> {
      const joined = room = await connect(connection, handlers);
      waiting.splice(0).forEach((message) => void joined.sendTool(message).catch(() => {}));
      deps.camera.connect(joined);
      return joined;
    },
    /** Out of the room for good (without leaving it: the caller does that when it must). */
    leave() {
      room = null;
      waiting = [];
      deps.camera.connect(null);
    },
  };
}
export type RoomConnector = ReturnType<typeof createRoomConnector>;
