import { signal } from "@preact/signals";

/** A new version of the app is installed and waiting; the UI offers to switch when it suits the user. */
export const updateReady = signal(false);
let activate: (() => void) | null = null;

/**
 * Registers the service worker built by vite-plugin-pwa (`registerType: "prompt"`), after the page has
 * loaded so it never competes with the first paint. workbox-window is what `useRegisterSW` wraps; it is
 * used directly because Deno's type-check cannot resolve the plugin's virtual module.
 */
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  addEventListener("load", async () => {
    const { Workbox } = await import("workbox-window");
    const wb = new Workbox("/sw.js", { scope: "/" });
    wb.addEventListener("waiting", () => {
      activate = () => {
        wb.addEventListener("controlling", () => location.reload());
        wb.messageSkipWaiting();
      };
      updateReady.value = true;
    });
    await wb.register().catch((err) => console.warn("Service worker registration failed", err));
  });
}

export function applyUpdate() {
  activate?.();
}
