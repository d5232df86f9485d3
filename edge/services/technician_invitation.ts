import type { Locale } from "@sightline/shared";

/** An invitation for a technician to choose a password and start using the console. */
export interface TechnicianInvitation {
  /** `<publicUrl>/console/set-password#t=<token>`; the token stays in the fragment, out of server logs. */
  link: string;
  technicianName: string;
  companyName: string;
  expiresAt: number;
  locale: Locale;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

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
  const text = lines.join("\n\n");
  const html = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")
    .replace(escapeHtml(i.link), `<a href="${escapeHtml(i.link)}">${escapeHtml(i.link)}</a>`);
  return { subject, text, html };
}
