/**
 * What the session list says about a session, as a pure function of the session and the time: its
 * badge (Expired and Cancelled apart from Ended), where the customer is ("Reading the tutorial",
 * "Camera blocked"), and how long a waiting customer has waited.
 */
import type { SessionView } from "../../../../shared/schemas.ts";
import type { MessageKey } from "../../messages/en.ts";

export type Badge = "pending" | "waiting" | "active" | "ended" | "expired" | "cancelled";

export function badgeOf(s: SessionView): Badge {
  if (s.status !== "ended") return s.status;
  return s.endedBy === "expired" ? "expired" : s.endedBy === "cancelled" ? "cancelled" : "ended";
}

export const badgeKey = (badge: Badge): MessageKey => `console.status.${badge}`;

/** Where the customer is, while the session has not started; null when nothing was reported. */
export function progressKey(s: SessionView): MessageKey | null {
  const progress = s.status === "pending" || s.status === "waiting" ? s.customerProgress : null;
  if (!progress) return null;
  return progress.event === "cannot-connect"
    ? `console.progress.cannot-connect.${progress.reason ?? "network"}`
    : `console.progress.${progress.event}`;
}

/** The customer is stuck (camera blocked, cannot connect) rather than on their way. */
export const isProblem = (s: SessionView) =>
  s.customerProgress?.event === "camera-denied" || s.customerProgress?.event === "cannot-connect";

/** A duration as m:ss (h:mm:ss from an hour on); never negative, whatever the clocks say. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, sec] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** How long the customer has been waiting at `now`, or null when they are not waiting. */
export function waitedFor(s: SessionView, now: number): string | null {
  return s.status === "waiting" && s.waitingSince !== null ? duration(now - s.waitingSince) : null;
}

/** What the technician may do with the session besides Start. */
export function actionsOf(s: SessionView): { resend: boolean; extend: boolean; cancel: boolean; clear: boolean } {
  const badge = badgeOf(s);
  const unclaimed = s.status === "pending" && s.customerProgress?.event !== "accepted" &&
    s.customerProgress?.event !== "connecting" && s.customerProgress?.event !== "cannot-connect";
  return {
    resend: unclaimed || badge === "expired" || badge === "cancelled",
    extend: unclaimed || badge === "expired",
    cancel: s.status === "pending" || s.status === "waiting",
    clear: s.status === "ended",
  };
}
