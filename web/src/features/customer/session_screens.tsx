/**
 * The customer's screens after the camera prompt — EULA, waiting, the end — and their text: a chunk of
 * its own, fetched during the tutorial, so the first download stays small.
 */
import { addMessages } from "../../lib/i18n.ts";
import { sessionEn } from "../../messages/session_en.ts";

addMessages(sessionEn, () => import("../../messages/session_de.ts").then((m) => m.sessionDe));

export { EndedScreen } from "./ended_screen.tsx";
export { EulaScreen } from "./eula_screen.tsx";
export { WaitingScreen } from "./waiting_screen.tsx";
