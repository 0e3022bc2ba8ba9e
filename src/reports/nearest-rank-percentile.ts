// Percentiles for the report by the nearest-rank method: the p-th percentile is
// the smallest value with at least p % of the values at or below it, i.e. the
// value at rank ceil(p/100 · n) in ascending order. Always an observed value, no
// interpolation, so "p90 = 3 h" means a real PR waited 3 h.

/** `sortedAscending` must be sorted; null for no values. */
export function nearestRankPercentile(sortedAscending: readonly number[], percent: number): number | null {
  if (percent < 0 || percent > 100) throw new RangeError(`percentile must be 0–100, got ${percent}`);
  const count = sortedAscending.length;
  if (count === 0) return null;
  const rank = Math.max(1, Math.ceil((percent / 100) * count));
  return sortedAscending[rank - 1] ?? null;
}
