import assert from "node:assert/strict";
import { decodeTool, encodeTool, MAX_CHAT_LENGTH } from "./tools.ts";

Deno.test("encodeTool() and decodeTool() round-trip; anything else decodes to null", () => {
  const chat = { type: "chat", id: "m1", text: "Hello https://example.com", at: 1 } as const;
  assert.deepEqual(decodeTool(encodeTool(chat)), chat);
  assert.deepEqual(decodeTool(encodeTool({ type: "hold", on: true })), { type: "hold", on: true });
  const bytes = (v: unknown) => new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));
  assert.equal(decodeTool(bytes("not json")), null);
  assert.equal(decodeTool(bytes({ type: "chat", id: "x", text: "", at: 1 })), null);
  assert.equal(decodeTool(bytes({ type: "chat", id: "x", text: "a".repeat(MAX_CHAT_LENGTH + 1), at: 1 })), null);
  assert.equal(decodeTool(bytes({ type: "self-destruct" })), null);
});
