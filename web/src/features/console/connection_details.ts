/** The Connection details overlay: hidden (null), waiting for figures, or the latest, polled once a second. */
import { type ReadonlySignal, signal } from "@preact/signals";
import type { VideoStats } from "./room.ts";

export type Details = VideoStats | "waiting" | null;

export function createConnectionDetails(stats: () => Promise<VideoStats | null> | undefined) {
  const details = signal<Details>(null);
  let timer: ReturnType<typeof setInterval> | undefined;

  function hide() {
    clearInterval(timer);
    details.value = null;
  }

  return {
    details: details as ReadonlySignal<Details>,
    toggle() {
      if (details.value !== null) return hide();
      clearInterval(timer);
      details.value = "waiting";
      const poll = async () => {
        const latest = await stats()?.catch(() => null);
        if (details.value !== null) details.value = latest ?? "waiting";
      };
      void poll();
      timer = setInterval(poll, 1000);
    },
    hide,
  };
}
