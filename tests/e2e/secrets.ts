/**
 * Every secret the e2e helpers create or receive goes to the run's `secrets.tsv`
 * (`SIGHTLINE_SECRETS_FILE`), so `tests/run.ts` can check afterwards that no service log holds one.
 */
import type { BrowserContext } from "@playwright/test";
import { appendFileSync } from "node:fs";
import * as api from "../../shared/api.ts";
import type { RecordedMail } from "../support/resend_recorder.ts";
import { isCallOf } from "../support/routes.ts";

/** Notes a secret of this run. */
export function recordSecret(kind: string, value: string | undefined | null) {
  const file = process.env.SIGHTLINE_SECRETS_FILE;
  if (file && value) appendFileSync(file, `${kind}\t${value}\n`);
}

/** The PIN and link secret of a created session. */
export function recordLink(created: { pin: string; link: string }) {
  recordSecret("pin", created.pin);
  recordSecret("link secret", api.parseCustomerLink(new URL(created.link))?.linkSecret);
}

/** The routes whose answers hand out PINs, link secrets, customer keys or LiveKit tokens. */
const HANDING_OUT = [api.createSession, api.acceptEula, api.rejoinSession, api.startSession];

/** A response, as Playwright's and puppeteer-core's (the Firefox customer) both describe it. */
export interface PageResponse {
  url(): string;
  request(): { method(): string };
  json(): Promise<unknown>;
}

/** Records the secrets in one answer of the edge to a page, if it is one that hands some out. */
export async function recordSecretsInAnswer(res: PageResponse) {
  const method = res.request().method();
  const { pathname } = new URL(res.url());
  if (!HANDING_OUT.some((route) => isCallOf(route, method, pathname))) return;
  try {
    // deno-lint-ignore no-explicit-any
    const body = await res.json() as any;
    if (typeof body.pin === "string" && typeof body.link === "string") recordLink(body);
    recordSecret("customer key", body.customerKey);
    recordSecret("livekit token", body.livekit?.token);
  } catch { /* not JSON, or the page went away */ }
}

/** Records the secrets the edge hands to the pages of `context`. */
export function recordSecretsOf(context: BrowserContext) {
  context.on("response", recordSecretsInAnswer);
}

/** Records the link secrets and set-password tokens of the links in a mail. */
export function recordSecretsIn(mail: RecordedMail) {
  for (const [href] of `${mail.text}\n${mail.html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
    const url = new URL(href);
    recordSecret("link secret", api.parseCustomerLink(url)?.linkSecret);
    if (url.pathname === api.SET_PASSWORD_PAGE) recordSecret("invitation token", api.setPasswordToken(url.hash));
  }
}
