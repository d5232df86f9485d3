/**
 * Deterministic fuzz cases for request bodies, path parameters and query strings: a seeded PRNG
 * (mulberry32) and generators for malformed JSON, bodies near and over the 64 KB limit, deep nesting,
 * wrong types for every field of a valid body, unicode edge cases, prototype-pollution keys and
 * numbers JSON cannot hold. Used by `edge/fuzz_test.ts` (a few thousand cases in `deno test`) and by
 * `deno task fuzz` (FUZZ_CASES, many more).
 */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export interface BodyCase {
  label: string;
  /** Sent as is; a Uint8Array for bytes that are not valid UTF-8. */
  body: string | Uint8Array<ArrayBuffer>;
}

export const MAX_BODY_BYTES = 64 * 1024;

/** Strings that have broken parsers, validators, loggers and terminals before. */
export const WEIRD_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "\ud83d",
  "\u202eevil\u202c",
  "\u200b\u200c\u200d\ufeff",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "Z̸̡̛̗͎̈́a̶̢̛͓l̵̡̛g̷̨̛o̶",
  "ﷺ",
  "\r\n\r\nX-Injected: 1",
  "<script>alert(1)</script>",
  "'; DROP TABLE sessions; --",
  "${{7*7}}{{7*7}}",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "null",
  "true",
  "x".repeat(257),
  "é".repeat(120),
  "\t\v\f\b",
  "\\",
  '"',
];

/** JSON texts of values of every type, including numbers JSON.parse turns into Infinity or -0. */
export const WRONG_VALUES: readonly string[] = [
  "null",
  "true",
  "false",
  "0",
  "-0",
  "-1",
  "0.5",
  "1e309",
  "-1e309",
  "1e-400",
  "9007199254740993",
  "123456789012345678901234567890",
  '""',
  '"x"',
  "[]",
  "[null]",
  "{}",
  '{"a":1}',
  '{"__proto__":{"polluted":true}}',
  ...WEIRD_STRINGS.map((s) => JSON.stringify(s)),
];

const MALFORMED: readonly string[] = [
  "",
  " ",
  "{",
  "}",
  "[",
  '{"a":',
  '{"a":1,}',
  "[1,]",
  "{'a':1}",
  "{a:1}",
  "NaN",
  "Infinity",
  "-Infinity",
  "undefined",
  '{"a":NaN}',
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  "/* comment */{}",
  "\ufeff{}",
  '"\\ud800"',
  '"\\u0000"',
  '"\\x41"',
  '{"a":"\\',
  "nul",
  "tru",
  "0x10",
  "01",
  "1.",
  ".5",
  "+1",
  "null",
  "true",
  "0",
  '"string"',
  "[]",
  "{}",
  "[{}]",
];

/** Bytes that are not UTF-8: overlong encodings, lone continuation bytes, truncated sequences. */
const BAD_UTF8: readonly number[][] = [
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xf0, 0x80, 0x80, 0xaf],
  [0x80],
  [0xff, 0xfe],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
];

const utf8 = new TextEncoder();

function withBytes(prefix: string, bytes: number[], suffix: string): Uint8Array<ArrayBuffer> {
  const a = utf8.encode(prefix);
  const b = utf8.encode(suffix);
  const out = new Uint8Array(a.length + bytes.length + b.length);
  out.set(a);
  out.set(bytes, a.length);
  out.set(b, a.length + bytes.length);
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside `v` (objects and arrays), the root included, down to 20 levels. */
function paths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (prefix.length >= 20) return out;
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      out.push(...paths(x, [...prefix, k]));
    }
  }
  return out;
}

/** The JSON text of `seed` with the value at `path` replaced by the JSON text `raw` (or removed). */
function replaceAt(seed: Json, path: (string | number)[], raw: string | undefined): string {
  const marker = `@@FUZZ${Math.random().toString(36).slice(2)}@@`;
  if (path.length === 0) return raw ?? "";
  const copy = structuredClone(seed) as Record<string | number, Json>;
  let node = copy as Json;
  for (const k of path.slice(0, -1)) node = (node as Record<string | number, Json>)[k];
  const last = path.at(-1)!;
  if (raw === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete (node as Record<string, Json>)[last];
    return JSON.stringify(copy);
  }
  (node as Record<string | number, Json>)[last] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), raw);
}

function nest(depth: number, open: string, close: string, inner = "1"): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/**
 * The fixed cases for a route whose valid body is `seed` (null when it takes none) and whose schema
 * names the top-level `fields`: structure first, then every field with every wrong value.
 */
export function structuredCases(seed: Json | null, fields: string[] = []): BodyCase[] {
  const out: BodyCase[] = [];
  for (const m of MALFORMED) out.push({ label: `malformed ${JSON.stringify(m).slice(0, 30)}`, body: m });
  for (const bytes of BAD_UTF8) {
    out.push({
      label: `bad utf-8 ${bytes.map((b) => b.toString(16)).join(" ")}`,
      body: withBytes('{"name":"', bytes, '"}'),
    });
  }
  out.push({ label: "deep arrays 10k", body: nest(10_000, "[", "]") });
  out.push({ label: "deep objects 10k", body: nest(10_000, '{"a":', "}") });
  out.push({ label: "deep arrays 100k (over the limit)", body: nest(100_000, "[", "]") });
  out.push({ label: "unclosed deep arrays", body: "[".repeat(20_000) });
  const near = MAX_BODY_BYTES - 64;
  out.push({ label: "string just under the limit", body: JSON.stringify({ name: "x".repeat(near) }) });
  out.push({ label: "string just over the limit", body: JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES) }) });
  out.push({
    label: "many keys",
    body: JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))),
  });
  out.push({ label: "long array", body: JSON.stringify(Array.from({ length: 20_000 }, () => 0)) });
  out.push({
    label: "proto pollution",
    body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  });
  if (seed === null) return out;
  const base = seed as Json;
  out.push({ label: "valid seed", body: JSON.stringify(base) });
  out.push({ label: "seed with unknown keys", body: JSON.stringify({ ...(base as object), unexpected: [1, 2, 3] }) });
  out.push({
    label: "seed with __proto__",
    body: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":true},'),
  });
  out.push({
    label: "seed with duplicate keys",
    body: JSON.stringify(base).replace(/^\{/, `{${Object.keys(base as object).map((k) => `"${k}":null,`).join("")}`),
  });
  for (const p of paths(base).filter((p) => p.length > 0)) {
    out.push({ label: `${p.join(".")} missing`, body: replaceAt(base, p, undefined) });
    for (const v of WRONG_VALUES) {
      out.push({ label: `${p.join(".")} = ${v.slice(0, 30)}`, body: replaceAt(base, p, v) });
    }
    for (const bytes of BAD_UTF8.slice(0, 3)) {
      const text = replaceAt(base, p, '"@@BYTES@@"');
      const [a, b] = text.split("@@BYTES@@");
      out.push({ label: `${p.join(".")} = bad utf-8`, body: withBytes(a, bytes, b) });
    }
  }
  for (const f of fields.filter((f) => !(f in (base as object)))) {
    for (const v of WRONG_VALUES) {
      out.push({
        label: `${f} (optional) = ${v.slice(0, 30)}`,
        body: replaceAt({ ...(base as object), [f]: 0 }, [f], v),
      });
    }
  }
  return out;
}

/** A random case: a valid body mutated at random paths, or random garbage. */
export function randomCase(r: Rng, seed: Json | null): BodyCase {
  const kind = r();
  if (seed === null || kind < 0.15) {
    const len = Math.floor(r() * 200);
    const alphabet = '{}[]":,0123456789truefalsn\\u00 \n\t-+.eE';
    let s = "";
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)];
    return { label: "random text", body: s };
  }
  let body: string = JSON.stringify(seed);
  let json: Json = seed;
  const mutations = 1 + Math.floor(r() * 3);
  for (let i = 0; i < mutations; i++) {
    const ps = paths(json).filter((p) => p.length > 0);
    if (!ps.length) break;
    const p = pick(r, ps);
    const roll = r();
    const raw = roll < 0.6
      ? pick(r, WRONG_VALUES)
      : roll < 0.8
      ? JSON.stringify(pick(r, WEIRD_STRINGS).repeat(1 + Math.floor(r() * 50)))
      : roll < 0.9
      ? nest(1 + Math.floor(r() * 2000), "[", "]")
      : undefined;
    body = replaceAt(json, p, raw);
    try {
      json = JSON.parse(body);
    } catch {
      break;
    }
  }
  return { label: "random mutation", body };
}

/** Path parameter values: weird strings (URL-encoded), long ones, encoded traversal. */
export function paramCases(): string[] {
  return [
    ...WEIRD_STRINGS.filter((s) => s !== "").map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "?"))),
    "%ED%A0%80",
    "%C0%AF",
    "%",
    "%zz",
    "..%2F..%2F",
    "a".repeat(5000),
    "000000",
    "999999",
    "1234567",
    "-1",
    "0x10",
  ];
}

/** Query strings for the admin listings. */
export function queryCases(r: Rng, names: string[]): string[] {
  const out = [
    "?limit=0",
    "?limit=-1",
    "?limit=1e309",
    "?limit=NaN",
    "?limit=1001",
    "?limit=99999999999999999999",
    "?limit=1&limit=2",
    "?from=-1",
    "?from=abc",
    "?to=1e400",
    "?status=bogus",
    "?__proto__=1",
    "?constructor[prototype][x]=1",
    `?${"a=1&".repeat(2000)}`,
  ];
  for (const n of names) {
    for (let i = 0; i < 4; i++) {
      out.push(`?${n}=${encodeURIComponent(pick(r, WEIRD_STRINGS).replace(/[\ud800-\udfff]/g, "?"))}`);
    }
    out.push(`?${n}=%ED%A0%80`, `?${n}=${"x".repeat(101)}`, `?${n}=`);
  }
  return out;
}
