/**
 * A W3C WebDriver (classic) client over `fetch`, for WebKitGTK's `WebKitWebDriver`. Playwright cannot
 * drive Debian's WebKit (it starts MiniBrowser with `--inspector-pipe`, which only its own WebKit build
 * has: "Cannot parse arguments: Unknown option --inspector-pipe"), puppeteer-core drives Chrome and
 * Firefox only, and the classic protocol is a dozen JSON calls: the client packages that speak it
 * (webdriverio, selenium-webdriver) would bring a driver manager and dozens of dependencies for what is
 * this file. Elements are found by role and accessible name, as the other specs find them, through the
 * endpoints WebDriver has for that (`computedrole`, `computedlabel`).
 */

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const CALL_TIMEOUT_MS = 60_000;

/** What CSS finds the candidates of a role; each is then checked for its computed role and name. */
const CANDIDATES: Record<string, string> = {
  button: "button, [role=button], input[type=submit]",
  link: "a[href], [role=link]",
  heading: "h1, h2, h3, h4, h5, h6, [role=heading]",
  textbox: "input, textarea, [role=textbox]",
};

export class WebDriverError extends Error {}

/** One browser session of a WebDriver server; every call throws `WebDriverError` naming the command. */
export class WebDriverSession {
  private constructor(private readonly base: string) {}

  /** Starts a session with these capabilities on the driver at `driverUrl`. */
  static async start(driverUrl: string, capabilities: Record<string, unknown>): Promise<WebDriverSession> {
    const created = await call<{ sessionId: string }>(driverUrl, "POST", "/session", {
      capabilities: { alwaysMatch: capabilities },
    });
    return new WebDriverSession(`${driverUrl}/session/${created.sessionId}`);
  }

  private call<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    return call<T>(this.base, method, path, body);
  }

  navigate(url: string) {
    return this.call<null>("POST", "/url", { url });
  }

  /** Runs `body` (a function body; `arguments` holds `args`) in the page, as the page's own script would. */
  execute<T>(body: string, ...args: unknown[]) {
    return this.call<T>("POST", "/execute/sync", { script: body, args });
  }

  /** Runs `body` as `execute` does; the page's answer is what it passes to `arguments[arguments.length - 1]`. */
  executeAsync<T>(body: string, ...args: unknown[]) {
    return this.call<T>("POST", "/execute/async", { script: body, args });
  }

  /** The element of `role` whose accessible name is `name`, or null (also while the page re-renders). */
  async findByRole(role: keyof typeof CANDIDATES, name: string): Promise<string | null> {
    // WebKit answers even the search itself with "stale element reference" when the page replaces an
    // element it is collecting.
    const found = await unlessStale(this.call<Record<string, string>[]>("POST", "/elements", {
      using: "css selector",
      value: CANDIDATES[role],
    }));
    for (const ref of found ?? []) {
      const id = ref[ELEMENT];
      const [computedRole, label] = await Promise.all([
        this.about<string>(id, "computedrole"),
        this.about<string>(id, "computedlabel"),
      ]);
      if (computedRole === role && label?.trim() === name) return id;
    }
    return null;
  }

  /** Waits until an element of `role` named `name` is there (as `getByRole(…)` with `toBeVisible()` does). */
  async waitForRole(role: keyof typeof CANDIDATES, name: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const id = await this.findByRole(role, name);
      if (id && await this.about<boolean>(id, "displayed")) return id;
      if (Date.now() > deadline) throw new WebDriverError(`No ${role} named "${name}" within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** A property of an element (`computedrole`, `displayed` …); null once the page re-rendered it away. */
  private about<T>(id: string, what: string): Promise<T | null> {
    return unlessStale(this.call<T>("GET", `/element/${id}/${what}`));
  }

  click(id: string) {
    return this.call<null>("POST", `/element/${id}/click`, {});
  }

  /** Clicks the element of `role` named `name` once it is there, finding it again if the page re-renders it. */
  async clickRole(role: keyof typeof CANDIDATES, name: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    const clicked = async () =>
      await unlessStale(this.click(await this.waitForRole(role, name, timeoutMs)).then(() => true));
    while (!(await clicked())) {
      if (Date.now() > deadline) throw new WebDriverError(`The ${role} "${name}" kept going stale`);
    }
  }

  type(id: string, text: string) {
    return this.call<null>("POST", `/element/${id}/value`, { text });
  }

  attribute(id: string, name: string) {
    return this.call<string | null>("GET", `/element/${id}/attribute/${name}`);
  }

  /** The page's rendered text, as a person reads it. */
  text() {
    return this.execute<string>("return document.body.innerText");
  }

  /** A PNG of the window's viewport. */
  async screenshot(): Promise<Uint8Array> {
    const base64 = await this.call<string>("GET", "/screenshot");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  setWindowSize(width: number, height: number) {
    return this.call<unknown>("POST", "/window/rect", { width, height });
  }

  /** Ends the session; the driver closes the browser. */
  async close() {
    await this.call<null>("DELETE", "").catch(() => {});
  }
}

/** The answer, or null when WebDriver says an element went stale (the page re-rendered it). */
async function unlessStale<T>(answer: Promise<T>): Promise<T | null> {
  try {
    return await answer;
  } catch (err) {
    if (err instanceof WebDriverError && err.message.includes("stale element reference")) return null;
    throw err;
  }
}

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  // A MiniBrowser that cannot start (no display) leaves the driver waiting for it for good.
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  }).catch((err) => {
    throw new WebDriverError(
      `WebDriver ${method} ${path || "/"}: no answer (${err.message}); see webkit.log in the run folder`,
    );
  });
  const { value } = await res.json() as { value: T & { error?: string; message?: string } };
  if (!res.ok || (value && typeof value === "object" && "error" in value && value.error)) {
    throw new WebDriverError(`WebDriver ${method} ${path || "/"}: ${value?.error}: ${value?.message}`);
  }
  return value;
}
