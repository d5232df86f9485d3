/** The technician's active session as the console shows it, and what its status line says. */
import type { MessageKey } from "../../messages/en.ts";
import type { Quality } from "./room.ts";

export type LiveState = "connecting" | "live" | "reconnecting" | "ended";

export interface ActiveSession {
  id: string;
  name: string;
  state: LiveState;
  customerPresent: boolean;
  /** The customer is gone because their connection dropped, not because they left. */
  customerInterrupted: boolean;
  /** Nothing arrives from the customer any more, though LiveKit still counts them in the room. */
  customerStalled: boolean;
  cameraPaused: boolean;
  endedByCustomer: boolean;
  customerMuted: boolean;
  quality: { you: Quality; customer: Quality };
}

/** A session just opened: connecting, the customer there, nothing known of either connection. */
export function openedSession(id: string, name: string): ActiveSession {
  return {
    id,
    name,
    state: "connecting",
    customerPresent: true,
    customerInterrupted: false,
    customerStalled: false,
    cameraPaused: false,
    endedByCustomer: false,
    customerMuted: false,
    quality: { you: "unknown", customer: "unknown" },
  };
}

/** The session list says whether the customer is in the room; back in means no longer interrupted. */
export function withPresence(active: ActiveSession, present: boolean): ActiveSession {
  return { ...active, customerPresent: present, customerInterrupted: present ? false : active.customerInterrupted };
}

/** Whether the customer's connection is interrupted right now (as far as this console can tell). */
export const customerInterrupted = (a: ActiveSession) =>
  a.customerInterrupted || (a.customerPresent && (a.customerStalled || a.quality.customer === "lost"));

/**
 * The customer's connection as the console rates it: LiveKit's rating, but "lost" while nothing arrives
 * from them, and no better than "poor" while their picture is coarse (`photo_hint.ts`): LiveKit rates a
 * single steady layer by loss and jitter, and a thin uplink that loses nothing stays "excellent" there.
 */
export function customerQuality(a: ActiveSession, coarse: boolean): Quality {
  if (a.customerStalled) return "lost";
  if (coarse && a.quality.customer !== "lost") return "poor";
  return a.quality.customer;
}

/**
 * The status line over the controls, most important first: our connection, the end, the customer's
 * connection, hold, a paused camera, the video still on its way. Empty while all is well.
 */
export function statusLine(a: ActiveSession, held: boolean, hasVideo: boolean): MessageKey | null {
  if (a.state === "connecting") return "console.connecting";
  if (a.state === "reconnecting") return "console.reconnecting";
  if (a.state === "ended") return a.endedByCustomer ? "console.ended.customer" : "console.ended";
  if (customerInterrupted(a)) return "console.customerReconnecting";
  if (!a.customerPresent) return "console.customerLeft";
  if (held) return "console.onHold";
  if (a.cameraPaused) return "console.cameraPaused";
  return hasVideo ? null : "console.waitingVideo";
}
