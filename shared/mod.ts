/**
 * The contract between the edge and the web app: constants, request and response schemas and the
 * types inferred from them. Everything here is runtime-agnostic (Deno and the browser).
 */
export * from "./constants.ts";
export * from "./schemas.ts";
