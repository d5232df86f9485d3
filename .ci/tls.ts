/**
 * A local certificate authority and the server certificates it signs, made with Debian's `openssl`:
 * `dev --lan` serves HTTPS with one (a phone needs a secure context for the camera), and LiveKit's
 * TURN/TLS uses one in `dev` and `test`. The CA is made once and kept in `.data/tls/`, so a phone that
 * trusts it keeps trusting it; server certificates are cheap and made for the addresses at hand.
 *
 * The CA may only vouch for private addresses (X.509 name constraints: the private IPv4 ranges, shared
 * address space and `.local` names, plus any other address it was made for). Whoever gets hold of
 * `ca-key.pem` still cannot impersonate a public site to a phone that trusts this CA.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ProvisionError, step } from "./provision.ts";

/** openssl req arguments for a new, unencrypted P-256 key. */
const NEW_P256_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

export interface LocalCa {
  /** The CA certificate (PEM): what a phone, a browser or Node (`NODE_EXTRA_CA_CERTS`) is told to trust. */
  caFile: string;
  caKeyFile: string;
}

export interface ServerCertificate {
  /** The server certificate followed by the CA's (PEM), as TLS servers send it. */
  certFile: string;
  keyFile: string;
}

/** Ranges a CA made here may vouch for, as `openssl` name-constraint entries. */
const PRIVATE_RANGES = [
  "IP:10.0.0.0/255.0.0.0",
  "IP:172.16.0.0/255.240.0.0",
  "IP:192.168.0.0/255.255.0.0",
  "IP:100.64.0.0/255.192.0.0",
  "DNS:.local",
];

/** Whether `ip` (IPv4) lies in one of the CA's ranges. */
export function inPrivateRange(ip: string): boolean {
  const n = ipv4(ip);
  if (n === null) return false;
  return PRIVATE_RANGES.some((entry) => {
    const m = entry.match(/^IP:([\d.]+)\/([\d.]+)$/);
    return !!m && ((n & ipv4(m[2])!) >>> 0) === ipv4(m[1]);
  });
}

function ipv4(ip: string): number | null {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return parts.reduce((n, p) => n * 256 + p, 0) >>> 0;
}

async function openssl(args: string[], cwd: string) {
  const out = await new Deno.Command("openssl", { args, cwd, stdout: "piped", stderr: "piped", stdin: "null" })
    .output().catch((err) => {
      throw new ProvisionError(`Cannot run openssl: ${err.message}. Fix: apt-get install openssl`);
    });
  if (!out.success) {
    throw new ProvisionError(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
}

/**
 * The CA in `dir` (made when missing, or made again when it may not vouch for one of `ips` — a LAN
 * outside the private ranges; a phone must then trust the new one).
 */
export async function ensureLocalCa(dir: string, ips: string[] = []): Promise<LocalCa> {
  const ca = { caFile: join(dir, "ca.pem"), caKeyFile: join(dir, "ca-key.pem") };
  const extraFile = join(dir, "ca-extra-ips.json");
  const extra = ips.filter((ip) => !inPrivateRange(ip));
  const covered: string[] = existsSync(extraFile) ? JSON.parse(Deno.readTextFileSync(extraFile)) : [];
  if (existsSync(ca.caFile) && existsSync(ca.caKeyFile) && extra.every((ip) => covered.includes(ip))) return ca;
  Deno.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const permitted = [...PRIVATE_RANGES, ...extra.map((ip) => `IP:${ip}/255.255.255.255`)];
  step(`local certificate authority: making ${ca.caFile}${existsSync(ca.caFile) ? " again (new address)" : ""}`);
  await openssl([
    "req",
    "-x509",
    "-new",
    ...NEW_P256_KEY,
    "-keyout",
    ca.caKeyFile,
    "-out",
    ca.caFile,
    "-days",
    "3650",
    "-subj",
    `/O=Sightline development/CN=Sightline local CA (${Deno.hostname()})`,
    "-addext",
    "basicConstraints=critical,CA:TRUE,pathlen:0",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
    "-addext",
    `nameConstraints=critical,${permitted.map((p) => `permitted;${p}`).join(",")}`,
  ], dir);
  Deno.chmodSync(ca.caKeyFile, 0o600);
  Deno.writeTextFileSync(extraFile, JSON.stringify(extra));
  return ca;
}

/**
 * A server certificate for `ips` (and `names`) signed by `ca`, written to `dir`. 397 days and
 * serverAuth: what iOS accepts from a CA a person installed.
 */
export async function issueServerCertificate(
  ca: LocalCa,
  dir: string,
  o: { ips: string[]; names?: string[] },
): Promise<ServerCertificate> {
  Deno.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, "server-key.pem");
  const certFile = join(dir, "server.pem");
  const csr = join(dir, "server.csr");
  const ext = join(dir, "server.ext");
  const san = [...o.ips.map((ip) => `IP:${ip}`), ...(o.names ?? []).map((n) => `DNS:${n}`)].join(",");
  Deno.writeTextFileSync(
    ext,
    [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "extendedKeyUsage=serverAuth",
      `subjectAltName=${san}`,
      "",
    ].join("\n"),
  );
  await openssl([
    "req",
    "-new",
    ...NEW_P256_KEY,
    "-keyout",
    keyFile,
    "-out",
    csr,
    "-subj",
    // Not an address: verifiers may hold a name-like common name against the CA's DNS constraints.
    "/O=Sightline development/CN=Sightline development server",
  ], dir);
  const serial = `0x${
    crypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + b.toString(16).padStart(2, "0"), "")
  }`;
  await openssl([
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    ca.caFile,
    "-CAkey",
    ca.caKeyFile,
    "-set_serial",
    serial,
    "-days",
    "397",
    "-sha256",
    "-extfile",
    ext,
    "-out",
    certFile,
  ], dir);
  Deno.chmodSync(keyFile, 0o600);
  // The chain as servers send it: leaf, then the CA.
  Deno.writeTextFileSync(certFile, Deno.readTextFileSync(certFile) + Deno.readTextFileSync(ca.caFile));
  Deno.removeSync(csr);
  return { certFile, keyFile };
}
