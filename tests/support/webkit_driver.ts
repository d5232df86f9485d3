/**
 * WebKitGTK for the WebKit customer tests: an Xvfb display (MiniBrowser is a GTK window and needs one)
 * and `WebKitWebDriver` on a free port, which starts a MiniBrowser per WebDriver session. Each runs in a
 * process group of its own whose id it writes to a pidfile in the run folder before it becomes the
 * program (`setsid bash -c 'echo $$ >pidfile; exec …'`), so `stop()` ends the whole group — the
 * MiniBrowsers the driver started included — by that id, never by a program's name.
 */
import { join } from "node:path";
import type { Service } from "../../.ci/services.ts";
import { freePort, waitForHttp } from "../../.ci/services.ts";
import type { WebKitPaths } from "../../.ci/provision.ts";

export interface WebKitDriver extends Service {
  /** The WebDriver server, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The X display MiniBrowser draws on, e.g. `:99`. */
  display: string;
}

/** Starts `args` with `setsid` as the leader of a new process group whose id goes to `pidfile`. */
function spawnGroup(pidfile: string, args: string[], env: Record<string, string>, log: string) {
  const quoted = args.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
  return new Deno.Command("setsid", {
    args: ["bash", "-c", `echo $$ > '${pidfile}'; exec ${quoted} 2>>'${log}'`],
    env,
    stdout: "piped",
    stderr: "null",
    stdin: "null",
  }).spawn();
}

/** Ends the process group whose id is in `pidfile`: SIGTERM, SIGKILL after a grace period. */
async function stopGroup(pidfile: string, process: Deno.ChildProcess) {
  let pgid: number;
  try {
    pgid = Number((await Deno.readTextFile(pidfile)).trim());
  } catch {
    return; // never started
  }
  const signal = (sig: Deno.Signal) => {
    try {
      Deno.kill(-pgid, sig);
    } catch { /* the group is gone */ }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 3000);
  await process.status;
  clearTimeout(timer);
  signal("SIGKILL"); // children that outlived the leader
  await Deno.remove(pidfile).catch(() => {});
}

/** The first line of `stream`, without its newline; the rest of the stream is dropped. */
async function readLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const reader = stream.getReader();
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  stream.cancel().catch(() => {});
  return text.split("\n")[0].trim();
}

export async function startWebKitDriver(o: { paths: WebKitPaths; runDir: string }): Promise<WebKitDriver> {
  const log = join(o.runDir, "webkit.log");
  const xvfbPid = join(o.runDir, "xvfb.pid");
  // -displayfd: Xvfb picks a free display and writes its number and a newline once it accepts clients
  // (in two writes: closing the pipe before the newline makes Xvfb exit).
  const xvfb = spawnGroup(
    xvfbPid,
    [o.paths.xvfb, "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
    {},
    log,
  );
  const number = await Promise.race([
    readLine(xvfb.stdout),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Xvfb did not start; see ${log}`)), 15_000)),
  ]).catch(async (err) => {
    await stopGroup(xvfbPid, xvfb);
    throw err;
  });
  if (!/^\d+$/.test(number)) {
    await stopGroup(xvfbPid, xvfb);
    throw new Error(`Xvfb did not name its display (got "${number}"); see ${log}`);
  }
  const display = `:${number}`;

  const port = freePort();
  const driverPid = join(o.runDir, "webkitwebdriver.pid");
  const driver = spawnGroup(driverPid, [o.paths.driver, `--port=${port}`], { DISPLAY: display }, log);
  driver.stdout.cancel().catch(() => {});
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/status`, "WebKitWebDriver", driver, 15_000);
  } catch (err) {
    await stopGroup(driverPid, driver);
    await stopGroup(xvfbPid, xvfb);
    throw err;
  }
  return {
    name: "webkit-driver",
    url,
    display,
    async stop() {
      await stopGroup(driverPid, driver);
      await stopGroup(xvfbPid, xvfb);
    },
  };
}
