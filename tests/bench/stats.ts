/** Percentiles and rounding for the bench report. */

/** Nearest-rank percentile of `values` (0 < p ≤ 100); NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** One decimal, or null for a figure that could not be measured (JSON has no NaN). */
export function round1(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 10) / 10 : null;
}

export function summary(values: number[], ps: number[] = [50, 95]): Record<string, number | null> {
  return Object.fromEntries(ps.map((p) => [`p${p}`, round1(percentile(values, p))]));
}
