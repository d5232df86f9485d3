/** The edge's memory for the bench report. */
import { processMemoryKiB } from "../../.ci/services.ts";

/** Current and peak resident set size of a process in MB (`VmRSS`, `VmHWM`), or null when unreadable. */
export function rssMb(pid: number): { rss: number; peak: number } | null {
  const memory = processMemoryKiB(pid);
  const mb = (kib: number) => Math.round(kib / 102.4) / 10;
  return memory && { rss: mb(memory.rss), peak: mb(memory.peak) };
}
