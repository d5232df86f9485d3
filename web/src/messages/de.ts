import type { en } from "./en.ts";

export const de: Record<keyof typeof en, string> = {
  "app.name": "Sightline",
  "lang.label": "Sprache",
  "common.loading": "Wird geladen…",
  "common.cancel": "Abbrechen",
  "common.close": "Schließen",
  "common.copy": "Kopieren",
  "common.copied": "Kopiert",
  "pwa.updateReady": "Eine neue Version dieser Seite ist bereit.",
  "pwa.install": "Sightline zum Startbildschirm hinzufügen",
  "pwa.update": "Aktualisieren",
  "error.network": "Keine Verbindung zum Server. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.",
  "error.generic": "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",

  "customer.pin.title": "Mit dem Support verbinden",
  "customer.pin.intro": "Geben Sie die sechsstellige PIN ein, die Sie vom Support erhalten haben.",
  "customer.pin.label": "PIN",
  "customer.pin.connect": "Verbinden",
  "customer.pin.invalid": "Die PIN hat sechs Ziffern.",
  "customer.pin.notFound":
    "Diese PIN ist unbekannt, abgelaufen oder bereits verwendet. Bitten Sie den Support um eine neue.",
  "customer.pin.throttled": "Zu viele Versuche. Bitte warten Sie {seconds} Sekunden und versuchen Sie es erneut.",
  "customer.checking": "Ihr Link wird geprüft…",
  "customer.tutorial.title": "So funktioniert es",
  "customer.tutorial.step1": "Der Support sieht, was Ihre Kamera sieht – sonst nichts auf Ihrem Telefon.",
  "customer.tutorial.step2": "Sie sprechen über Ihr Telefon miteinander, wie bei einem Anruf.",
  "customer.tutorial.step3": "Richten Sie die Kamera auf das Problem. Sie können die Sitzung jederzeit beenden.",
  "customer.tutorial.stepOf": "Schritt {n} von {total}",
  "customer.tutorial.skip": "Überspringen",
  "customer.tutorial.next": "Weiter",
  "customer.tutorial.ok": "OK",
  "customer.permission.title": "Kamera und Mikrofon",
  "customer.permission.why":
    "Damit der Support Ihnen helfen kann, braucht diese Seite Ihre Kamera und Ihr Mikrofon. Ihr Browser fragt gleich nach der Erlaubnis. Übertragen wird erst, wenn der Support die Sitzung startet.",
  "customer.permission.allow": "Kamera und Mikrofon erlauben",
  "customer.permission.asking": "Warten auf Ihre Antwort im Browserdialog…",
  "customer.permission.denied": "Der Zugriff auf Kamera oder Mikrofon wurde blockiert.",
  "customer.permission.noCamera": "Auf diesem Gerät wurde keine Kamera gefunden.",
  "customer.permission.inUse":
    "Die Kamera wird von einer anderen App verwendet. Schließen Sie diese App und versuchen Sie es erneut.",
  "customer.permission.retry": "Erneut versuchen",
};
