/** What a load tool reports: the statuses of every answer, its failures, and percentiles. */

/**
 * Every answer by label and status (`"create 201"`): the summary lists them, the soak checks each
 * against the statuses its kind of request may answer. Labels say what was meant (a typed wrong PIN
 * and a link look-up are the same route, with different allowed answers).
 */
export function statusCounter() {
  const statuses = new Map<string, number>();
  const add = (label: string, status: number) => {
    const k = `${label} ${status}`;
    statuses.set(k, (statuses.get(k) ?? 0) + 1);
  };
  return {
    statuses,
    add,
    /** Counts the status of an answer (an edge client's `Outcome` or a `Response`) and passes it on. */
    async of<T extends { status: number }>(label: string, answer: Promise<T>): Promise<T> {
      const settled = await answer;
      add(label, settled.status);
      return settled;
    },
  };
}
export type StatusCounter = ReturnType<typeof statusCounter>;

/** A load tool's failures: each printed (the first 20) and counted; `exit` prints the verdict and exits. */
export function failureLog(tool: string) {
  const failures: string[] = [];
  return {
    fail(msg: string) {
      failures.push(msg);
      if (failures.length <= 20) console.error(`  ✗ ${msg}`);
    },
    get count() {
      return failures.length;
    },
    exit(runDir: string): never {
      console.log(`${tool}: ${failures.length === 0 ? "passed" : `${failures.length} failures`} (logs in ${runDir})`);
      Deno.exit(failures.length ? 1 : 0);
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
