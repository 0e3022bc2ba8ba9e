// What happened to pull requests in a week: opened, merged (lines, sizes, time
// from open to merge, AI-assisted share), closed unmerged, and every merge
// without a human approval.

import type { FourEyesReason, MergedWithoutApproval, SizeBucket } from "../review-load-report.js";
import { SIZE_BUCKETS } from "../review-load-report.js";
import type { ParsedPull } from "./parse-pull.js";
import { inSpanOf, type Span } from "./span.js";

export interface MergeCounts {
  opened: number;
  merged: number;
  closedUnmerged: number;
  linesChanged: number;
  sizeBuckets: Record<SizeBucket, number>;
  mergeTimes: number[];
  aiMergeTimes: number[];
  otherMergeTimes: number[];
  aiPulls: number;
  aiLines: number;
  mergedWithoutApproval: MergedWithoutApproval[];
}

export function sizeBucketOf(changedLines: number): SizeBucket {
  if (changedLines <= 50) return "xs";
  if (changedLines <= 200) return "s";
  if (changedLines <= 400) return "m";
  if (changedLines <= 700) return "l";
  return "xl";
}

export function countMerges(pulls: readonly ParsedPull[], span: Span): MergeCounts {
  const inSpan = inSpanOf(span);
  const counts: MergeCounts = {
    opened: 0,
    merged: 0,
    closedUnmerged: 0,
    linesChanged: 0,
    sizeBuckets: Object.fromEntries(SIZE_BUCKETS.map((bucket) => [bucket, 0])) as Record<SizeBucket, number>,
    mergeTimes: [],
    aiMergeTimes: [],
    otherMergeTimes: [],
    aiPulls: 0,
    aiLines: 0,
    mergedWithoutApproval: [],
  };
  for (const pull of pulls) {
    if (inSpan(pull.createdMs)) counts.opened += 1;
    if (inSpan(pull.mergedMs)) countMerge(counts, pull, pull.mergedMs);
    else if (pull.state === "closed" && pull.mergedMs === undefined && inSpan(pull.closedMs)) counts.closedUnmerged += 1;
  }
  return counts;
}

function countMerge(counts: MergeCounts, pull: ParsedPull, mergedMs: number): void {
  const lines = pull.ref.changedLines;
  counts.merged += 1;
  counts.linesChanged += lines;
  counts.sizeBuckets[sizeBucketOf(lines)] += 1;
  const openToMerge = mergedMs - pull.createdMs;
  counts.mergeTimes.push(openToMerge);
  (pull.ref.aiAssisted ? counts.aiMergeTimes : counts.otherMergeTimes).push(openToMerge);
  if (pull.ref.aiAssisted) {
    counts.aiPulls += 1;
    counts.aiLines += lines;
  }
  if (!pull.humanReviews.some((review) => review.approval && review.submittedMs <= mergedMs)) {
    counts.mergedWithoutApproval.push({ ...pull.ref, mergedAt: new Date(mergedMs).toISOString(), reason: fourEyesReason(pull, mergedMs) });
  }
}

/** Why a merge had no human approval, from the reviews given before it. */
function fourEyesReason(pull: ParsedPull, mergedMs: number): FourEyesReason {
  const before = pull.humanReviews.filter((review) => review.submittedMs <= mergedMs);
  if (before.some((review) => review.dismissed)) return "approval-dismissed";
  const others = pull.nonHumanApprovals.filter((approval) => approval.submittedMs <= mergedMs);
  if (others.some((approval) => approval.by === "author")) return "self-approved";
  if (others.some((approval) => approval.by === "bot")) return "bot-approved";
  if (pull.humanReviews.some((review) => review.approval)) return "approved-after-merge";
  return before.length === 0 ? "no-human-review" : "not-approved";
}
