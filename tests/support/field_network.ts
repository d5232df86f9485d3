/**
 * A test run's media reachable as in the field (DESIGN §8): LiveKit's media address is never only
 * loopback — the customer network's host address when the run has that network (root), else this
 * machine's LAN address — and LiveKit's TURN server is on: UDP always, TLS on port 443 of the customer
 * network's host address with a certificate from the local CA (`.ci/tls.ts`), which the test browsers
 * trust through an NSS database (`trust_store.ts`).
 *
 * Playwright gets (besides what `tests/run.ts` sets): `SIGHTLINE_CA_FILE` (the CA, for any browser
 * that must trust it), `SIGHTLINE_TRUST_HOME` (a `HOME` whose NSS database trusts it, for Chromium),
 * `CUSTOMER_NETWORK_HOST` (the host's address as the customer's network sees it), `SIGHTLINE_DENO`
 * (this Deno, for a spec that starts `dev`), and `FIELD_NETWORK_ERROR` when part of this is missing.
 */
import { join } from "node:path";
import { lanAddress } from "../../.ci/lan_address.ts";
import { step } from "../../.ci/provision.ts";
import { dataDir } from "../../.ci/services.ts";
import { ensureLocalCa, issueServerCertificate, type ServerCertificate } from "../../.ci/tls.ts";
import { turnTlsPortProblem } from "../../.ci/turn.ts";
import type { CustomerNetwork } from "./customer_network.ts";
import { trustingHome } from "./trust_store.ts";

export interface FieldNetwork {
  mediaAddress: string | undefined;
  turn: { tls?: ServerCertificate };
  env: Record<string, string>;
}

export async function fieldNetwork(runDir: string, network: CustomerNetwork | null): Promise<FieldNetwork> {
  const mediaAddress = network?.hostAddress ?? lanAddress() ?? undefined;
  if (!mediaAddress) step("no LAN address found: LiveKit's media stays on 127.0.0.1");
  const env: Record<string, string> = { SIGHTLINE_DENO: Deno.execPath() };
  const problems: string[] = [];
  let tls: ServerCertificate | undefined;
  try {
    const ca = await ensureLocalCa(dataDir("tls"));
    env.SIGHTLINE_CA_FILE = ca.caFile;
    env.SIGHTLINE_TRUST_HOME = await trustingHome(ca.caFile, join(runDir, "trusting-home"));
    if (network) {
      env.CUSTOMER_NETWORK_HOST = network.hostAddress;
      const portProblem = turnTlsPortProblem(network.hostAddress);
      if (portProblem) problems.push(`no TURN/TLS: ${portProblem}`);
      else tls = await issueServerCertificate(ca, join(runDir, "tls"), { ips: [network.hostAddress] });
    } else {
      problems.push("no TURN/TLS: it listens on the customer network's address, and there is none");
    }
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  if (problems.length) {
    env.FIELD_NETWORK_ERROR = problems.join("; ");
    step(`field network: ${env.FIELD_NETWORK_ERROR}`);
  }
  return { mediaAddress, turn: { tls }, env };
}
