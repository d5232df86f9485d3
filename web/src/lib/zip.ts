/**
 * A ZIP archive of files stored as they are (method 0, no compression: the gallery's images are JPEG,
 * PNG or WebP already): a local header before each file, then the central directory and its end record.
 * Names are UTF-8 (general-purpose flag bit 11), times the DOS date and time in local time. No ZIP64, so
 * at most 65,535 files and 4 GiB; more is refused. Loaded only when the technician asks for an archive.
 */

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  modified: Date;
}

const UTF8_NAMES = 0x0800;
const VERSION = 20; // 2.0: the version that introduced the flags and method used here
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, the one ZIP uses) of `data`. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `at` as MS-DOS time and date (local time, two-second steps; before 1980 is 1980-01-01 00:00). */
export function dosDateTime(at: Date): { time: number; date: number } {
  if (at.getFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    date: ((Math.min(at.getFullYear(), 2107) - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

/** The fields a file's local header and its central directory entry share, from "version needed" on. */
function common(view: DataView, at: number, e: { crc: number; size: number; name: Uint8Array; modified: Date }) {
  const { time, date } = dosDateTime(e.modified);
  view.setUint16(at, VERSION, true);
  view.setUint16(at + 2, UTF8_NAMES, true);
  view.setUint16(at + 4, 0, true); // stored
  view.setUint16(at + 6, time, true);
  view.setUint16(at + 8, date, true);
  view.setUint32(at + 10, e.crc, true);
  view.setUint32(at + 14, e.size, true); // compressed size: stored, the same
  view.setUint32(at + 18, e.size, true);
  view.setUint16(at + 22, e.name.length, true);
  view.setUint16(at + 24, 0, true); // no extra field
}

/** The archive as its parts in order (headers and the files' own bytes, not copied). */
export function zipParts(entries: readonly ZipEntry[]): Uint8Array[] {
  if (entries.length > MAX_ENTRIES) throw new RangeError(`A ZIP without ZIP64 holds at most ${MAX_ENTRIES} files`);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const file = { crc: crc32(entry.data), size: entry.data.length, name, modified: entry.modified };
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    common(lv, 4, file);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, VERSION, true); // made by: MS-DOS attributes, version 2.0
    common(cv, 6, file);
    // comment length, disk number, internal and external attributes: 0 (bytes 32 to 41)
    cv.setUint32(42, offset, true);
    record.set(name, 46);
    parts.push(local, entry.data);
    central.push(record);
    offset += local.length + entry.data.length;
    if (offset > MAX_BYTES) throw new RangeError("A ZIP without ZIP64 holds at most 4 GiB");
  }
  const size = central.reduce((n, r) => n + r.length, 0);
  if (offset + size > MAX_BYTES) throw new RangeError("A ZIP without ZIP64 holds at most 4 GiB");
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true); // on this disk
  ev.setUint16(10, entries.length, true); // in all
  ev.setUint32(12, size, true);
  ev.setUint32(16, offset, true);
  return [...parts, ...central, end];
}

/** The archive as one Blob (`application/zip`). */
export const zip = (entries: readonly ZipEntry[]): Blob =>
  new Blob(zipParts(entries) as BlobPart[], { type: "application/zip" });
