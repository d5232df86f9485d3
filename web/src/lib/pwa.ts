import { signal } from "@preact/signals";

/** A new version of the app is installed and waiting; the UI offers to switch when it suits the user. */
export const updateReady = signal(false);
let activate: (() => void) | null = null;

/**
 * Registers the service worker that vite-plugin-pwa generates (`registerType: "prompt"`: a new worker
 * waits until the user agrees, then gets `SKIP_WAITING`), after the page has loaded so it never competes
 * with the first paint. These few lines do what workbox-window's `Workbox` (behind `useRegisterSW`) does
 * for us, without its 2 KB in the customer's first download.
 */
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  addEventListener("load", async () => {
    let registration: ServiceWorkerRegistration;
    try {
      registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    } catch (err) {
      console.warn("Service worker registration failed", err);
      return;
    }
    const offer = (worker: ServiceWorker) => {
      activate = () => worker.postMessage({ type: "SKIP_WAITING" });
      updateReady.value = true;
    };
    // Only an update waits for consent; the first install simply takes over on the next visit.
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (activate) location.reload();
    });
  });
}

export function applyUpdate() {
  activate?.();
}

/** The browser's install offer (Chromium's `beforeinstallprompt`), kept until the user wants it. */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

export const installOffer = signal<InstallPromptEvent | null>(null);

addEventListener("beforeinstallprompt", (e) => {
  // Keep the browser's own banner from popping up mid-session; the app offers it where it fits.
  e.preventDefault();
  installOffer.value = e as InstallPromptEvent;
});
addEventListener("appinstalled", () => (installOffer.value = null));

export async function install() {
  const offer = installOffer.value;
  if (!offer) return;
  await offer.prompt();
  await offer.userChoice.catch(() => null);
  installOffer.value = null;
}
