/**
 * Which screen the customer app shows, as a pure function of what happened: `next(flow, event)`. The
 * customer model (`model.ts`) turns the outside world (the edge's answers, the camera, the room) into
 * these events; the screens only read the result.
 */
import type { LinkGone } from "../../../../shared/customer_schemas.ts";
import type { BrowserProblem } from "../../lib/browser.ts";

export const TUTORIAL_STEPS = 3;

/** Why a PIN could not be used: "invalid" (not six digits), "notFound" (unknown, expired or used) … */
export type PinProblem = "invalid" | "notFound" | "throttled" | "network" | "generic";
export type PermissionProblem = "denied" | "noCamera" | "inUse" | "error";
/**
 * Why joining failed: the PIN is gone (`notFound`), no network, the network blocks video calls even
 * through the relay (`blocked`), the media server does not answer (`unreachable`), anything else.
 */
export type JoinProblem = "notFound" | "network" | "blocked" | "unreachable" | "generic";
/** Who or what ended the session, as the ended screen tells it. */
export type EndedReason = "technician" | "customer" | "declined" | "other";

export type Screen =
  | { name: "checking" }
  | { name: "pin"; problem?: PinProblem; retryAfterSeconds?: number }
  /** The link worked once and no longer does: it says why, and whom to ask. */
  | ({ name: "gone" } & LinkGone)
  | { name: "unsupported"; reason: Exclude<BrowserProblem, null> }
  | { name: "tutorial"; step: number }
  | { name: "permission"; asking: boolean; problem?: PermissionProblem }
  | { name: "eula"; joining: boolean; problem?: JoinProblem }
  | { name: "waiting" }
  | { name: "live" }
  | { name: "ended"; reason: EndedReason };

export interface Flow {
  screen: Screen;
  /** The media connection is being re-established (shown over the waiting and live screens). */
  reconnecting: boolean;
  /** The technician put the camera on hold: it is off until they resume. */
  onHold: boolean;
  /** The network blocked the direct way into the room; joining goes through the relay meanwhile. */
  relaying: boolean;
}

export type FlowEvent =
  /** The address holds no PIN: the PIN form. */
  | { type: "no-link" }
  /** The customer submitted the PIN form. */
  | { type: "pin-typed"; valid: boolean }
  /** The PIN is live; `browser` says what this browser lacks, if anything. */
  | { type: "looked-up"; browser: BrowserProblem }
  | { type: "lookup-failed"; problem: PinProblem; retryAfterSeconds?: number; gone?: LinkGone }
  | { type: "tutorial-next" }
  | { type: "tutorial-skip" }
  | { type: "camera-asked" }
  | { type: "camera-granted" }
  | { type: "camera-failed"; problem: PermissionProblem }
  | { type: "accept-sent" }
  | { type: "accept-failed"; problem: JoinProblem }
  /** In the session's room (after Accept, a reload or a lost connection), not yet allowed to publish. */
  | { type: "joined" }
  /** The network blocks the direct way into the room: trying through the relay. */
  | { type: "connect-trouble"; trouble: "blocked" }
  /** Start's grant arrived and camera and microphone are published. */
  | { type: "published" }
  | { type: "hold"; on: boolean }
  | { type: "reconnecting"; on: boolean }
  | { type: "ended"; reason: EndedReason };

export const initialFlow: Flow = { screen: { name: "checking" }, reconnecting: false, onHold: false, relaying: false };

/** The flow after `event`; an event that does not apply to the current screen changes nothing. */
export function next(flow: Flow, event: FlowEvent): Flow {
  const { screen } = flow;
  if (screen.name === "ended") return flow;
  const to = (next: Screen): Flow => ({ ...flow, screen: next });
  switch (event.type) {
    case "no-link":
      return to({ name: "pin" });
    case "pin-typed":
      return to(event.valid ? { name: "checking" } : { name: "pin", problem: "invalid" });
    case "looked-up":
      if (screen.name !== "checking") return flow;
      return to(event.browser ? { name: "unsupported", reason: event.browser } : { name: "tutorial", step: 0 });
    case "lookup-failed":
      if (event.gone) return to({ name: "gone", ...event.gone });
      return to({ name: "pin", problem: event.problem, retryAfterSeconds: event.retryAfterSeconds });
    case "tutorial-next":
      if (screen.name !== "tutorial") return flow;
      return to(
        screen.step + 1 < TUTORIAL_STEPS ? { name: "tutorial", step: screen.step + 1 } : permission(),
      );
    case "tutorial-skip":
      return screen.name === "tutorial" ? to(permission()) : flow;
    case "camera-asked":
      return screen.name === "permission" ? to({ name: "permission", asking: true }) : flow;
    case "camera-granted":
      return screen.name === "permission" ? to({ name: "eula", joining: false }) : flow;
    case "camera-failed":
      return to({ name: "permission", asking: false, problem: event.problem });
    case "accept-sent":
      return screen.name === "eula" ? to({ name: "eula", joining: true }) : flow;
    case "accept-failed":
      if (screen.name !== "eula") return flow;
      return { ...flow, relaying: false, screen: { name: "eula", joining: false, problem: event.problem } };
    case "connect-trouble":
      return { ...flow, relaying: true };
    case "joined":
      return { ...flow, relaying: false, screen: screen.name === "live" ? screen : { name: "waiting" } };
    case "published":
      return to({ name: "live" });
    case "hold":
      return { ...flow, onHold: event.on };
    case "reconnecting":
      return { ...flow, reconnecting: event.on };
    case "ended":
      return { screen: { name: "ended", reason: event.reason }, reconnecting: false, onHold: false, relaying: false };
  }
}

const permission = (): Screen => ({ name: "permission", asking: false });
