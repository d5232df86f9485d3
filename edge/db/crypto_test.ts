import { assert, assertEquals, assertFalse, assertMatch, assertNotEquals } from "../testing/assert.ts";
import { constantTimeEqual, hashPassword, randomDigits, randomToken, verifyPassword } from "./crypto.ts";

Deno.test("randomDigits() returns only digits of the asked length, spread over all ten", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const code = randomDigits(6);
    assertMatch(code, /^\d{6}$/);
    for (const ch of code) seen.add(ch);
  }
  assertEquals(seen.size, 10);
});

Deno.test("randomToken() is URL-safe and differs every call", () => {
  const a = randomToken();
  assertMatch(a, /^[A-Za-z0-9_-]{43}$/);
  assertNotEquals(a, randomToken());
});

Deno.test("hashPassword() output verifies the password and nothing else", async () => {
  const stored = await hashPassword("correct horse battery staple");
  assertMatch(stored, /^pbkdf2-sha256\$600000\$/);
  assert(await verifyPassword("correct horse battery staple", stored));
  assertFalse(await verifyPassword("correct horse battery stapler", stored));
  assertFalse(await verifyPassword("anything", "not-a-hash"));
});

Deno.test("constantTimeEqual() compares content and length", () => {
  assert(constantTimeEqual("abc", "abc"));
  assertFalse(constantTimeEqual("abc", "abd"));
  assertFalse(constantTimeEqual("abc", "abcd"));
  assertFalse(constantTimeEqual("", "a"));
});
