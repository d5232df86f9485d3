import { render } from "preact";
import { SET_PASSWORD_PAGE } from "../../../../shared/api.ts";
import { createApi } from "../../lib/api.ts";
import { addMessages, t } from "../../lib/i18n.ts";
import { registerServiceWorker } from "../../lib/pwa.ts";
import { consoleEn } from "../../messages/console_en.ts";
import { liveEn } from "../../messages/live_en.ts";
import { reportEn } from "../../messages/report_en.ts";
import { indexedDbImageStore, memoryImageStore } from "../../lib/image_store.ts";
import { ConsoleApp } from "./console_app.tsx";
import { createConsoleModel } from "./model.ts";
import { hasSignInHint } from "./sign_in.ts";
import { SetPassword } from "./set_password.tsx";
import "../../styles/base.css";
import "../../styles/console.css";
import "../../styles/console_layout.css";
import "../../styles/report.css";

addMessages(consoleEn, () => import("../../messages/console_de.ts").then((m) => m.consoleDe));
addMessages(liveEn, () => import("../../messages/live_de.ts").then((m) => m.liveDe));
addMessages(reportEn, () => import("../../messages/report_de.ts").then((m) => m.reportDe));

const api = createApi();

let audio: AudioContext | null = null;
/** A short two-tone beep (WebAudio, no sound file); silent where the browser refuses audio. */
function chime() {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const at = audio.currentTime;
    [880, 1175].forEach((hz, i) => {
      const tone = audio!.createOscillator();
      const gain = audio!.createGain();
      tone.frequency.value = hz;
      gain.gain.setValueAtTime(0.2, at + i * 0.16);
      gain.gain.exponentialRampToValueAtTime(0.001, at + i * 0.16 + 0.15);
      tone.connect(gain).connect(audio!.destination);
      tone.start(at + i * 0.16);
      tone.stop(at + i * 0.16 + 0.15);
    });
  } catch (err) {
    console.warn("Waiting sound failed", err);
  }
}

function consoleModel() {
  const model = createConsoleModel({
    api,
    connect: (url) => new EventSource(url),
    notifications: {
      permission: () => "Notification" in globalThis ? Notification.permission : "unsupported",
      request: () => Notification.requestPermission(),
      show(title, options, onClick) {
        new Notification(title, options).onclick = onClick;
      },
    },
    waitingNotice: (s) => ({
      title: t("console.notify.waiting", { name: s.name }),
      body: t("console.notify.waitingBody"),
    }),
    loadRoom: () => import("./room.ts"),
    focus: () => globalThis.focus(),
    chime,
    prefs: localStorage,
    // IndexedDB: photos survive a reload of the console and stay in this browser only.
    images: "indexedDB" in globalThis ? indexedDbImageStore(indexedDB) : memoryImageStore(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    signedInHint: () => hasSignInHint(document.cookie),
  });
  void model.signIn.check();
  return model;
}

render(
  location.pathname.startsWith(SET_PASSWORD_PAGE) ? <SetPassword api={api} /> : <ConsoleApp model={consoleModel()} />,
  document.getElementById("app")!,
);

registerServiceWorker();
