/**
 * A home folder whose NSS database trusts the local CA (`.ci/tls.ts`), for the test browsers. Chromium
 * on Linux reads the certificates a user added from `$HOME/.pki/nssdb`, so a Chromium started with this
 * `HOME` trusts the CA as a phone does once a person installed it: the certificate's addresses, name
 * constraints and validity are checked, nothing is ignored. (Firefox keeps its own NSS database in its
 * profile; `SIGHTLINE_CA_FILE` names the CA for it.)
 */
import { join } from "node:path";

async function certutil(args: string[]) {
  const out = await new Deno.Command("certutil", { args, stdout: "piped", stderr: "piped", stdin: "null" })
    .output().catch((err) => {
      throw new Error(`Cannot run certutil: ${err.message} (apt-get install libnss3-tools)`);
    });
  if (!out.success) throw new Error(`certutil ${args[0]}: ${new TextDecoder().decode(out.stderr).trim()}`);
}

/** Makes `home/.pki/nssdb` trusting `caFile` for TLS servers; returns `home`. */
export async function trustingHome(caFile: string, home: string): Promise<string> {
  const db = join(home, ".pki", "nssdb");
  Deno.mkdirSync(db, { recursive: true, mode: 0o700 });
  await certutil(["-N", "-d", `sql:${db}`, "--empty-password"]);
  await certutil(["-A", "-d", `sql:${db}`, "-n", "Sightline local CA", "-t", "C,,", "-i", caFile]);
  return home;
}
