// Median and 90th percentile of a list of durations (nearest rank).

import { nearestRankPercentile } from "../nearest-rank-percentile.js";
import type { DurationStats } from "../review-load-report.js";

export function durationStats(values: number[]): DurationStats {
  const sorted = values.sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: nearestRankPercentile(sorted, 50), p90Ms: nearestRankPercentile(sorted, 90) };
}
