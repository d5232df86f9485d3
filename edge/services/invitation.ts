import type { Locale } from "@sightline/shared";
import { mailFromLines } from "./html.ts";
import { MAIL_TEXTS } from "./mail_texts.ts";

export interface Invitation {
  link: string;
  pin: string;
  expiresAt: number;
  companyName: string;
  technicianName: string;
  locale: Locale;
}

const groupedPin = (pin: string) => `${pin.slice(0, 3)} ${pin.slice(3)}`;

function formatExpiry(at: number, locale: Locale) {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(at);
}

/** Subject, plain text and HTML of the customer invitation, in the customer's language. */
export function invitationMail(i: Invitation) {
  const { subject, lines } = MAIL_TEXTS[i.locale].customerInvitation({
    companyName: i.companyName,
    technicianName: i.technicianName,
    link: i.link,
    site: new URL(i.link).origin,
    pin: groupedPin(i.pin),
    expiry: formatExpiry(i.expiresAt, i.locale),
  });
  return mailFromLines(subject, lines, i.link);
}

/** A `mailto:` that the technician's own mail program fills in (no recipient: they pick it). */
export function invitationMailto(i: Invitation): string {
  const { subject, text } = invitationMail(i);
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}
