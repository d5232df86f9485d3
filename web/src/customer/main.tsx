import { render } from "preact";
import { CustomerApp } from "./app.tsx";
import { registerServiceWorker } from "../lib/pwa.ts";
import "../styles/base.css";
import "../styles/customer.css";

render(<CustomerApp />, document.getElementById("app")!);

registerServiceWorker();
