import type { sessionEn } from "./session_en.ts";

export const sessionDe: Record<keyof typeof sessionEn, string> = {
  "customer.preview": "Ihre Kameravorschau (noch nicht geteilt)",
  "customer.preview.notShared": "Noch nicht geteilt",
  "customer.permission.howTo": "So erlauben Sie die Kamera wieder",
  "customer.permission.help.chrome-android":
    "In Chrome: Tippen Sie links neben der Adresse auf das Symbol (zwei Regler oder ein Schloss), öffnen Sie „Berechtigungen“ und schalten Sie Kamera und Mikrofon ein.",
  "customer.permission.help.samsung":
    "In Samsung Internet: Tippen Sie auf das Menü (☰) › Einstellungen › Websites und Downloads › Website-Berechtigungen und erlauben Sie dieser Seite Kamera und Mikrofon.",
  "customer.permission.help.firefox":
    "In Firefox: Tippen oder klicken Sie links neben der Adresse auf das Schloss und erlauben Sie Kamera und Mikrofon (oder entfernen Sie „Blockiert“).",
  "customer.permission.help.safari-ios":
    "In Safari: Tippen Sie in der Adressleiste auf „aA“ (oder das Seitenmenü) › Website-Einstellungen und stellen Sie Kamera und Mikrofon auf „Erlauben“.",
  "customer.permission.help.ios-app":
    "Öffnen Sie die App „Einstellungen“, wählen Sie diesen Browser und erlauben Sie Kamera und Mikrofon.",
  "customer.permission.help.desktop":
    "Klicken Sie links neben der Adresse auf das Symbol und erlauben Sie Kamera und Mikrofon.",
  "customer.permission.reloadHint": "Nach der Änderung die Seite neu laden.",
  "customer.permission.reload": "Neu laden",
  "customer.eula.title": "Endbenutzer-Lizenzvertrag",
  "customer.eula.accept": "Akzeptieren",
  "customer.eula.decline": "Ablehnen",
  "customer.eula.privacy": "Datenschutz",
  "customer.eula.fallback": "Diese Vereinbarung liegt nicht auf Deutsch vor und wird deshalb auf Englisch angezeigt.",
  "customer.eula.joining": "Verbindung wird hergestellt…",
  "customer.join.relaying": "Dieses Netzwerk blockiert Videoanrufe – wir versuchen einen anderen Weg…",
  "customer.join.blocked":
    "Dieses Netzwerk blockiert Videoanrufe – versuchen Sie mobile Daten oder ein anderes WLAN und tippen Sie dann erneut auf Akzeptieren.",
  "customer.join.unreachable":
    "Der Videodienst ist gerade nicht erreichbar. Prüfen Sie Ihre Verbindung und tippen Sie erneut auf Akzeptieren.",
  "customer.waiting.title": "Warten auf den Support",
  "customer.waiting.body": "{technician} von {company} startet die Sitzung in Kürze. Lassen Sie diese Seite geöffnet.",
  "customer.ended.title": "Die Sitzung ist beendet",
  "customer.ended.technician": "Der Support hat die Sitzung beendet.",
  "customer.ended.customer": "Sie haben die Sitzung beendet.",
  "customer.ended.declined": "Sie haben den Lizenzvertrag abgelehnt. Es wurde nichts übertragen.",
  "customer.ended.other":
    "Die Verbindung wurde getrennt. Wenn Sie noch Hilfe brauchen, bitten Sie den Support um einen neuen Link.",
  "customer.ended.thanks": "Vielen Dank. Sie können diese Seite schließen.",
  "customer.gone.expired.title": "Dieser Link ist abgelaufen",
  "customer.gone.expired.body":
    "Links von {company} gelten nur für kurze Zeit. Bitten Sie den Support um einen neuen Link.",
  "customer.gone.used.title": "Dieser Link wurde bereits verwendet",
  "customer.gone.used.body":
    "Mit diesem Link wurde schon eine Sitzung mit {company} gestartet. Wenn Sie noch Hilfe brauchen, bitten Sie den Support um einen neuen Link.",
  "customer.gone.cancelled.title": "Diese Sitzung wurde abgesagt",
  "customer.gone.cancelled.body":
    "Der Support von {company} hat diese Sitzung abgesagt. Wenn Sie noch Hilfe brauchen, bitten Sie den Support um einen neuen Link.",
  "customer.gone.replaced.title": "Es gibt einen neueren Link",
  "customer.gone.replaced.body":
    "{company} hat Ihnen einen neueren Link geschickt. Bitte verwenden Sie diesen oder bitten Sie den Support um einen neuen Link.",
  "customer.gone.close": "Sie können diese Seite schließen.",
  "customer.unsupported.title": "Dieser Browser kann Ihre Kamera nicht zeigen",
  "customer.unsupported.inApp":
    "Sie haben den Link in einer anderen App geöffnet. Öffnen Sie ihn stattdessen in Safari (iPhone) oder Chrome (Android): Tippen Sie auf das Menü und wählen Sie „Im Browser öffnen“.",
  "customer.unsupported.insecure":
    "Diese Seite wurde nicht über eine sichere Verbindung (https) geöffnet, deshalb lässt der Browser die Kamera aus. Öffnen Sie den Link genau so, wie Sie ihn erhalten haben, in einem aktuellen Safari (iPhone) oder Chrome (Android).",
  "customer.unsupported.noCamera":
    "Dieser Browser erlaubt Webseiten keinen Zugriff auf die Kamera. Öffnen Sie den Link in einem aktuellen Safari (iPhone) oder Chrome (Android).",
  "customer.unsupported.noWebRTC":
    "Dieser Browser kann keine Live-Videoanrufe führen: Ihm fehlt WebRTC. Öffnen Sie den Link in einem aktuellen Safari (iPhone) oder Chrome (Android).",
  "customer.unsupported.copy": "Link kopieren",
  "customer.unsupported.storeIntro": "Oder installieren Sie unsere App und geben Sie dort die PIN ein:",
  "customer.unsupported.appStore": "App im App Store laden",
  "customer.unsupported.googlePlay": "App bei Google Play laden",
};
