/** Small typed HTTP clients of the edge for the benchmarks: admin (bearer) and technicians (cookie + Origin). */

export interface CreatedSession {
  session: { id: string; status: string };
  pin: string;
  link: string;
}

export class EdgeApi {
  constructor(readonly baseUrl: string, private readonly adminToken: string) {}

  async admin<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/admin${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
    return await res.json() as T;
  }

  /** `n` technicians in one group with every permission, signed in (password hashing runs on the edge). */
  async technicians(n: number, prefix: string): Promise<Technician[]> {
    const group = await this.admin<{ id: string }>("/groups", {
      name: `Bench ${prefix} ${crypto.randomUUID().slice(0, 6)}`,
      permissions: { startLensSessions: true, startPrivateSessions: true, useEmailMethod: true, useLinkMethod: true },
    });
    return await pool(Array.from({ length: n }, (_, i) => i), 4, async (i) => {
      const email = `bench-${prefix}-${i}-${crypto.randomUUID().slice(0, 6)}@example.test`;
      const password = `pw-${crypto.randomUUID()}`;
      const { id } = await this.admin<{ id: string }>("/technicians", {
        email,
        password,
        name: `Bench ${i}`,
        groupId: group.id,
      });
      const tech = new Technician(this.baseUrl, id);
      await tech.login(email, password);
      return tech;
    });
  }
}

/** A signed-in technician: the auth cookie and our Origin on every request, as the console sends them. */
export class Technician {
  cookie = "";
  constructor(readonly baseUrl: string, readonly id: string) {}

  headers(): Record<string, string> {
    return { cookie: this.cookie, origin: this.baseUrl, "content-type": "application/json" };
  }

  async login(email: string, password: string) {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { origin: this.baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
    this.cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }

  async post<T>(path: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      headers: this.headers(),
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return await res.json() as T;
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: this.headers() });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return await res.json() as T;
  }

  createLink(name: string): Promise<CreatedSession> {
    return this.post("/api/sessions", { type: "lens", name, delivery: { method: "link" } });
  }
}

/** The link secret of a customer link (`…/j/<pin>#k=<secret>`). */
export const linkSecret = (link: string) => new URL(link).hash.replace(/^#k=/, "");

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
