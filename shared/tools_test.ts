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

Deno.test("drawing and still messages: coordinates stay on the picture, sizes are bounded", () => {
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const arrow = { kind: "arrow", id: "a", from: [0.1, 0.2], to: [0.3, 0.4], n: 1 };
  assert.deepEqual(decodeTool(bytes({ type: "shape", shape: arrow })), { type: "shape", shape: arrow });
  assert.equal(decodeTool(bytes({ type: "shape", shape: { ...arrow, to: [1.5, 0] } })), null, "off the picture");
  assert.equal(decodeTool(bytes({ type: "shape", shape: { ...arrow, to: [0.5] } })), null, "not a point");
  assert.equal(decodeTool(bytes({ type: "shape", shape: { ...arrow, kind: "laser" } })), null);
  const tooLong = { kind: "stroke", id: "s", points: Array.from({ length: 401 }, () => [0.5, 0.5]) };
  assert.equal(decodeTool(bytes({ type: "shape", shape: tooLong })), null);
  assert.deepEqual(decodeTool(JSON.stringify({ type: "still", mode: "photo", id: "p1" })), {
    type: "still",
    mode: "photo",
    id: "p1",
  });
  assert.equal(decodeTool(bytes({ type: "still-progress", id: "p1", progress: 2 })), null);
  assert.deepEqual(decodeTool(bytes({ type: "sync", still: null })), { type: "sync", still: null });
});
