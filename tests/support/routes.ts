/**
 * The routes of the contract (`shared/api.ts`) as a list, and whether a request is a call of one: the
 * e2e helpers watch the pages' responses by route, and find an admin route by its path.
 */
import * as api from "../../shared/api.ts";

/** Every route of the contract. */
export const ROUTES: readonly api.Route[] = (Object.values(api) as unknown[]).filter((v): v is api.Route =>
  typeof v === "object" && v !== null && "method" in v && "path" in v && "errors" in v
);

const patterns = new Map(
  ROUTES.map((r) => [r, new RegExp(`^${r.path.replace(/:\w+/g, "[^/]+")}$`)]),
);

/** Whether a request with this method and path (no query) is a call of `route`. */
export function isCallOf(route: api.Route, method: string, pathname: string): boolean {
  return route.method === method && patterns.get(route)!.test(pathname);
}
