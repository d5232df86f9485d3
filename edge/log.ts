/**
 * The edge's log: one JSON object a line, `{"time", "level", "msg", "requestId", …fields}`. Every
 * string in a line is JSON-escaped, so nothing a client sends (a CSP report's fields, a path, an error
 * message) can end a line early and forge one of its own; log readers parse each line.
 *
 * The request id comes from `withRequestId` (the `requestId()` middleware runs each request inside it),
 * so a line logged anywhere below a handler — a route, a service, `app.onError` — carries the id of
 * its request without passing it along. The sink is injected: tests collect lines instead of printing.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;
/** Receives one finished line (no newline at its end). */
export type LogSink = (line: string) => void;

export interface Log {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const requestIds = new AsyncLocalStorage<string>();

/** Runs `fn` with `id` as the request id of every line logged inside it, across its awaits. */
export function withRequestId<T>(id: string, fn: () => T): T {
  return requestIds.run(id, fn);
}

/** One line a process writes: to standard output, which `.ci/services.ts` collects into `edge.log`. */
export const stdoutSink: LogSink = (line) => console.log(line);

/** Errors as their name, message and stack (JSON.stringify would give `{}`); bigints as strings. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * JSON.stringify escapes the ASCII line breaks but not U+0085, U+2028 and U+2029, which some log
 * viewers also break lines at; escaped here too, the line stays valid JSON.
 */
const OTHER_LINE_BREAKS = /[\u0085\u2028\u2029]/g;
const escapeLineBreaks = (json: string) =>
  json.replace(OTHER_LINE_BREAKS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The line of one entry; the fixed keys come first and cannot be overwritten by a field of the same name. */
export function formatLine(
  entry: { time: number; level: LogLevel; msg: string; requestId?: string },
  fields: LogFields,
) {
  const fixed = {
    time: new Date(entry.time).toISOString(),
    level: entry.level,
    msg: entry.msg,
    requestId: entry.requestId,
  };
  let json: string;
  try {
    json = JSON.stringify({ ...fixed, ...fields, ...fixed }, plain);
  } catch {
    json = JSON.stringify({ ...fixed, fieldsError: "fields could not be written as JSON" });
  }
  return escapeLineBreaks(json);
}

/** A log writing to `sink`; `now` is the wall clock (the log's time is when it happened, not the app's clock). */
export function createLog(sink: LogSink = stdoutSink, now: () => number = Date.now): Log {
  const at = (level: LogLevel) => (msg: string, fields: LogFields = {}) =>
    sink(formatLine({ time: now(), level, msg, requestId: requestIds.getStore() }, fields));
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

/** A log that keeps its lines, for tests: `lines` are the raw lines, `entries` them parsed. */
export function memoryLog(): Log & { lines: string[]; entries(): Record<string, unknown>[] } {
  const lines: string[] = [];
  return { ...createLog((line) => lines.push(line)), lines, entries: () => lines.map((l) => JSON.parse(l)) };
}
