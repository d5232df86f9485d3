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

Deno.test("anchored drawing: shapes carry pin and frame, poses are bounded and numeric", () => {
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const dot = { kind: "stroke", id: "s", points: [[0.5, 0.5]], at: 42 };
  assert.deepEqual(decodeTool(bytes({ type: "shape", shape: dot })), { type: "shape", shape: dot });
  assert.deepEqual(decodeTool(bytes({ type: "shape", shape: { ...dot, pin: true } }))?.type, "shape");
  assert.equal(decodeTool(bytes({ type: "shape", shape: { ...dot, at: -1 } })), null, "no negative frame");
  assert.equal(decodeTool(bytes({ type: "shape", shape: { ...dot, at: 2 ** 32 } })), null, "a frame number in range");
  const pose = { id: "s", h: [1, 0, 0, 0, 1, 0, 0, 0], v: true };
  const poses = { type: "poses", f: 7, t: 1234.5, sig: "AAAA", a: [pose, { id: "t", h: null, v: false }] };
  assert.deepEqual(decodeTool(bytes(poses)), poses);
  assert.equal(decodeTool(bytes({ ...poses, a: [{ ...pose, h: [1, 0, 0] }] })), null, "eight numbers");
  assert.equal(decodeTool(bytes({ ...poses, sig: "A".repeat(257) })), null, "signature bounded");
  const many = Array.from({ length: 101 }, (_, i) => ({ ...pose, id: `s${i}` }));
  assert.equal(decodeTool(bytes({ ...poses, a: many })), null, "no more poses than shapes");
  assert.deepEqual(decodeTool(bytes({ type: "tracking", on: true })), { type: "tracking", on: true });
  assert.deepEqual(decodeTool(bytes({ type: "still-poses", id: "p1", a: [pose] }))?.type, "still-poses");
});
