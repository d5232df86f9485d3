import { render } from "preact";
import { CustomerApp } from "./app.tsx";
import "../styles/base.css";
import "../styles/customer.css";

render(<CustomerApp />, document.getElementById("app")!);
