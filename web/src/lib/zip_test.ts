import assert from "node:assert/strict";
import { crc32, dosDateTime, zip, zipParts } from "./zip.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/** Runs Python's `zipfile` on `archive` and returns what it read: names, flags, times, contents, test result. */
async function readWithPython(archive: Uint8Array) {
  const path = await Deno.makeTempFile({ suffix: ".zip" });
  try {
    await Deno.writeFile(path, archive);
    const script = [
      "import base64, json, sys, zipfile",
      "z = zipfile.ZipFile(sys.argv[1])",
      "print(json.dumps({'bad': z.testzip(), 'entries': [{'name': i.filename, 'flags': i.flag_bits,",
      "  'method': i.compress_type, 'time': list(i.date_time), 'size': i.file_size,",
      "  'data': base64.b64encode(z.read(i)).decode()} for i in z.infolist()]}))",
    ].join("\n");
    const python = await new Deno.Command("python3", { args: ["-c", script, path], stderr: "piped" }).output();
    assert.ok(python.success, new TextDecoder().decode(python.stderr));
    const unzip = await new Deno.Command("unzip", { args: ["-t", path], stdout: "piped" }).output();
    return {
      ...JSON.parse(new TextDecoder().decode(python.stdout)),
      unzip: { ok: unzip.success, out: new TextDecoder().decode(unzip.stdout) },
    };
  } finally {
    await Deno.remove(path);
  }
}

const concat = (parts: Uint8Array[]) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return all;
};

Deno.test("crc32: the standard check value and the empty input", () => {
  assert.equal(crc32(bytes("123456789")), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

Deno.test("dosDateTime: local date and time in two-second steps; before 1980 is 1980-01-01", () => {
  assert.deepEqual(dosDateTime(new Date(2026, 11, 1, 13, 45, 59)), {
    date: ((2026 - 1980) << 9) | (12 << 5) | 1,
    time: (13 << 11) | (45 << 5) | 29,
  });
  assert.deepEqual(dosDateTime(new Date(1970, 0, 1)), { date: 0x21, time: 0 });
});

Deno.test("zip: Python's zipfile and unzip -t read the archive: names in UTF-8, stored, times, contents", async () => {
  const binary = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
  const entries = [
    { name: "sightline-Müller-photo-1.jpg", data: binary, modified: new Date(2026, 5, 15, 9, 30, 12) },
    { name: "Bildschirm/ä ö ü ß €.png", data: bytes("not really a PNG"), modified: new Date(2025, 0, 2, 23, 59, 58) },
    { name: "empty.txt", data: new Uint8Array(), modified: new Date(2026, 0, 1) },
  ];
  const archive = concat(zipParts(entries));
  const read = await readWithPython(archive);
  assert.equal(read.bad, null, "every CRC matches");
  assert.ok(read.unzip.ok, read.unzip.out);
  assert.match(read.unzip.out, /No errors detected/);
  assert.deepEqual(read.entries.map((e: { name: string }) => e.name), entries.map((e) => e.name));
  for (const [i, e] of read.entries.entries()) {
    assert.equal(e.method, 0, "stored");
    assert.equal(e.flags & 0x0800, 0x0800, "UTF-8 name");
    assert.equal(e.size, entries[i].data.length);
    assert.deepEqual(Uint8Array.from(atob(e.data), (c) => c.charCodeAt(0)), entries[i].data);
  }
  assert.deepEqual(read.entries[0].time, [2026, 6, 15, 9, 30, 12]);
  assert.deepEqual(read.entries[1].time, [2025, 1, 2, 23, 59, 58]);
});

Deno.test("zip: an empty archive is the end record alone; the Blob is application/zip with the same bytes", async () => {
  const empty = concat(zipParts([]));
  assert.deepEqual([...empty.slice(0, 4)], [0x50, 0x4b, 0x05, 0x06]);
  assert.equal(empty.length, 22);
  assert.deepEqual((await readWithPython(empty)).entries, []);
  const entries = [{ name: "a.txt", data: bytes("a"), modified: new Date(2026, 0, 1) }];
  const blob = zip(entries);
  assert.equal(blob.type, "application/zip");
  assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), concat(zipParts(entries)));
});

Deno.test("zip: more files than a ZIP without ZIP64 holds are refused", () => {
  const tooMany = Array.from({ length: 0x10000 }, () => ({ name: "x", data: new Uint8Array(), modified: new Date() }));
  assert.throws(() => zipParts(tooMany), RangeError);
});
