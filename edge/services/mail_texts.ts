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

interface MailTexts {
  customerInvitation(v: CustomerInvitationValues): MailText;
  technicianInvitation(v: TechnicianInvitationValues): MailText;
}

export const MAIL_TEXTS: Record<Locale, MailTexts> = {
  en: {
    customerInvitation: (v) => ({
      subject: `${v.companyName}: your video support session`,
      lines: [
        `${v.technicianName} from ${v.companyName} would like to see what you see, using your phone's camera.`,
        `Open this link on your phone: ${v.link}`,
        `Or open ${v.site} and enter the PIN ${v.pin}.`,
        `The link and PIN are valid until ${v.expiry}. No app needs to be installed.`,
      ],
    }),
    technicianInvitation: (v) => ({
      subject: `${v.companyName}: set your Sightline password`,
      lines: [
        `Hello ${v.technicianName},`,
        `${v.companyName} has given you a technician account for Sightline remote visual support.`,
        `Choose your password here: ${v.link}`,
        `This link works once and is valid until ${v.expiry}. If it has expired, ask your administrator for a new one.`,
      ],
    }),
  },
  de: {
    customerInvitation: (v) => ({
      subject: `${v.companyName}: Ihre Video-Support-Sitzung`,
      lines: [
        `${v.technicianName} von ${v.companyName} möchte mit der Kamera Ihres Telefons sehen, was Sie sehen.`,
        `Öffnen Sie diesen Link auf Ihrem Telefon: ${v.link}`,
        `Oder öffnen Sie ${v.site} und geben Sie die PIN ${v.pin} ein.`,
        `Link und PIN sind gültig bis ${v.expiry}. Es muss keine App installiert werden.`,
      ],
    }),
    technicianInvitation: (v) => ({
      subject: `${v.companyName}: Legen Sie Ihr Sightline-Passwort fest`,
      lines: [
        `Hallo ${v.technicianName},`,
        `${v.companyName} hat für Sie ein Techniker-Konto für den Sightline-Video-Support eingerichtet.`,
        `Legen Sie hier Ihr Passwort fest: ${v.link}`,
        `Der Link funktioniert einmal und ist gültig bis ${v.expiry}. Ist er abgelaufen, bitten Sie Ihren Administrator um einen neuen.`,
      ],
    }),
  },
};
