/**
 * Download all: a session's images as one ZIP archive made in this browser (`lib/zip.ts`), so a browser
 * that allows one download at a time still saves them all. Imported when the technician asks for it.
 */
import { zip } from "../../lib/zip.ts";

/** Saves `files` to the technician's disk as the archive `archiveName`. */
export async function downloadZip(
  files: readonly { name: string; blob: Blob; at: number }[],
  archiveName: string,
): Promise<void> {
  const entries = await Promise.all(files.map(async (file) => ({
    name: file.name,
    data: new Uint8Array(await file.blob.arrayBuffer()),
    modified: new Date(file.at),
  })));
  const url = URL.createObjectURL(zip(entries));
  const link = document.createElement("a");
  link.href = url;
  link.download = archiveName;
  link.click();
  // The download has begun by then; the archive need not stay in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
