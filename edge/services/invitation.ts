import type { Locale } from "@sightline/shared";
import { mailFromLines } from "./html.ts";

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

const TEXT = {
  en: (i: Invitation, expiry: string) => ({
    subject: `${i.companyName}: your video support session`,
    lines: [
      `${i.technicianName} from ${i.companyName} would like to see what you see, using your phone's camera.`,
      `Open this link on your phone: ${i.link}`,
      `Or open ${new URL(i.link).origin} and enter the PIN ${groupedPin(i.pin)}.`,
      `The link and PIN are valid until ${expiry}. No app needs to be installed.`,
    ],
  }),
  de: (i: Invitation, expiry: string) => ({
    subject: `${i.companyName}: Ihre Video-Support-Sitzung`,
    lines: [
      `${i.technicianName} von ${i.companyName} möchte mit der Kamera Ihres Telefons sehen, was Sie sehen.`,
      `Öffnen Sie diesen Link auf Ihrem Telefon: ${i.link}`,
      `Oder öffnen Sie ${new URL(i.link).origin} und geben Sie die PIN ${groupedPin(i.pin)} ein.`,
      `Link und PIN sind gültig bis ${expiry}. Es muss keine App installiert werden.`,
    ],
  }),
};

/** Subject, plain text and HTML of the customer invitation, in the customer's language. */
export function invitationMail(i: Invitation) {
  const { subject, lines } = TEXT[i.locale](i, formatExpiry(i.expiresAt, i.locale));
  return mailFromLines(subject, lines, i.link);
}

/** A `mailto:` that the technician's own mail program fills in (no recipient: they pick it). */
export function invitationMailto(i: Invitation): string {
  const { subject, text } = invitationMail(i);
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}
