import type { Locale } from "@sightline/shared";
import { mailFromLines } from "./html.ts";
import { MAIL_TEXTS } from "./mail_texts.ts";

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

/** Subject, plain text and HTML of the technician invitation, in the chosen language. */
export function technicianInvitationMail(i: TechnicianInvitation) {
  const { subject, lines } = MAIL_TEXTS[i.locale].technicianInvitation({
    companyName: i.companyName,
    technicianName: i.technicianName,
    link: i.link,
    expiry: formatExpiry(i.expiresAt, i.locale),
  });
  return mailFromLines(subject, lines, i.link);
}
