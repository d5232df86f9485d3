import { render } from "preact";
import { createApi } from "../../lib/api.ts";
import { browserProblem } from "../../lib/browser.ts";
import { registerServiceWorker } from "../../lib/pwa.ts";
import { CustomerApp } from "./customer_app.tsx";
import { createCustomerModel } from "./model.ts";
import "../../styles/base.css";
import "../../styles/customer.css";

const model = createCustomerModel({
  api: createApi(),
  media: {
    getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
    enumerateDevices: () => navigator.mediaDevices.enumerateDevices(),
    stream: (tracks) => new MediaStream(tracks),
  },
  page: document,
  storage: sessionStorage,
  prefs: localStorage,
  network: { onLine: navigator.onLine, events: globalThis },
  browserProblem: () => browserProblem(),
  // The running session's code, with livekit-client, the picture tools and the chat, loads at Accept.
  loadSession: () => import("./session.ts"),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
void model.start(location);

render(<CustomerApp model={model} />, document.getElementById("app")!);

registerServiceWorker();
