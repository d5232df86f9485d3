import assert from "node:assert/strict";
import { findLeaks, parseSecrets } from "./log_scan.ts";

Deno.test("findLeaks() finds each secret with its file and line", () => {
  const secrets = parseSecrets("pin\t123456\ntoken\tabc.def-ghi\n");
  const leaks = findLeaks(secrets, { "edge.log": "ok\nGET /j/123456\n", "livekit.log": "token abc.def-ghi here" });
  assert.deepEqual(leaks, [
    { kind: "pin", file: "edge.log", line: 2 },
    { kind: "token", file: "livekit.log", line: 1 },
  ]);
});

Deno.test("findLeaks() matches a PIN only as a whole number, not inside longer numbers or decimals", () => {
  const secrets = [{ kind: "pin", value: "289169" }];
  const log = '"sendDuration": "29.289169ms"\nport 12891690\nid 1289169\n';
  assert.deepEqual(findLeaks(secrets, { "livekit.log": log }), []);
  assert.deepEqual(findLeaks(secrets, { "edge.log": "pin=289169." }), [{ kind: "pin", file: "edge.log", line: 1 }]);
});

Deno.test("findLeaks() finds no PIN in the digits of a hex id, but one in a link's path", () => {
  const secrets = [{ kind: "pin", value: "248880" }];
  const log = '"webrtcTrackID": "248880a3-c9ab-4c74-bf07-946d822f2ef5", "x": "f0e1248880"\n';
  assert.deepEqual(findLeaks(secrets, { "livekit.log": log }), []);
  assert.deepEqual(findLeaks(secrets, { "edge.log": "GET /j/248880#secret" }), [{
    kind: "pin",
    file: "edge.log",
    line: 1,
  }]);
});
