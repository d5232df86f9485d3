import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { formatExpiry, invitationMail, invitationMailto } from "./invitation.ts";

const invitation = {
  link: "https://help.example.com/j/123456#k=secret-secret-secret",
  pin: "123456",
  expiresAt: Date.UTC(2026, 10, 25, 14, 30),
  companyName: 'ACME <Support> & "Sons"',
  technicianName: "Tess <script>alert(1)</script>",
  locale: "en" as const,
  timeZone: "UTC",
};

/** The HTML with its tags and attributes removed: what a reader sees. */
const visible = (html: string) => html.replace(/<[^>]*>/g, " ");

Deno.test("invitationMail() escapes every interpolated value in the HTML", () => {
  const { html, subject } = invitationMail(invitation);
  assert(subject.startsWith("ACME <Support>"), "the subject is plain text");
  assert(!html.includes("<script>"), "no markup from a value");
  assert(!html.includes("<Support>"));
  assert(html.includes("ACME &#60;Support&#62; &#38; &#34;Sons&#34;"));
  assert(html.includes("Tess &#60;script&#62;alert(1)&#60;/script&#62;"));
  const withQuote = invitationMail({ ...invitation, link: 'https://help.example.com/j/123456#k="><b>x' });
  assertMatch(withQuote.html, /<a href="https:\/\/help\.example\.com\/j\/123456#k=&#34;&#62;&#60;b&#62;x"/);
});

Deno.test("invitationMail() HTML: company, one button to the link, the PIN large, the expiry", () => {
  const { html } = invitationMail({ ...invitation, companyName: "ACME" });
  assertMatch(html, /^<!doctype html>\n<html lang="en">/);
  assertMatch(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assertMatch(html, /<h1[^>]*>Video support from ACME<\/h1>/);
  const links = [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)];
  assertEquals(links.map((l) => [l[1], l[2]]), [[invitation.link, "Start video support"]], "one button");
  assertMatch(html, /font-size:40px[^>]*>123 456<\/p>/);
  assert(visible(html).includes("valid until 25 November at 14:30 UTC"));
  assert(!/<table|<style|class=/.test(html), "no tables, no style sheet: inline CSS only");
});

Deno.test("invitationMail() plain-text part: every fact the HTML has, with the link written out", () => {
  const { text } = invitationMail({ ...invitation, companyName: "ACME", technicianName: "Tess" });
  assertEquals(text.split("\n\n"), [
    "Video support from ACME",
    "Tess from ACME would like to see what you see, using your phone's camera. Open the link on your " +
    "phone; no app needs to be installed.",
    `Start video support: ${invitation.link}`,
    "Or open https://help.example.com and enter this PIN:\n123 456",
    "The link and PIN are valid until 25 November at 14:30 UTC.",
    "Your camera is shared only after you agree and the session is started. If you did not expect this " +
    "email, you can ignore it.",
  ]);
  assert(!/[<>]/.test(text), "no markup");
});

Deno.test("invitationMail() speaks German for locale de, in both parts", () => {
  const mail = invitationMail({ ...invitation, companyName: "ACME", locale: "de", timeZone: "Europe/Berlin" });
  assertEquals(mail.subject, "ACME: Ihre Video-Support-Sitzung");
  assertMatch(mail.html, /<html lang="de">/);
  assertMatch(mail.html, />Video-Support starten<\/a>/);
  assert(visible(mail.html).includes("Link und PIN gelten bis 25. November um 15:30 MEZ."));
  assert(mail.text.includes(`Video-Support starten: ${invitation.link}`));
  assert(mail.text.includes("Oder öffnen Sie https://help.example.com und geben Sie diese PIN ein:\n123 456"));
  assert(mail.text.includes("Link und PIN gelten bis 25. November um 15:30 MEZ."));
  assert(!/\b(valid|Start|open)\b/.test(mail.text), "no English left");
});

Deno.test("formatExpiry() states the time in the recipient's zone and language", async (t) => {
  const winter = Date.UTC(2026, 10, 25, 14, 30);
  const summer = Date.UTC(2026, 6, 14, 12, 35);
  const cases: [Parameters<typeof formatExpiry>, string][] = [
    [[winter, "de", "Europe/Berlin"], "25. November um 15:30 MEZ"],
    [[summer, "de", "Europe/Berlin"], "14. Juli um 14:35 MESZ"],
    [[winter, "en", "America/New_York"], "25 November at 09:30 GMT-5"],
    [[winter, "en", "Asia/Kolkata"], "25 November at 20:00 GMT+5:30"],
    [[winter, "en", "UTC"], "25 November at 14:30 UTC"],
  ];
  for (const [args, expected] of cases) {
    await t.step(`${args[2]} (${args[1]}): ${expected}`, () => assertEquals(formatExpiry(...args), expected));
  }
  const late = invitationMail({ ...invitation, expiresAt: Date.UTC(2026, 10, 25, 23, 30), timeZone: "Asia/Tokyo" });
  assert(late.text.includes("26 November at 08:30"), "the date is the recipient's, not UTC's");
});

Deno.test("invitationMailto() decodes to the same subject and plain text", () => {
  const url = new URL(invitationMailto(invitation));
  assertMatch(url.protocol, /^mailto:$/);
  assertEquals(url.searchParams.get("body"), invitationMail(invitation).text);
  assertEquals(url.searchParams.get("subject"), invitationMail(invitation).subject);
});
