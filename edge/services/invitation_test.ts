import { assert, assertMatch } from "../testing/assert.ts";
import { invitationMail, invitationMailto } from "./invitation.ts";

const invitation = {
  link: "https://help.example.com/j/123456#k=secret-secret-secret",
  pin: "123456",
  expiresAt: Date.UTC(2026, 10, 25, 14, 30),
  companyName: "ACME <Support>",
  technicianName: "Tess",
  locale: "en" as const,
};

Deno.test("invitationMail() holds link, grouped PIN, expiry and company, HTML-escaped", () => {
  const mail = invitationMail(invitation);
  assert(mail.text.includes(invitation.link));
  assert(mail.text.includes("123 456"));
  assert(mail.text.includes("14:30"));
  assert(mail.subject.startsWith("ACME <Support>"));
  assert(mail.html.includes("ACME &#60;Support&#62;"));
  assertMatch(mail.html, /<a href="https:\/\/help\.example\.com\/j\/123456#k=secret-secret-secret">/);
});

Deno.test("invitationMail() speaks German for locale de", () => {
  const mail = invitationMail({ ...invitation, locale: "de" });
  assertMatch(mail.subject, /Ihre Video-Support-Sitzung/);
  assertMatch(mail.text, /gültig bis/);
});

Deno.test("invitationMailto() decodes to the same subject and body", () => {
  const url = new URL(invitationMailto(invitation));
  assertMatch(url.protocol, /^mailto:$/);
  assert(url.searchParams.get("body")!.includes(invitation.link));
  assert(url.searchParams.get("subject")!.includes("video support"));
});
