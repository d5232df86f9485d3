/** Opening and closing the edge's Deno KV (a SQLite file locally, managed KV on Deno Deploy). */
import { keys } from "./keys.ts";

/** The KV at `path`, or the platform's default (Deno Deploy's, or one per project locally) without one. */
export function openKv(path: string | undefined): Promise<Deno.Kv> {
  return Deno.openKv(path);
}

export function closeKv(kv: Deno.Kv): void {
  kv.close();
}

/** Whether the KV answers a read. */
export async function kvHealthy(kv: Deno.Kv): Promise<boolean> {
  return await kv.get(keys.health()).then(() => true, () => false);
}
