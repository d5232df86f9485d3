import { assert, assertEquals, assertRejects } from "../testing/assert.ts";
import { startResendRecorder } from "../../tests/support/resend_recorder.ts";
import { DomainError } from "../errors.ts";
import { statusOf } from "../error_response.ts";
import { createResendMailer } from "./mailer.ts";
import { invitationMail } from "./invitation.ts";
import { memoryLog } from "../log.ts";

const invitation = (locale: "en" | "de") => ({
  link: "https://help.example.com/j/654321#k=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  pin: "654321",
  expiresAt: Date.UTC(2026, 10, 25, 9, 5),
  companyName: "ACME",
  technicianName: "Tess",
  locale,
  timeZone: "Europe/Berlin",
});

Deno.test("createResendMailer() sends from/to/subject with link and PIN in HTML and text (en, de)", async () => {
  await using recorder = startResendRecorder({ apiKey: "re_test_key" });
  const mailer = createResendMailer({
    apiKey: "re_test_key",
    from: "Support <help@acme.example>",
    baseUrl: recorder.url,
  });
  for (const locale of ["en", "de"] as const) {
    const content = invitationMail(invitation(locale));
    await mailer.send({ to: `customer-${locale}@example.test`, ...content });
  }
  assertEquals(recorder.mails.length, 2);
  const [en, de] = recorder.mails;
  assertEquals(en.from, "Support <help@acme.example>");
  assertEquals(en.to, ["customer-en@example.test"]);
  assertEquals(en.subject, "ACME: your video support session");
  assertEquals(de.subject, "ACME: Ihre Video-Support-Sitzung");
  for (const mail of [en, de]) {
    for (const body of [mail.html, mail.text]) {
      assert(body.includes(invitation("en").link), "link in body");
      assert(body.includes("654 321"), "grouped PIN in body");
    }
  }
  assert(en.userAgent?.startsWith("resend-node"), `SDK user agent, got ${en.userAgent}`);
});

Deno.test("createResendMailer() turns a refused mail into a 502 mail_failed", async () => {
  await using recorder = startResendRecorder({ apiKey: "re_right_key" });
  const log = memoryLog();
  const mailer = createResendMailer({ apiKey: "re_wrong_key", from: "help@acme.example", baseUrl: recorder.url }, log);
  await assertRejects(
    () => mailer.send({ to: "c@example.test", subject: "s", html: "<p>x</p>", text: "x" }),
    (e: DomainError) => e instanceof DomainError && statusOf(e) === 502 && e.code === "mail_failed",
  );
  assertEquals(recorder.mails.length, 0);
  assertEquals(log.entries().map((e) => [e.level, e.msg]), [["error", "Resend refused a mail"]]);
});
