import assert from "node:assert/strict";
import { CreateSessionBodySchema, PinSchema } from "./schemas.ts";
import { roomName, sessionIdFromRoom } from "./constants.ts";

Deno.test("PinSchema accepts exactly six digits", () => {
  assert.ok(PinSchema.safeParse("012345").success);
  for (const bad of ["12345", "1234567", "12a456", " 123456", ""]) assert.ok(!PinSchema.safeParse(bad).success, bad);
});

Deno.test("CreateSessionBodySchema checks type, name and the delivery method's fields", () => {
  const ok = (v: unknown) => CreateSessionBodySchema.safeParse(v).success;
  assert.ok(ok({ type: "lens", name: "Alice", delivery: { method: "link" } }));
  assert.ok(ok({ type: "lens", name: "Alice", delivery: { method: "email-server", to: "a@b.example" } }));
  assert.ok(!ok({ type: "lens", name: "Alice", delivery: { method: "email-server", to: "not an email" } }));
  assert.ok(!ok({ type: "lens", name: "   ", delivery: { method: "link" } }));
  assert.ok(!ok({ type: "video", name: "Alice", delivery: { method: "link" } }));
  assert.ok(!ok({ type: "lens", name: "Alice", delivery: { method: "fax" } }));
});

Deno.test("roomName() and sessionIdFromRoom() round-trip", () => {
  assert.equal(sessionIdFromRoom(roomName("abc")), "abc");
  assert.equal(sessionIdFromRoom("other-room"), null);
});
