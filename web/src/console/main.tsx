import { render } from "preact";
import { ConsoleApp } from "./app.tsx";
import "../styles/base.css";
import "../styles/console.css";

render(<ConsoleApp />, document.getElementById("app")!);
