/**
 * The console's HD photo hint: shown while the customer's picture has lost its detail
 * (`lib/picture_quality.ts`) and nothing else explains a poor picture. However thin the customer's uplink,
 * a still (HD photo) reaches the console whole at the camera's full resolution; the moving picture cannot.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import { pictureJudge, type PictureSample } from "../../lib/picture_quality.ts";
import { type ActiveSession, customerInterrupted } from "./active_session.ts";

/**
 * Whether the customer's picture should be flowing to the console now: live, the customer there and
 * connected, their camera on, not on hold, no still shown over it. Otherwise its figures say nothing
 * about their uplink.
 */
export function pictureExpected(a: ActiveSession | null, held: boolean, still: boolean): boolean {
  return !!a && a.state === "live" && a.customerPresent && !customerInterrupted(a) && !a.cameraPaused && !held &&
    !still;
}

export function createPhotoHint() {
  const shown = signal(false);
  const judge = pictureJudge();
  return {
    shown: shown as ReadonlySignal<boolean>,
    /** One second of the customer's picture as decoded here (null: none flowing); `expected`: `pictureExpected`. */
    sample(picture: PictureSample | null, expected: boolean) {
      shown.value = judge(expected ? picture : null);
    },
  };
}
export type PhotoHint = ReturnType<typeof createPhotoHint>;
