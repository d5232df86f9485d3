import { render } from "preact";
import { ConsoleApp } from "./app.tsx";
import { SetPassword } from "./set_password.tsx";
import { registerServiceWorker } from "../lib/pwa.ts";
import "../styles/base.css";
import "../styles/console.css";

render(
  location.pathname.startsWith("/console/set-password") ? <SetPassword /> : <ConsoleApp />,
  document.getElementById("app")!,
);

registerServiceWorker();
