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
