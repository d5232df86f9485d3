import type { sessionEn } from "./session_en.ts";

export const sessionDe: Record<keyof typeof sessionEn, string> = {
  "customer.preview": "Ihre Kameravorschau (noch nicht übertragen)",
  "customer.preview.notShared": "Noch nicht geteilt",
  "customer.eula.title": "Endbenutzer-Lizenzvertrag",
  "customer.eula.accept": "Akzeptieren",
  "customer.eula.decline": "Ablehnen",
  "customer.eula.joining": "Verbindung wird hergestellt…",
  "customer.join.relaying": "Dieses Netzwerk blockiert Videoanrufe – wir versuchen es auf anderem Weg…",
  "customer.join.blocked":
    "Dieses Netzwerk blockiert Videoanrufe – versuchen Sie mobile Daten oder ein anderes WLAN und tippen Sie dann erneut auf Akzeptieren.",
  "customer.join.unreachable":
    "Der Videodienst ist gerade nicht erreichbar. Prüfen Sie Ihre Verbindung und tippen Sie erneut auf Akzeptieren.",
  "customer.waiting.title": "Warten auf Ihren Techniker",
  "customer.waiting.body": "{technician} von {company} startet die Sitzung in Kürze. Lassen Sie diese Seite geöffnet.",
  "customer.ended.title": "Die Sitzung ist beendet",
  "customer.ended.technician": "Ihr Techniker hat die Sitzung beendet.",
  "customer.ended.customer": "Sie haben die Sitzung beendet.",
  "customer.ended.declined": "Sie haben den Lizenzvertrag abgelehnt. Es wurde nichts übertragen.",
  "customer.ended.other":
    "Die Verbindung wurde geschlossen. Wenn Sie noch Hilfe brauchen, bitten Sie Ihren Techniker um einen neuen Link.",
  "customer.ended.thanks": "Vielen Dank. Sie können diese Seite schließen.",
};
