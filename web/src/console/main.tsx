import { render } from "preact";
import { ConsoleApp } from "./app.tsx";
import { SetPassword } from "./set_password.tsx";
import { registerServiceWorker } from "../lib/pwa.ts";
import { addMessages } from "../lib/i18n.ts";
import { consoleEn } from "../messages/console_en.ts";
import { liveEn } from "../messages/live_en.ts";
import "../styles/base.css";
import "../styles/console.css";

addMessages(consoleEn, () => import("../messages/console_de.ts").then((m) => m.consoleDe));
addMessages(liveEn, () => import("../messages/live_de.ts").then((m) => m.liveDe));

render(
  location.pathname.startsWith("/console/set-password") ? <SetPassword /> : <ConsoleApp />,
  document.getElementById("app")!,
);

registerServiceWorker();
