import { ErrorBodySchema } from "../../../shared/customer_schemas.ts";

/** An API failure: `status` 0 means the network failed before any answer. */
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

/** Anything that parses an answer, such as a shared zod schema. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/** For answers whose content does not matter (`{ok: true}`). */
export const anyJson: Parser<unknown> = { parse: (data) => data };

interface RequestOptions<T> {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  bearer?: string;
  headers?: Record<string, string>;
  schema: Parser<T>;
}

/** Calls the edge and parses the answer with a shared schema; errors arrive as `ApiError`. */
export async function api<T>(path: string, options: RequestOptions<T>): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network", "Network request failed");
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ErrorBodySchema.safeParse(data);
    const retry = Number(res.headers.get("retry-after"));
    throw new ApiError(
      res.status,
      parsed.success ? parsed.data.error.code : "http_error",
      parsed.success ? parsed.data.error.message : `HTTP ${res.status}`,
      Number.isFinite(retry) && retry > 0 ? retry : null,
      parsed.success ? parsed.data.error.details : undefined,
    );
  }
  return options.schema.parse(data);
}
