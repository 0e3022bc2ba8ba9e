// Human reviews in a week: the wait for each PR's first one, the load per
// reviewer, comments per review, and rubber stamps (a large change approved
// without a comment within minutes of the request).

import type { ReportOptions } from "../../config/report-options.js";
import type { ReviewerLoad, RubberStamp } from "../review-load-report.js";
import type { ParsedPull, ParsedReview } from "./parse-pull.js";
import { inSpanOf, type Span } from "./span.js";

export interface ReviewCounts {
  firstReviewWaits: number[];
  aiFirstReviewWaits: number[];
  otherFirstReviewWaits: number[];
  /** Keyed by the reviewer's lower-case login. */
  reviewers: Map<string, ReviewerLoad>;
  comments: number;
  nonEmptyReviews: number;
  rubberStamps: RubberStamp[];
}

export function countReviews(pulls: readonly ParsedPull[], span: Span, thresholds: ReportOptions["rubberStamp"]): ReviewCounts {
  const inSpan = inSpanOf(span);
  const counts: ReviewCounts = {
    firstReviewWaits: [],
    aiFirstReviewWaits: [],
    otherFirstReviewWaits: [],
    reviewers: new Map(),
    comments: 0,
    nonEmptyReviews: 0,
    rubberStamps: [],
  };
  for (const pull of pulls) {
    const firstReview = pull.humanReviews[0];
    if (firstReview && pull.reviewWaitStartMs !== undefined && inSpan(firstReview.submittedMs)) {
      const wait = Math.max(0, firstReview.submittedMs - pull.reviewWaitStartMs);
      counts.firstReviewWaits.push(wait);
      (pull.ref.aiAssisted ? counts.aiFirstReviewWaits : counts.otherFirstReviewWaits).push(wait);
    }
    for (const review of pull.humanReviews) {
      if (!inSpan(review.submittedMs)) continue;
      countReview(counts, review);
      const stamp = rubberStampOf(pull, review, thresholds);
      if (stamp) counts.rubberStamps.push(stamp);
    }
  }
  return counts;
}

function countReview(counts: ReviewCounts, review: ParsedReview): void {
  let load = counts.reviewers.get(review.key);
  if (!load) {
    load = { reviewer: review.key, reviews: 0, approvals: 0, comments: 0 };
    counts.reviewers.set(review.key, load);
  }
  load.reviews += 1;
  load.comments += review.commentCount;
  if (review.approval) load.approvals += 1;
  counts.comments += review.commentCount;
  if (review.commentCount > 0) counts.nonEmptyReviews += 1;
}

function rubberStampOf(pull: ParsedPull, review: ParsedReview, thresholds: ReportOptions["rubberStamp"]): RubberStamp | undefined {
  if (!review.approvedState || review.commentCount > 0 || pull.ref.changedLines <= thresholds.minChangedLines) return undefined;
  const requestMs = latestAtOrBefore(pull.requestsMs, review.submittedMs) ?? (pull.readyMs <= review.submittedMs ? pull.readyMs : undefined);
  if (requestMs === undefined) return undefined;
  const minutes = (review.submittedMs - requestMs) / 60_000;
  if (minutes > thresholds.maxMinutesAfterRequest) return undefined;
  return {
    ...pull.ref,
    reviewer: review.key,
    approvedAt: new Date(review.submittedMs).toISOString(),
    minutesAfterRequest: Math.round(minutes * 10) / 10,
  };
}

function latestAtOrBefore(sortedTimes: readonly number[], limit: number): number | undefined {
  let found: number | undefined;
  for (const time of sortedTimes) {
    if (time > limit) break;
    found = time;
  }
  return found;
}
