/**
 * Tells the technician and the admin (`ADMIN_EMAIL`) that a technician's account is under a guessing
 * attack (`claimAttackNotice` in `db/login_throttle.ts` decides that, once a day). The technician's language
 * is not stored, so each mail carries English and German, one after the other.
 */
import type { Locale } from "@sightline/shared";
import type { Deps } from "../deps.ts";
import { getSettings } from "../db/settings.ts";
import { LOGIN_THROTTLE } from "../db/login_throttle.ts";
import { mailFromLines } from "./html.ts";
import { MAIL_TEXTS, type MailText, type SignInAlertValues } from "./mail_texts.ts";

const LOCALES: Locale[] = ["en", "de"];

/** One mail of both languages' texts: subjects joined, paragraphs one language after the other. */
function bilingual(texts: MailText[], link: string) {
  return mailFromLines(
    texts.map((t) => t.subject).join(" / "),
    texts.flatMap((t) => [...t.lines, "—"]).slice(0, -1),
    link,
  );
}

/** Sends both mails; a mail that fails is logged, never the signing-in client's problem. */
export async function sendSignInAlert(
  { kv, config, mailer }: Pick<Deps, "kv" | "config" | "mailer">,
  technician: { email: string; name: string },
  failures: number,
): Promise<void> {
  const consoleLink = `${config.publicUrl}/console`;
  const values: SignInAlertValues = {
    companyName: (await getSettings(kv)).companyName,
    technicianName: technician.name,
    email: technician.email,
    failures,
    slowSeconds: LOGIN_THROTTLE.accountSlowMs / 1000,
    consoleLink,
  };
  const mails = [{
    to: technician.email,
    ...bilingual(LOCALES.map((l) => MAIL_TEXTS[l].signInAlert(values)), consoleLink),
  }];
  if (config.adminEmail) {
    mails.push({
      to: config.adminEmail,
      ...bilingual(LOCALES.map((l) => MAIL_TEXTS[l].signInAlertAdmin(values)), consoleLink),
    });
  }
  for (const mail of mails) {
    await mailer.send(mail).catch((err) => console.error(`[sign-in] alert mail to ${mail.to} failed:`, err));
  }
}
