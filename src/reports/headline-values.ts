// The headline figures of one week, by metric name: what the trend is computed
// over and what the renderers put in the headline table and the CSV.

import type { HeadlineMetric, WeekMetrics } from "./review-load-report.js";

export function headlineValues(week: WeekMetrics): Record<HeadlineMetric, number | null> {
  return {
    opened: week.opened,
    merged: week.merged,
    closedUnmerged: week.closedUnmerged,
    linesChanged: week.linesChanged,
    timeToFirstReviewP50: week.timeToFirstReview.p50Ms,
    timeToFirstReviewP90: week.timeToFirstReview.p90Ms,
    openToMergeP50: week.openToMerge.p50Ms,
    openToMergeP90: week.openToMerge.p90Ms,
    humanReviews: week.reviews.total,
    reviewers: week.reviews.reviewers,
    top3Share: week.reviews.top3Share,
    gini: week.reviews.gini,
    commentsPerNonEmptyReview: week.depth.commentsPerNonEmptyReview,
    rubberStamps: week.rubberStamps.length,
    mergedWithoutApproval: week.mergedWithoutApproval.length,
    aiAssistedPullShare: week.aiAssisted.pullShare,
    aiAssistedLineShare: week.aiAssisted.lineShare,
    advisoryPosted: week.advisory.posted,
    advisoryEngagedShare: week.advisory.engagedShare,
  };
}

export type MetricUnit = "count" | "lines" | "duration" | "share" | "ratio";

/** Which way is better, for metrics that have a direction; counts like "PRs opened" have none. */
export type MetricDirection = "lower" | "higher";

/** How each headline metric is named and shown; `inMarkdown: false` keeps it to the CSV and JSON. */
export const HEADLINE_METRIC_INFO: Record<HeadlineMetric, { label: string; unit: MetricUnit; better?: MetricDirection; inMarkdown?: false }> = {
  opened: { label: "PRs opened", unit: "count" },
  merged: { label: "PRs merged", unit: "count" },
  closedUnmerged: { label: "PRs closed unmerged", unit: "count" },
  linesChanged: { label: "Lines changed (merged PRs)", unit: "lines" },
  timeToFirstReviewP50: { label: "Time to first human review, median", unit: "duration", better: "lower" },
  timeToFirstReviewP90: { label: "Time to first human review, 90th percentile", unit: "duration", better: "lower" },
  openToMergeP50: { label: "Open → merge, median", unit: "duration", better: "lower" },
  openToMergeP90: { label: "Open → merge, 90th percentile", unit: "duration", better: "lower" },
  humanReviews: { label: "Human reviews", unit: "count" },
  reviewers: { label: "Reviewers", unit: "count" },
  top3Share: { label: "Share of reviews by the top 3 reviewers", unit: "share", better: "lower" },
  gini: { label: "Review concentration (Gini, 0 = even)", unit: "ratio", inMarkdown: false },
  commentsPerNonEmptyReview: { label: "Comments per non-empty review", unit: "ratio" },
  rubberStamps: { label: "Rubber stamps", unit: "count", better: "lower" },
  mergedWithoutApproval: { label: "Merged without a human approval", unit: "count", better: "lower" },
  aiAssistedPullShare: { label: "AI-assisted share of merged PRs", unit: "share" },
  aiAssistedLineShare: { label: "AI-assisted share of changed lines", unit: "share" },
  advisoryPosted: { label: "foureyes advisory comments posted", unit: "count" },
  advisoryEngagedShare: { label: "…with a reply, reaction or resolved thread", unit: "share", better: "higher" },
};
