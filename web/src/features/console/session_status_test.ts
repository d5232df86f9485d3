import assert from "node:assert/strict";
import { actionsOf, badgeOf, duration, progressKey, waitedFor } from "./session_status.ts";
import type { SessionView } from "../../../../shared/schemas.ts";
import { session } from "./testing.ts";

const progress = (event: string, reason: "network" | "media-server" | null = null) =>
  ({ event, reason, at: 1 }) as SessionView["customerProgress"];

Deno.test("badgeOf() tells Expired and Cancelled apart from Ended", () => {
  assert.equal(badgeOf(session("a", "ended", { endedBy: "expired" })), "expired");
  assert.equal(badgeOf(session("a", "ended", { endedBy: "cancelled" })), "cancelled");
  assert.equal(badgeOf(session("a", "ended", { endedBy: "technician" })), "ended");
  assert.equal(badgeOf(session("a", "waiting")), "waiting");
});

Deno.test("progressKey() says where the customer is, only while the session has not started", () => {
  for (const event of ["link-opened", "tutorial", "camera-allowed", "camera-denied", "eula-shown", "connecting"]) {
    assert.equal(
      progressKey(session("a", "pending", { customerProgress: progress(event) })),
      `console.progress.${event}`,
    );
  }
  assert.equal(
    progressKey(session("a", "pending", { customerProgress: progress("cannot-connect", "media-server") })),
    "console.progress.cannot-connect.media-server",
  );
  assert.equal(progressKey(session("a", "ended", { customerProgress: progress("tutorial") })), null);
  assert.equal(progressKey(session("a", "pending")), null);
});

Deno.test("waitedFor() counts from when the customer started waiting, as m:ss", () => {
  assert.equal(waitedFor(session("a", "waiting", { waitingSince: 1_000 }), 84_000), "1:23");
  assert.equal(waitedFor(session("a", "pending", { waitingSince: 1_000 }), 84_000), null);
  assert.equal(duration(3_723_000), "1:02:03");
  assert.equal(duration(-5_000), "0:00", "a browser clock behind the edge's never shows a negative time");
});

Deno.test("actionsOf() offers what the session's state allows", () => {
  assert.deepEqual(actionsOf(session("a", "pending")), { resend: true, extend: true, cancel: true, clear: false });
  assert.deepEqual(actionsOf(session("a", "ended", { endedBy: "expired" })), {
    resend: true,
    extend: true,
    cancel: false,
    clear: true,
  });
  assert.deepEqual(actionsOf(session("a", "ended", { endedBy: "cancelled" })), {
    resend: true,
    extend: false,
    cancel: false,
    clear: true,
  });
  assert.deepEqual(actionsOf(session("a", "ended", { endedBy: "customer" })), {
    resend: false,
    extend: false,
    cancel: false,
    clear: true,
  });
  assert.deepEqual(actionsOf(session("a", "waiting")), { resend: false, extend: false, cancel: true, clear: false });
});
