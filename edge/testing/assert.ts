/**
 * Small assertion helpers for Deno tests (the Deno standard library is not reachable from here),
 * built on node:assert so failures show a diff.
 */
import assertNode from "node:assert/strict";

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
