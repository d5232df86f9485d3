/**
 * `describe()`: every API route declares its contract (`shared/api.ts`) next to its handler. The
 * middleware it returns validates the route's JSON body and query with the contract's schemas, and
 * is remembered with the contract, so the OpenAPI document (`openapi.ts`), the 405 answers and the
 * route tests are derived from the app's own routes (`describedRoutes`) instead of a second table.
 */
import type { Env, MiddlewareHandler } from "hono";
import type { BlankInput, RouterRoute } from "hono/types";
import { every } from "hono/combine";
import { zValidator } from "@hono/zod-validator";
import type * as z from "zod/mini";
import { ERROR_CODES, type ErrorCode } from "@sightline/shared";
import type { Route } from "@sightline/shared/api";
import { DomainError } from "./errors.ts";

/** What the contract does not say about a route: for the OpenAPI document. */
export interface Description {
  summary: string;
  /**
   * JSON Schema keywords added to the body's schema: what zod refinements check and
   * `z.toJSONSchema` cannot export (`NON_EMPTY`, `PASSWORD_OR_INVITE`).
   */
  bodyRules?: Record<string, unknown>;
  /** Codes of `route.errors` that this route answers as invalid input (400), not with the code's status. */
  invalidInput?: readonly ErrorCode[];
  /** Answers besides the success and the errors (health: 503 with the same body). */
  responses?: Record<number, z.core.$ZodType>;
}

/** A described route where the app serves it. */
export interface DescribedRoute extends Description {
  method: string;
  path: string;
  route: Route;
}

/** A PATCH must change something (`nonEmpty` in shared/schemas.ts). */
export const NON_EMPTY = { minProperties: 1 };
/** A technician is created with a password, or invited (`invite: true`) — one of the two. */
export const PASSWORD_OR_INVITE = {
  anyOf: [
    { required: ["password"], properties: { invite: { const: false } } },
    { required: ["invite"], properties: { invite: { const: true }, password: false } },
  ],
};

const descriptions = new WeakMap<MiddlewareHandler, Description & { route: Route }>();

/** A body of another media type than JSON (browsers' CSP reports) is the handler's to read. */
export const takesJson = (route: Route) => route.body !== undefined && route.bodyType === undefined;

type JsonInput<R extends Route> = R extends { bodyType: string } ? BlankInput
  : R extends { body: infer B extends z.core.$ZodType } ? { in: { json: z.input<B> }; out: { json: z.output<B> } }
  : BlankInput;
type QueryInput<R extends Route> = R extends { query: infer Q extends z.core.$ZodType }
  ? { in: { query: Record<string, string | string[]> }; out: { query: z.output<Q> } }
  : BlankInput;
/** What `c.req.valid()` gives a handler after `describe(route)`. */
export type InputOf<R extends Route> = JsonInput<R> & QueryInput<R>;

const refuse = (what: string) => (result: { success: boolean; error?: { issues: z.core.$ZodIssue[] } }) => {
  if (result.success) return;
  throw new DomainError(ERROR_CODES.validation, what, {
    details: result.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
};

/**
 * The middleware of `route`: validates its query and JSON body (400 `validation_failed` with the
 * schema's issues as details) and records the route with `description` for `describedRoutes`.
 */
export function describe<R extends Route, E extends Env, P extends string>(
  route: R,
  description: Description,
): MiddlewareHandler<E, P, InputOf<R>> {
  const checks: MiddlewareHandler[] = [];
  if (route.query) checks.push(zValidator("query", route.query, refuse("Query parameters are invalid")));
  if (takesJson(route)) checks.push(zValidator("json", route.body!, refuse("Request body is invalid")));
  // A new function for every route, even one without checks: it is the key of its description.
  const middleware = every(...checks);
  descriptions.set(middleware, { ...description, route });
  return middleware;
}

/** The app's described routes, in the order the app matches them. */
export function describedRoutes(app: { routes: RouterRoute[] }): DescribedRoute[] {
  return app.routes.flatMap(({ method, path, handler }) => {
    const described = descriptions.get(handler as MiddlewareHandler);
    return described ? [{ ...described, method, path }] : [];
  });
}
