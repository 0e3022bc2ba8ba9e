// One window's metrics for one scope: merges, reviews and foureyes' own
// comments, counted by the rules at the top of compute-review-load.ts.

import type { ReportOptions } from "../../config/report-options.js";
import { giniCoefficient } from "../gini-coefficient.js";
import type { WeekMetrics } from "../review-load-report.js";
import type { AdvisoryCommentRecord } from "../types.js";
import { comparePulls } from "./compare-pulls.js";
import { countMerges } from "./count-merges.js";
import { countReviews } from "./count-reviews.js";
import { durationStats } from "./duration-stats.js";
import type { ParsedPull } from "./parse-pull.js";
import { inSpanOf, type Span } from "./span.js";

export function computeWeek(
  pulls: readonly ParsedPull[],
  advisory: readonly AdvisoryCommentRecord[],
  span: Span,
  options: ReportOptions,
  names: ReadonlyMap<string, string>,
): WeekMetrics {
  const merges = countMerges(pulls, span);
  const reviews = countReviews(pulls, span, options.rubberStamp);
  const perReviewer = [...reviews.reviewers.values()]
    .map((load) => ({ ...load, reviewer: names.get(load.reviewer) ?? load.reviewer }))
    .sort((a, b) => b.reviews - a.reviews || a.reviewer.localeCompare(b.reviewer));
  const totalReviews = perReviewer.reduce((sum, load) => sum + load.reviews, 0);
  const top3 = perReviewer.slice(0, 3).reduce((sum, load) => sum + load.reviews, 0);
  return {
    opened: merges.opened,
    merged: merges.merged,
    closedUnmerged: merges.closedUnmerged,
    linesChanged: merges.linesChanged,
    sizeBuckets: merges.sizeBuckets,
    timeToFirstReview: durationStats(reviews.firstReviewWaits),
    openToMerge: durationStats(merges.mergeTimes),
    reviews: {
      total: totalReviews,
      reviewers: perReviewer.length,
      perReviewer,
      top3Share: totalReviews > 0 ? top3 / totalReviews : null,
      gini: giniCoefficient(perReviewer.map((load) => load.reviews)),
    },
    depth: {
      comments: reviews.comments,
      nonEmptyReviews: reviews.nonEmptyReviews,
      commentsPerNonEmptyReview: reviews.nonEmptyReviews > 0 ? reviews.comments / reviews.nonEmptyReviews : null,
    },
    rubberStamps: reviews.rubberStamps
      .map((stamp) => ({ ...stamp, reviewer: names.get(stamp.reviewer ?? "") ?? stamp.reviewer }))
      .sort((a, b) => a.approvedAt.localeCompare(b.approvedAt) || comparePulls(a, b)),
    mergedWithoutApproval: merges.mergedWithoutApproval.sort((a, b) => a.mergedAt.localeCompare(b.mergedAt) || comparePulls(a, b)),
    aiAssisted: {
      pulls: merges.aiPulls,
      pullShare: merges.merged > 0 ? merges.aiPulls / merges.merged : null,
      lines: merges.aiLines,
      lineShare: merges.linesChanged > 0 ? merges.aiLines / merges.linesChanged : null,
      timeToFirstReview: durationStats(reviews.aiFirstReviewWaits),
      otherTimeToFirstReview: durationStats(reviews.otherFirstReviewWaits),
      openToMerge: durationStats(merges.aiMergeTimes),
      otherOpenToMerge: durationStats(merges.otherMergeTimes),
    },
    advisory: advisoryEngagement(advisory, span),
  };
}

/** What came of foureyes' own comments posted in the span. */
function advisoryEngagement(advisory: readonly AdvisoryCommentRecord[], span: Span): WeekMetrics["advisory"] {
  const inSpan = inSpanOf(span);
  const posted = advisory.filter((comment) => inSpan(Date.parse(comment.postedAt)));
  const engaged = posted.filter((comment) => comment.replied || comment.reacted || comment.resolved).length;
  return {
    posted: posted.length,
    replied: posted.filter((comment) => comment.replied).length,
    reacted: posted.filter((comment) => comment.reacted).length,
    resolved: posted.filter((comment) => comment.resolved).length,
    engaged,
    engagedShare: posted.length > 0 ? engaged / posted.length : null,
  };
}
