/**
 * The one HTTP client the tests talk to the edge with (e2e helpers, benchmarks, load, soak, fuzzing),
 * built on the contract in `shared/api.ts`: `call(route, …)` fills the route's path parameters and
 * query, sends its JSON body, and answers with the value the route's response schema parses — or
 * throws an `EdgeRefusal` (status, `error.code`, Retry-After). A client is one caller, and sends what
 * that caller's browser or tool sends: our Origin on every mutation, the session cookie (technician),
 * `Authorization: Bearer` (admin token, customer key) or nothing (anonymous).
 *
 * `attempt()` returns a refusal instead of throwing (for tests that count or expect refusals),
 * `request()` the unread `Response` (streams), and `raw()` sends anything at all (fuzzing, bad input
 * on purpose). Only `fetch` and standard APIs, so it runs under Deno and under Node (Playwright).
 */
import type * as z from "zod/mini";
import { type BodyOf, login, type ParamsOf, pathOf, type ResponseOf, type Route } from "../../shared/api.ts";
import { ErrorBodySchema, type LoginBody } from "../../shared/schemas.ts";

/** Who calls: what the client adds to every request. */
export type Caller =
  | { kind: "anonymous" }
  | { kind: "admin"; token: string }
  | { kind: "technician"; cookie: string }
  | { kind: "customer"; key: string };

type QueryOf<R extends Route> = R["query"] extends z.core.$ZodType ? z.input<R["query"]> : never;

/** What a call of `R` takes: its path parameters (when its path has any), JSON body and query. */
export type CallArgs<R extends Route> =
  & ([keyof ParamsOf<R["path"]>] extends [never] ? { params?: Record<never, string> }
    : { params: ParamsOf<R["path"]> })
  & (R["body"] extends z.core.$ZodType ? R["bodyOptional"] extends true ? { body?: BodyOf<R> } : { body: BodyOf<R> }
    : { body?: never })
  & { query?: QueryOf<R>; headers?: Record<string, string>; signal?: AbortSignal };

/** The arguments of a call: optional when the route needs none. */
type Args<R extends Route> = Record<never, never> extends CallArgs<R> ? [args?: CallArgs<R>] : [args: CallArgs<R>];

/** The edge refused: the status, `error.code` of the body (`http_<status>` without one), Retry-After. */
export class EdgeRefusal extends Error {
  override name = "EdgeRefusal";
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | null;
  readonly details: unknown;

  constructor(request: string, status: number, body: unknown, retryAfter: string | null) {
    const error = ErrorBodySchema.safeParse(body);
    const code = error.success ? error.data.error.code : `http_${status}`;
    super(`${request}: ${status} ${code}${error.success ? `: ${error.data.error.message}` : ""}`);
    this.status = status;
    this.code = code;
    const seconds = Number(retryAfter);
    this.retryAfterSeconds = retryAfter !== null && Number.isFinite(seconds) ? seconds : null;
    this.details = error.success ? error.data.error.details : body;
  }
}

/** A call's result: the parsed value on the contract's success status, otherwise the refusal. */
export type Outcome<R extends Route> =
  | { ok: true; status: number; headers: Headers; value: ResponseOf<R> }
  | { ok: false; status: number; headers: Headers; refusal: EdgeRefusal };

export interface RawInit {
  /** Sent as JSON (`content-type: application/json`). */
  json?: unknown;
  /** Sent as it is, with whatever `content-type` `headers` give. */
  body?: BodyInit;
  headers?: Record<string, string>;
  /** The Origin header; our own on every method but GET and HEAD unless given, none with null. */
  origin?: string | null;
  signal?: AbortSignal;
}

/** The value of a successful outcome; the refusal is thrown. */
export function valueOf<R extends Route>(outcome: Outcome<R>): ResponseOf<R> {
  if (!outcome.ok) throw outcome.refusal;
  return outcome.value;
}

/** The anonymous and the admin client of a system's edge. */
export function edgeClients(system: { baseUrl: string; adminToken: string }) {
  const anonymous = new EdgeClient(system.baseUrl);
  return { anonymous, admin: anonymous.as({ kind: "admin", token: system.adminToken }) };
}

/** The session cookie(s) a sign-in answer sets, as a `cookie` request header. */
export function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error("The sign-in set no cookie");
  return cookie;
}

export class EdgeClient {
  constructor(readonly baseUrl: string, readonly caller: Caller = { kind: "anonymous" }) {}

  /** The `cookie` header of a technician's client. */
  get cookie(): string | undefined {
    return this.caller.kind === "technician" ? this.caller.cookie : undefined;
  }

  as(caller: Caller): EdgeClient {
    return new EdgeClient(this.baseUrl, caller);
  }

  /** Signs in as a technician: a client that sends the session cookie the edge set. */
  async login(credentials: LoginBody): Promise<EdgeClient> {
    const signIn = await this.attempt(login, { body: credentials });
    valueOf(signIn);
    return this.as({ kind: "technician", cookie: sessionCookie(signIn.headers) });
  }

  /** Calls `route`; its response as the contract's schema parses it, or throws `EdgeRefusal`. */
  async call<R extends Route>(route: R, ...args: Args<R>): Promise<ResponseOf<R>> {
    return valueOf(await this.attempt(route, ...args));
  }

  /** Calls `route`; the parsed value or the refusal, with status and headers either way. */
  async attempt<R extends Route>(route: R, ...args: Args<R>): Promise<Outcome<R>> {
    if (route.responseType === "text/event-stream") throw new Error(`${route.path} is a stream: use request()`);
    const res = await this.request(route, ...args);
    const text = await res.text();
    const { status, headers } = res;
    if (status === (route.status ?? 200)) {
      const value = route.response ? route.response.parse(JSON.parse(text)) : undefined;
      return { ok: true, status, headers, value: value as ResponseOf<R> };
    }
    const refusal = new EdgeRefusal(
      `${route.method} ${route.path}`,
      status,
      parseJson(text),
      headers.get("retry-after"),
    );
    return { ok: false, status, headers, refusal };
  }

  /** Sends a call of `route` as the contract describes it; the `Response`, unread (streams). */
  request<R extends Route>(route: R, ...[args]: Args<R>): Promise<Response> {
    const a = (args ?? {}) as CallArgs<Route>;
    const query = new URLSearchParams(
      Object.entries(a.query ?? {}).flatMap(([k, v]) => v === undefined ? [] : [[k, String(v)]]),
    ).toString();
    const path = pathOf(route, (a.params ?? {}) as ParamsOf<R["path"]>) + (query ? `?${query}` : "");
    const init: RawInit = { headers: a.headers, signal: a.signal };
    if (a.body !== undefined && route.bodyType) {
      init.body = JSON.stringify(a.body);
      init.headers = { "content-type": route.bodyType, ...a.headers };
    } else if (a.body !== undefined) init.json = a.body;
    return this.raw(route.method, path, init);
  }

  /** Sends anything to `path` as this caller (its credentials, and our Origin unless `init` says otherwise). */
  raw(method: string, path: string, init: RawInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.credentials() };
    const origin = init.origin === undefined ? (["GET", "HEAD"].includes(method) ? null : this.baseUrl) : init.origin;
    if (origin !== null) headers.origin = origin;
    if (init.json !== undefined) headers["content-type"] = "application/json";
    Object.assign(headers, init.headers);
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    return fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: init.signal });
  }

  private credentials(): Record<string, string> {
    switch (this.caller.kind) {
      case "admin":
        return { authorization: `Bearer ${this.caller.token}` };
      case "customer":
        return { authorization: `Bearer ${this.caller.key}` };
      case "technician":
        return { cookie: this.caller.cookie };
      case "anonymous":
        return {};
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
