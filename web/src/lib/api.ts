/**
 * The edge's HTTP API for the web app, called by contract (`shared/customer_api.ts`, `shared/api.ts`):
 * the route names method and path, the answer is parsed with its response schema, and a refusal
 * arrives as an `ApiError` carrying the `ErrorBody.code`.
 */
import { ErrorBodySchema } from "../../../shared/customer_schemas.ts";
import { type BodyOf, type ParamsOf, pathOf, type ResponseOf, type Route } from "../../../shared/customer_api.ts";

/** `code` of a request that got no answer at all (the network failed). */
export const NETWORK_ERROR = "network";
/** `code` of an answer without our error envelope (a proxy's error page). */
export const HTTP_ERROR = "http_error";

/** An API failure: the edge's `ErrorBody.code`, or `NETWORK_ERROR` / `HTTP_ERROR`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface CallOptions<R extends Route> {
  params?: ParamsOf<R["path"]>;
  body?: BodyOf<R>;
  /** Customer key (customer routes). */
  bearer?: string;
  headers?: Record<string, string>;
}

/** How long a call may take before it counts as a network failure (a network that drops packets). */
const TIMEOUT_MS = 20_000;

/** Calls one route of the edge; the UI and the models get this injected (tests pass a fake). */
export type Api = <R extends Route>(route: R, options?: CallOptions<R>) => Promise<ResponseOf<R>>;

/** The edge over `fetch` (same origin, cookies included). */
export function createApi(fetchFn: typeof fetch = (...args) => fetch(...args)): Api {
  return async (route, options = {}) => {
    // The edge takes JSON on every mutation (an empty object where the route has no body).
    const body = route.method === "GET" ? undefined : JSON.stringify(options.body ?? {});
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    let res: Response;
    try {
      res = await fetchFn(pathOf(route, (options.params ?? {}) as ParamsOf<typeof route["path"]>), {
        method: route.method,
        headers,
        body,
        credentials: "same-origin",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR, "Network request failed");
    }
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) throw refusal(res, data);
    return (route.response ? route.response.parse(data) : data) as never;
  };
}

function refusal(res: Response, data: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(data);
  const retry = Number(res.headers.get("retry-after"));
  return new ApiError(
    res.status,
    parsed.success ? parsed.data.error.code : HTTP_ERROR,
    parsed.success ? parsed.data.error.message : `HTTP ${res.status}`,
    Number.isFinite(retry) && retry > 0 ? retry : null,
    parsed.success ? parsed.data.error.details : undefined,
  );
}

/** Whether `err` says the network failed before any answer. */
export const isNetworkError = (err: unknown): boolean => err instanceof ApiError && err.code === NETWORK_ERROR;
