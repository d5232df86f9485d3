/**
 * Provisioning for `dev` and `test`: npm dependencies for Deno, livekit-server built from the Go
 * module proxy, Chromium (and, for the customer tests in other engines, Firefox ESR and WebKitGTK) from Debian. Idempotent, reuses caches, prints each step, and names the fix
 * when something is missing.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";

export const LIVEKIT_TAG = "v1.13.5";
export const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

export class ProvisionError extends Error {}

export function step(message: string) {
  console.log(`\x1b[36m▸\x1b[0m ${message}`);
}

async function run(cmd: string, args: string[], options: Deno.CommandOptions = {}) {
  const { code, stdout, stderr } = await new Deno.Command(cmd, { ...options, args, stdout: "piped", stderr: "piped" })
    .output().catch((err) => {
      throw new ProvisionError(`Cannot run ${cmd}: ${err.message}`);
    });
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

function cacheDir(): string {
  const base = Deno.env.get("SIGHTLINE_CACHE") ??
    join(Deno.env.get("XDG_CACHE_HOME") ?? join(homedir(), ".cache"), "sightline");
  Deno.mkdirSync(base, { recursive: true });
  return base;
}

/**
 * Whether node_modules existed when this process started: Deno reads it once, at start, so a process
 * that began in a clean clone cannot load npm packages even after installing them.
 */
const NODE_MODULES_AT_START = existsSync(join(ROOT, "node_modules"));

/**
 * npm packages into node_modules, exactly as locked in deno.lock. In a clean clone this process then
 * runs its command again in a fresh Deno process, which can load them, and exits with its code.
 */
export async function ensureNodeModules() {
  step("npm dependencies (deno install --frozen)");
  const res = await run(Deno.execPath(), ["install", "--frozen"], { cwd: ROOT });
  if (res.code !== 0) {
    throw new ProvisionError(`deno install failed:\n${res.stderr}\nFix: check that the npm registry is reachable.`);
  }
  if (NODE_MODULES_AT_START) return;
  step("npm dependencies installed: continuing in a fresh Deno process that can load them");
  const again = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", fromFileUrl(Deno.mainModule), ...Deno.args],
    cwd: Deno.cwd(),
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  Deno.exit(again.code);
}

/** Path of a livekit-server binary at LIVEKIT_TAG: $LIVEKIT_SERVER, PATH, the cache, or a fresh `go install`. */
export async function ensureLivekit(): Promise<string> {
  const want = LIVEKIT_TAG.slice(1);
  const candidates = [
    Deno.env.get("LIVEKIT_SERVER"),
    "livekit-server",
    join(cacheDir(), `livekit-${LIVEKIT_TAG}`, "server"),
  ]
    .filter((c): c is string => !!c);
  for (const bin of candidates) {
    const res = await run(bin, ["--version"]).catch(() => null);
    if (res?.code === 0 && res.stdout.includes(want)) {
      step(`livekit-server ${want}: ${bin}`);
      return bin;
    }
  }
  const gobin = join(cacheDir(), `livekit-${LIVEKIT_TAG}`);
  step(`livekit-server ${want}: building with go install into ${gobin} (a few minutes, once)`);
  const go = await run("go", ["version"]).catch(() => null);
  if (!go || go.code !== 0) {
    throw new ProvisionError("Go is not installed. Fix: install Go 1.26 or newer (https://go.dev/dl/).");
  }
  const res = await run("go", ["install", `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_TAG}`], {
    env: { GOBIN: gobin, GOFLAGS: "-mod=mod" },
  });
  if (res.code !== 0) {
    throw new ProvisionError(
      `go install of livekit-server ${LIVEKIT_TAG} failed:\n${res.stderr.slice(-2000)}\n` +
        "Fix: check Go >= 1.26 and access to the Go module proxy, or set LIVEKIT_SERVER to a livekit-server binary.",
    );
  }
  return join(gobin, "server");
}

/** Installs Debian packages (as root); fails unless `check` holds afterwards, naming `fix` when not root. */
async function aptInstall(packages: string[], check: () => boolean, fix: string) {
  if (Deno.uid() !== 0) throw new ProvisionError(`${packages.join(", ")} missing. Fix: ${fix}`);
  step(`${packages.join(", ")}: installing Debian's package (apt-get install -y ${packages.join(" ")})`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  const update = await run("apt-get", ["update"], { env });
  const install = update.code === 0 ? await run("apt-get", ["install", "-y", ...packages], { env }) : update;
  if (install.code !== 0 || !check()) {
    throw new ProvisionError(`apt-get install ${packages.join(" ")} failed:\n${install.stderr.slice(-2000)}`);
  }
}

/** Path of a Chromium for Playwright: $CHROMIUM_PATH, /usr/bin/chromium, or Debian's package (as root). */
export async function ensureChromium(): Promise<string> {
  const found = [Deno.env.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
    .find((p) => p && existsSync(p));
  if (found) {
    step(`Chromium: ${found}`);
    return found;
  }
  await aptInstall(
    ["chromium"],
    () => existsSync("/usr/bin/chromium"),
    "sudo apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium binary).",
  );
  return "/usr/bin/chromium";
}

/**
 * iproute2's `ip`, for the customer's own network in the offline fault test (root only: without root
 * there is no network namespace to make, and that test says so).
 */
export async function ensureIproute() {
  const found = () => ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"].some((p) => existsSync(p));
  if (found() || Deno.uid() !== 0) return;
  await aptInstall(["iproute2"], found, "apt-get install iproute2");
}

/**
 * What the field network tests need besides iproute2 (root only, like it): nftables' `nft` drops the
 * customer's UDP, NSS's `certutil` makes the test browsers trust the local CA (`.ci/tls.ts`), and
 * `openssl` makes that CA (also for `dev`, so it is not root only).
 */
export async function ensureNetworkTools() {
  const has = (...paths: string[]) => () => paths.some((p) => existsSync(p));
  const tools: [string, () => boolean][] = [
    ["nftables", has("/usr/sbin/nft", "/sbin/nft")],
    ["libnss3-tools", has("/usr/bin/certutil")],
    ["openssl", has("/usr/bin/openssl")],
  ];
  const missing = tools.filter(([, found]) => !found());
  if (missing.length === 0 || Deno.uid() !== 0) return;
  await aptInstall(missing.map(([name]) => name), () => missing.every(([, found]) => found()), "");
}

/** Path of Firefox ESR for the Firefox customer test: $FIREFOX_PATH, /usr/bin/firefox-esr, or Debian's package (as root). */
export async function ensureFirefox(): Promise<string> {
  const found = [Deno.env.get("FIREFOX_PATH"), "/usr/bin/firefox-esr", "/usr/bin/firefox"].find((p) =>
    p && existsSync(p)
  );
  if (found) {
    step(`Firefox: ${found}`);
    return found;
  }
  await aptInstall(
    ["firefox-esr"],
    () => existsSync("/usr/bin/firefox-esr"),
    "sudo apt-get install -y firefox-esr (or set FIREFOX_PATH to a Firefox binary).",
  );
  return "/usr/bin/firefox-esr";
}

/** What the WebKit customer tests run: WebKitGTK's WebDriver and MiniBrowser, under Xvfb. */
export interface WebKitPaths {
  driver: string;
  miniBrowser: string;
  xvfb: string;
}

function findWebKit(): WebKitPaths | null {
  // MiniBrowser ships in libwebkit2gtk-4.1-0, under the architecture's library folder.
  const lib = "/usr/lib";
  let miniBrowser: string | undefined;
  for (const arch of existsSync(lib) ? Deno.readDirSync(lib) : []) {
    const candidate = join(lib, arch.name, "webkit2gtk-4.1", "MiniBrowser");
    if (existsSync(candidate)) miniBrowser = candidate;
  }
  const paths = { driver: "/usr/bin/WebKitWebDriver", miniBrowser, xvfb: "/usr/bin/Xvfb" };
  return existsSync(paths.driver) && existsSync(paths.xvfb) && miniBrowser ? paths as WebKitPaths : null;
}

/** Debian's WebKitGTK WebDriver (with MiniBrowser) and Xvfb, installed as root when missing. */
export async function ensureWebKit(): Promise<WebKitPaths> {
  let found = findWebKit();
  if (!found) {
    await aptInstall(
      ["webkit2gtk-driver", "xvfb"],
      () => findWebKit() !== null,
      "sudo apt-get install -y webkit2gtk-driver xvfb",
    );
    found = findWebKit()!;
  }
  step(`WebKitGTK: ${found.driver}, ${found.miniBrowser} (under ${found.xvfb})`);
  return found;
}

if (import.meta.main) {
  try {
    await ensureNodeModules();
    await ensureLivekit();
    await ensureChromium();
    await ensureIproute();
    await ensureNetworkTools();
    await ensureFirefox();
    await ensureWebKit();
  } catch (err) {
    console.error(err instanceof ProvisionError ? err.message : err);
    Deno.exit(1);
  }
}
