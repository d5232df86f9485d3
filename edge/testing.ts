/**
 * Small assertion helpers for Deno tests (the Deno standard library is not reachable from here),
 * built on node:assert so failures show a diff.
 */
import assertNode from "node:assert/strict";
import { AccessToken } from "livekit-server-sdk";

export function assert(value: unknown, message?: string): asserts value {
  assertNode.ok(value, message);
}
export const assertFalse = (value: unknown, message?: string) => assertNode.ok(!value, message);
export const assertEquals = <T>(actual: T, expected: T, message?: string) =>
  assertNode.deepStrictEqual(actual, expected, message);
export const assertNotEquals = <T>(actual: T, expected: T, message?: string) =>
  assertNode.notDeepStrictEqual(actual, expected, message);
export const assertMatch = (actual: string, pattern: RegExp, message?: string) =>
  assertNode.match(actual, pattern, message);

/** Awaits `fn` and checks that it rejects with an error matching `check`; returns the error. */
export async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  check: (err: E) => boolean,
  message?: string,
): Promise<E> {
  try {
    await fn();
  } catch (err) {
    assert(check(err as E), message ?? `unexpected error: ${err}`);
    return err as E;
  }
  throw new assertNode.AssertionError({ message: message ?? "expected a rejection" });
}

/**
 * The `Authorization` of a LiveKit webhook for `body`, signed the way livekit-server signs it (a JWT of
 * the API key carrying the body's SHA-256), for tests and load tools that stand in for LiveKit.
 */
export async function livekitWebhookAuth(apiKey: string, apiSecret: string, body: string | Uint8Array<ArrayBuffer>) {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const at = new AccessToken(apiKey, apiSecret, { ttl: "5m" });
  at.sha256 = btoa(String.fromCharCode(...digest));
  return at.toJwt();
}
