/**
 * Runs `attempt` again and again while `wanted()`, until it succeeds or `final(err)` says its failure
 * will not change by trying again (then the error is thrown). Between failures it waits 1 s, 2 s, 4 s …
 * (at most 10 s). Resolves true when an attempt succeeded, false when it was no longer wanted.
 */
export async function retry(
  attempt: () => Promise<void>,
  options: { wanted(): boolean; final(err: unknown): boolean; wait(ms: number): Promise<void> },
): Promise<boolean> {
  for (let n = 0; options.wanted(); n++) {
    try {
      await attempt();
      return true;
    } catch (err) {
      if (options.final(err)) throw err;
      await options.wait(Math.min(10_000, 1000 * 2 ** n));
    }
  }
  return false;
}
