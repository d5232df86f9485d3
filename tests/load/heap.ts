/** The soak's view of the edge's V8 heap, through the inspector the edge runs with (`inspect`). */

/** Post-GC V8 heap of the inspected edge: forces a full collection, then reads the used size (KiB). */
export async function heapSampler(inspectPort: number): Promise<{ sample(): Promise<number>; close(): void }> {
  const [target] = await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json();
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r) => (ws.onopen = r));
  let id = 0;
  const pending = new Map<number, (v: { result?: { usedSize?: number } }) => void>();
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  };
  const send = (method: string) =>
    new Promise<{ result?: { usedSize?: number } }>((resolve) => {
      pending.set(++id, resolve);
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    async sample() {
      await send("HeapProfiler.collectGarbage");
      return Math.round(((await send("Runtime.getHeapUsage")).result?.usedSize ?? 0) / 1024);
    },
    close: () => ws.close(),
  };
}
