/**
 * The customer's screens after the camera prompt — EULA, waiting, the end — and the rare ones before it
 * (a link that no longer works, a browser that cannot do the job, help for a blocked camera), with their
 * text: a chunk of its own, fetched as soon as the first screen is up, so the first download stays small.
 */
import { addMessages } from "../../lib/i18n.ts";
import { sessionEn } from "../../messages/session_en.ts";

addMessages(sessionEn, () => import("../../messages/session_de.ts").then((m) => m.sessionDe));

export { EndedScreen } from "./ended_screen.tsx";
export { EulaScreen } from "./eula_screen.tsx";
export { LinkGoneScreen } from "./link_gone_screen.tsx";
export { UnsupportedScreen } from "./unsupported_screen.tsx";
export { WaitingScreen } from "./waiting_screen.tsx";
export { PermissionHelp } from "./permission_help.tsx";
