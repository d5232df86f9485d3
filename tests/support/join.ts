/**
 * A customer joining by link through the API, the way the customer app does: the PIN from the link's
 * path, the link secret from its fragment, sent in `LINK_SECRET_HEADER` on the look-up and in the body
 * on accept (typed-PIN look-ups are rate-limited, link look-ups are not).
 */
import { type acceptEula, LINK_SECRET_HEADER, type lookUpPin, parseCustomerLink } from "../../shared/api.ts";
import type { CallArgs } from "./edge_client.ts";

export interface LinkJoin {
  pin: string;
  linkSecret: string;
  /** Arguments of a `lookUpPin` call. */
  lookUp: CallArgs<typeof lookUpPin>;
  /** Arguments of an `acceptEula` call for this EULA version. */
  accept(eulaVersion: string): CallArgs<typeof acceptEula>;
}

export function joinByLink(link: string): LinkJoin {
  const parsed = parseCustomerLink(new URL(link));
  if (!parsed?.linkSecret) throw new Error(`Not a customer link with a link secret: ${link}`);
  const { pin, linkSecret } = parsed;
  return {
    pin,
    linkSecret,
    lookUp: { params: { pin }, headers: { [LINK_SECRET_HEADER]: linkSecret } },
    accept: (eulaVersion) => ({ params: { pin }, body: { eulaVersion, linkSecret } }),
  };
}
