/**
 * Every text the edge mails, in English and German, side by side so that a translation is checked
 * against its original (both satisfy `MailTexts`). The customer invitation is also the body of the
 * `mailto:` link the console opens for the technician's own mail program. The builders
 * (`invitation.ts`, `technician_invitation.ts`) fill in the values, already formatted.
 */
import type { Locale } from "@sightline/shared";

/** A mail's subject and its paragraphs (a link in them is made clickable in the HTML part). */
export interface MailText {
  subject: string;
  lines: string[];
}

/** The customer invitation's parts, laid out by `invitation.ts` as HTML (one button) and as plain text. */
export interface CustomerInvitationText {
  subject: string;
  heading: string;
  intro: string;
  /** The button's label (the plain text puts the link after it). */
  button: string;
  /** Before the PIN, which follows large. */
  pinIntro: string;
  validity: string;
  footer: string;
}

export interface CustomerInvitationValues {
  companyName: string;
  technicianName: string;
  link: string;
  /** The site's address, where the PIN can be typed. */
  site: string;
  /** The PIN, grouped for reading out ("123 456"). */
  pin: string;
  expiry: string;
}

export interface TechnicianInvitationValues {
  companyName: string;
  technicianName: string;
  link: string;
  expiry: string;
}

/** A technician's account is under a guessing attack (`sign_in_alert.ts`); the admin gets its own text. */
export interface SignInAlertValues {
  companyName: string;
  technicianName: string;
  email: string;
  /** Failed sign-ins in the last hour, and how long each attempt now waits. */
  failures: number;
  slowSeconds: number;
  /** The console, to sign in (and, for the admin, the audit log's action to look for). */
  consoleLink: string;
}

interface MailTexts {
  customerInvitation(v: CustomerInvitationValues): CustomerInvitationText;
  technicianInvitation(v: TechnicianInvitationValues): MailText;
  signInAlert(v: SignInAlertValues): MailText;
  signInAlertAdmin(v: SignInAlertValues): MailText;
}

export const MAIL_TEXTS: Record<Locale, MailTexts> = {
  en: {
    customerInvitation: (v) => ({
      subject: `${v.companyName}: your video support session`,
      heading: `Video support from ${v.companyName}`,
      intro: `${v.technicianName} from ${v.companyName} would like to see what you see, using your phone's ` +
        `camera. Open the link on your phone; no app needs to be installed.`,
      button: "Start video support",
      pinIntro: `Or open ${v.site} and enter this PIN:`,
      validity: `The link and PIN are valid until ${v.expiry}.`,
      footer: "Your camera is shared only after you agree and the session is started. " +
        "If you did not expect this email, you can ignore it.",
    }),
    technicianInvitation: (v) => ({
      subject: `${v.companyName}: set your Sightline password`,
      lines: [
        `Hello ${v.technicianName},`,
        `${v.companyName} has given you a technician account for Sightline remote visual support.`,
        `Choose your password here: ${v.link}`,
        `This link works only once and is valid until ${v.expiry}. If it has expired, ask your administrator for a new one.`,
      ],
    }),
    signInAlert: (v) => ({
      subject: `${v.companyName}: many failed sign-ins to your Sightline account`,
      lines: [
        `Hello ${v.technicianName},`,
        `In the last hour there were ${v.failures} failed attempts to sign in to your Sightline account ${v.email}.`,
        `Your password still works. For now every sign-in to this account waits up to ${v.slowSeconds} seconds; ` +
        `your administrator has been told as well.`,
        `If it was not you, someone may be guessing your password. If it is short or used elsewhere, ask your ` +
        `administrator to send you a link to choose a new one. The console: ${v.consoleLink}`,
      ],
    }),
    signInAlertAdmin: (v) => ({
      subject: `${v.companyName}: Sightline account ${v.email} under a password-guessing attack`,
      lines: [
        `In the last hour there were ${v.failures} failed attempts to sign in to the Sightline account ` +
        `${v.email} (${v.technicianName}). Every sign-in to this account now waits up to ${v.slowSeconds} ` +
        `seconds, and the technician has been told.`,
        `The audit log has the entry "login.throttled". If the password may be weak, send the technician a new ` +
        `invitation (it lets them choose a new password) or disable the account. The console: ${v.consoleLink}`,
      ],
    }),
  },
  de: {
    customerInvitation: (v) => ({
      subject: `${v.companyName}: Ihre Video-Support-Sitzung`,
      heading: `Video-Support von ${v.companyName}`,
      intro: `${v.technicianName} von ${v.companyName} möchte mit der Kamera Ihres Telefons sehen, was Sie ` +
        `sehen. Öffnen Sie den Link auf Ihrem Telefon; Sie müssen keine App installieren.`,
      button: "Video-Support starten",
      pinIntro: `Oder öffnen Sie ${v.site} und geben Sie diese PIN ein:`,
      validity: `Link und PIN gelten bis ${v.expiry}.`,
      footer: "Ihre Kamera wird erst übertragen, wenn Sie zugestimmt haben und die Sitzung gestartet wird. " +
        "Falls Sie diese E-Mail nicht erwartet haben, können Sie sie ignorieren.",
    }),
    technicianInvitation: (v) => ({
      subject: `${v.companyName}: Legen Sie Ihr Sightline-Passwort fest`,
      lines: [
        `Hallo ${v.technicianName},`,
        `${v.companyName} hat für Sie ein Konto für den Video-Support mit Sightline eingerichtet.`,
        `Legen Sie hier Ihr Passwort fest: ${v.link}`,
        `Der Link funktioniert nur einmal und gilt bis ${v.expiry}. Ist er abgelaufen, bitten Sie Ihre Administration um einen neuen.`,
      ],
    }),
    signInAlert: (v) => ({
      subject: `${v.companyName}: Viele fehlgeschlagene Anmeldungen bei Ihrem Sightline-Konto`,
      lines: [
        `Hallo ${v.technicianName},`,
        `In der letzten Stunde gab es ${v.failures} fehlgeschlagene Versuche, sich mit Ihrem Sightline-Konto ` +
        `${v.email} anzumelden.`,
        `Ihr Passwort funktioniert weiterhin. Vorerst wartet jede Anmeldung bei diesem Konto bis zu ` +
        `${v.slowSeconds} Sekunden; Ihre Administration wurde ebenfalls informiert.`,
        `Waren Sie es nicht, versucht womöglich jemand, Ihr Passwort zu erraten. Ist es kurz oder auch anderswo ` +
        `in Gebrauch, bitten Sie Ihre Administration um einen Link, mit dem Sie ein neues festlegen. Die Konsole: ${v.consoleLink}`,
      ],
    }),
    signInAlertAdmin: (v) => ({
      subject: `${v.companyName}: Angriff auf das Passwort des Sightline-Kontos ${v.email}`,
      lines: [
        `In der letzten Stunde gab es ${v.failures} fehlgeschlagene Versuche, sich mit dem Sightline-Konto ` +
        `${v.email} (${v.technicianName}) anzumelden. Jede Anmeldung bei diesem Konto wartet jetzt bis zu ` +
        `${v.slowSeconds} Sekunden; die Person wurde informiert.`,
        `Im Audit-Protokoll steht der Eintrag „login.throttled“. Ist das Passwort womöglich schwach, senden Sie ` +
        `eine neue Einladung (damit wird ein neues Passwort festgelegt) oder deaktivieren Sie das Konto. ` +
        `Die Konsole: ${v.consoleLink}`,
      ],
    }),
  },
};
