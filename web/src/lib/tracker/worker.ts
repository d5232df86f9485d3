/**
 * The tracker's module Worker: `new Worker(new URL("./worker.ts", import.meta.url), { type: "module" })`, then
 * `createTrackerClient(worker)`. Messages in `protocol.ts`. Knows nothing of the DOM beyond `self`.
 */
import { createHandler, type TrackerIn } from "./protocol.ts";

interface Scope {
  onmessage: ((e: { data: TrackerIn }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
}

const scope = self as unknown as Scope;
const handle = createHandler();

scope.onmessage = (e) => {
  const reply = handle(e.data);
  if (reply) scope.postMessage(reply.out, reply.transfer);
};
