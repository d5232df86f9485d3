import type { Locale } from "@sightline/shared";
import { escapeHtml as e } from "./html.ts";
import { type CustomerInvitationText, MAIL_TEXTS } from "./mail_texts.ts";

export interface Invitation {
  link: string;
  pin: string;
  expiresAt: number;
  companyName: string;
  technicianName: string;
  locale: Locale;
  /** The recipient's IANA time zone, in which the expiry is stated (validated by `TimeZoneSchema`). */
  timeZone: string;
}

const groupedPin = (pin: string) => `${pin.slice(0, 3)} ${pin.slice(3)}`;

/** Date and time with the zone's name, as the recipient reads them ("14. Juli um 14:35 MESZ"). */
export function formatExpiry(at: number, locale: Locale, timeZone: string) {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(at);
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * One column that narrows with the screen (no tables, inline CSS only, as mail clients want it): the
 * company in the heading, one button, the PIN large, the expiry. Every value is escaped.
 */
function invitationHtml(t: CustomerInvitationText, i: Invitation, pin: string) {
  return `<!doctype html>
<html lang="${i.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${e(t.subject)}</title></head>
<body style="margin:0;padding:0;background:#eef2f7;color:#1f2937;${FONT}">
<div style="max-width:560px;margin:0 auto;padding:24px 12px">
<div style="background:#ffffff;border-radius:12px;padding:28px 20px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827">${e(t.heading)}</h1>
<p style="margin:0 0 24px;font-size:16px;line-height:1.5">${e(t.intro)}</p>
<a href="${e(i.link)}" style="display:block;padding:14px 20px;border-radius:8px;background:#1d4ed8;` +
    `color:#ffffff;font-size:18px;font-weight:600;text-align:center;text-decoration:none">${e(t.button)}</a>
<p style="margin:28px 0 8px;font-size:16px;line-height:1.5">${e(t.pinIntro)}</p>
<p style="margin:0 0 24px;font-size:40px;line-height:1.2;font-weight:700;letter-spacing:4px;text-align:center;` +
    `color:#111827;font-family:Menlo,Consolas,monospace">${e(pin)}</p>
<p style="margin:0;font-size:16px;line-height:1.5">${e(t.validity)}</p>
</div>
<p style="margin:16px 8px 0;font-size:13px;line-height:1.5;color:#4b5563">${e(t.footer)}</p>
</div>
</body></html>`;
}

/** Subject, plain text and HTML of the customer invitation, in the customer's language and time zone. */
export function invitationMail(i: Invitation) {
  const pin = groupedPin(i.pin);
  const t = MAIL_TEXTS[i.locale].customerInvitation({
    companyName: i.companyName,
    technicianName: i.technicianName,
    link: i.link,
    site: new URL(i.link).origin,
    pin,
    expiry: formatExpiry(i.expiresAt, i.locale, i.timeZone),
  });
  const text = [t.heading, t.intro, `${t.button}: ${i.link}`, `${t.pinIntro}\n${pin}`, t.validity, t.footer]
    .join("\n\n");
  return { subject: t.subject, text, html: invitationHtml(t, i, pin) };
}

/** A `mailto:` that the technician's own mail program fills in (no recipient: they pick it). */
export function invitationMailto(i: Invitation): string {
  const { subject, text } = invitationMail(i);
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}
