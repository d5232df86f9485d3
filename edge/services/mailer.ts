import { Resend } from "resend";
import { ERROR_CODES } from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { saveOutboxMail } from "../db/outbox.ts";
import { createLog, type Log } from "../log.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail; the Resend-backed mailer replaces the outbox when `RESEND_API_KEY` is set. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Dev outbox: keeps mails in KV (listed at /dev/outbox) and logs the recipient and subject. */
export function createOutboxMailer(kv: Deno.Kv, log: Log = createLog()): Mailer {
  return {
    async send(mail) {
      await saveOutboxMail(kv, mail, Date.now());
      log.info("mail kept in the dev outbox", { to: mail.to, subject: mail.subject });
    },
  };
}

/** Resend: `baseUrl` points the SDK elsewhere (the tests' recorder). */
export function createResendMailer(
  options: { apiKey: string; from: string; baseUrl?: string },
  log: Log = createLog(),
): Mailer {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    async send(mail) {
      const { error } = await resend.emails.send({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      });
      if (error) {
        log.error("Resend refused a mail", { error: `${error.name}: ${error.message}` });
        throw new DomainError(ERROR_CODES.mailFailed, "The email could not be sent; please try again");
      }
    },
  };
}
