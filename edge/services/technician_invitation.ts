import type { Locale } from "@sightline/shared";
import { mailFromLines } from "./html.ts";

/** An invitation for a technician to choose a password and start using the console. */
export interface TechnicianInvitation {
  /** `setPasswordLink()`: the token rides in the fragment, out of server logs. */
  link: string;
  technicianName: string;
  companyName: string;
  expiresAt: number;
  locale: Locale;
}

function formatExpiry(at: number, locale: Locale) {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(at) + " UTC";
}

const TEXT = {
  en: (i: TechnicianInvitation, expiry: string) => ({
    subject: `${i.companyName}: set your Sightline password`,
    lines: [
      `Hello ${i.technicianName},`,
      `${i.companyName} has given you a technician account for Sightline remote visual support.`,
      `Choose your password here: ${i.link}`,
      `This link works once and is valid until ${expiry}. If it has expired, ask your administrator for a new one.`,
    ],
  }),
  de: (i: TechnicianInvitation, expiry: string) => ({
    subject: `${i.companyName}: Legen Sie Ihr Sightline-Passwort fest`,
    lines: [
      `Hallo ${i.technicianName},`,
      `${i.companyName} hat für Sie ein Techniker-Konto für den Sightline-Video-Support eingerichtet.`,
      `Legen Sie hier Ihr Passwort fest: ${i.link}`,
      `Der Link funktioniert einmal und ist gültig bis ${expiry}. Ist er abgelaufen, bitten Sie Ihren Administrator um einen neuen.`,
    ],
  }),
};

/** Subject, plain text and HTML of the technician invitation, in the chosen language. */
export function technicianInvitationMail(i: TechnicianInvitation) {
  const { subject, lines } = TEXT[i.locale](i, formatExpiry(i.expiresAt, i.locale));
  return mailFromLines(subject, lines, i.link);
}
