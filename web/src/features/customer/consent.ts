import type { Consent, JoinInfo, Locale } from "../../../../shared/customer_schemas.ts";

/**
 * The license agreement and privacy notice a customer reads in `lang`: theirs, or the English one when
 * the company has none in it. `lang` says which it is, and Accept records that language and version.
 */
export function consentIn(eula: JoinInfo["eula"], lang: Locale): Consent & { lang: Locale } {
  const own = eula[lang];
  return own ? { ...own, lang } : { ...eula.en, lang: "en" };
}
