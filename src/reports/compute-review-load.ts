// Computes the weekly review-load report from normalised pull-request records:
// per repository and for the whole installation, this window and the one
// before, with the trend. Pure: records and clock in, plain data out.
//
// Which PR counts in which window (start inclusive, end exclusive):
// - opened: createdAt in the window. Reopening is not a second opening.
// - merged, lines changed, size buckets, open→merge, AI-assisted share of PRs
//   and lines, merged without a human approval: mergedAt in the window.
// - closed unmerged: current state "closed" and closedAt in the window; a PR
//   that was closed and reopened counts only once it is closed for good.
// - time to first human review: the PR's first human review is in the window.
//   Measured from the later of (readyForReviewAt ?? createdAt) and the first
//   review request, among those that came before that review (a request made
//   after someone already reviewed does not move the start).
// - reviews per reviewer, top-3 share, Gini, review depth, rubber stamps: each
//   human review by its submittedAt.
// - foureyes' advisory comments: postedAt in the window.
// - review queue: a snapshot at `now` (open, not draft, no human review yet),
//   waiting since the later of (readyForReviewAt ?? createdAt) and the first
//   review request; oldest first.
//
// Who counts as a human reviewer: author.type is not "Bot" (decided by type,
// never by login), not foureyes' own review, not the PR's author (self-review).
// A human approval: such a review with state APPROVED, not dismissed, submitted
// at or before the merge. Percentiles: nearest rank. Gini: population formula.

import { isAiAssisted } from "./coding-agents.js";
import { giniCoefficient } from "./gini-coefficient.js";
import { headlineValues } from "./headline-values.js";
import { nearestRankPercentile } from "./nearest-rank-percentile.js";
import { applyPeopleMode } from "./people.js";
import type { ReportOptions } from "../config/report-options.js";
import {
  HEADLINE_METRICS,
  QUEUE_AGE_BUCKETS,
  SIZE_BUCKETS,
  type DurationStats,
  type MergedWithoutApproval,
  type MetricTrend,
  type PullRef,
  type QueueAgeBucket,
  type ReviewerLoad,
  type ReviewLoadReport,
  type RubberStamp,
  type ScopeReport,
  type SizeBucket,
  type WaitingPull,
  type WeekMetrics,
  type WindowSummary,
} from "./review-load-report.js";
import type { AdvisoryCommentRecord, PullRecord } from "./types.js";
import type { ReportWindow } from "./week-window.js";

export interface ReviewLoadInput {
  /** The installation's account name or "owner/name" for a one-repository report. */
  scope: string;
  pulls: readonly PullRecord[];
  advisory: readonly AdvisoryCommentRecord[];
  window: ReportWindow;
  previousWindow: ReportWindow;
  options: ReportOptions;
  now: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface ParsedReview {
  key: string;
  submittedMs: number;
  commentCount: number;
  approval: boolean;
  /** APPROVED state, dismissed or not: a stamp given is a stamp given. */
  approvedState: boolean;
}

interface ParsedPull {
  ref: PullRef;
  createdMs: number;
  mergedMs?: number;
  closedMs?: number;
  state: PullRecord["state"];
  draft: boolean;
  /** readyForReviewAt ?? createdAt */
  readyMs: number;
  firstRequestMs?: number;
  requestsMs: number[];
  /** Human reviews, earliest first. */
  humanReviews: ParsedReview[];
  /** Start of the wait that the first human review ended. */
  reviewWaitStartMs?: number;
}

interface Span {
  startMs: number;
  endMs: number;
}

export function computeReviewLoad(input: ReviewLoadInput): ReviewLoadReport {
  const names = new Map<string, string>();
  const parsed = input.pulls.map((pull) => parsePull(pull, names));
  const current = toSpan(input.window);
  const previous = toSpan(input.previousWindow);
  const nowMs = input.now.getTime();

  const pullsByRepo = groupBy(parsed, (pull) => pull.ref.repo);
  const advisoryByRepo = groupBy(input.advisory, (comment) => comment.repo);
  const repos = [...new Set([...pullsByRepo.keys(), ...advisoryByRepo.keys()])].sort();

  const scopeReport = (scope: string, pulls: ParsedPull[], advisory: readonly AdvisoryCommentRecord[]): ScopeReport => {
    const currentMetrics = computeWeek(pulls, advisory, current, input.options, names);
    const previousMetrics = computeWeek(pulls, advisory, previous, input.options, names);
    const queue = waitingQueue(pulls, nowMs);
    return {
      scope,
      current: currentMetrics,
      previous: previousMetrics,
      trend: trendOf(currentMetrics, previousMetrics),
      queue,
      queueByAge: QUEUE_AGE_BUCKETS.map((bucket) => ({
        bucket,
        count: queue.filter((pull) => queueAgeBucket(pull.ageMs) === bucket).length,
      })),
    };
  };

  const raw: ReviewLoadReport = {
    scope: input.scope,
    generatedAt: input.now.toISOString(),
    window: summarizeWindow(input.window),
    previousWindow: summarizeWindow(input.previousWindow),
    people: input.options.people,
    thresholds: {
      rubberStampMinChangedLines: input.options.rubberStamp.minChangedLines,
      rubberStampMaxMinutesAfterRequest: input.options.rubberStamp.maxMinutesAfterRequest,
    },
    installation: scopeReport(input.scope, parsed, input.advisory),
    repositories: repos.map((repo) => scopeReport(repo, pullsByRepo.get(repo) ?? [], advisoryByRepo.get(repo) ?? [])),
  };
  // Logins never leave this function unless the people mode says "named".
  return applyPeopleMode(raw, input.options.people);
}

export function sizeBucketOf(changedLines: number): SizeBucket {
  if (changedLines <= 50) return "xs";
  if (changedLines <= 200) return "s";
  if (changedLines <= 400) return "m";
  if (changedLines <= 700) return "l";
  return "xl";
}

export function queueAgeBucket(ageMs: number): QueueAgeBucket {
  if (ageMs < DAY_MS) return "under 1 day";
  if (ageMs < 3 * DAY_MS) return "1–3 days";
  if (ageMs < 7 * DAY_MS) return "3–7 days";
  if (ageMs < 14 * DAY_MS) return "1–2 weeks";
  return "over 2 weeks";
}

function parsePull(pull: PullRecord, names: Map<string, string>): ParsedPull {
  const authorKey = pull.author.login.toLowerCase();
  const humanReviews: ParsedReview[] = [];
  for (const review of pull.reviews) {
    if (review.author.type === "Bot" || review.isFoureyes) continue;
    const key = review.author.login.toLowerCase();
    if (key === authorKey) continue;
    if (!names.has(key)) names.set(key, review.author.login);
    const dismissed = review.dismissed || review.state === "DISMISSED";
    humanReviews.push({
      key,
      submittedMs: Date.parse(review.submittedAt),
      commentCount: review.commentCount,
      approval: review.state === "APPROVED" && !dismissed,
      approvedState: review.state === "APPROVED",
    });
  }
  humanReviews.sort((a, b) => a.submittedMs - b.submittedMs);

  const createdMs = Date.parse(pull.createdAt);
  const readyMs = pull.readyForReviewAt ? Date.parse(pull.readyForReviewAt) : createdMs;
  const requestsMs = pull.reviewRequestedAt.map((time) => Date.parse(time)).sort((a, b) => a - b);
  const firstRequestMs = pull.firstReviewRequestedAt ? Date.parse(pull.firstReviewRequestedAt) : requestsMs[0];
  const firstReviewMs = humanReviews[0]?.submittedMs;
  const changedLines = pull.additions + pull.deletions;

  return {
    ref: {
      repo: pull.repo,
      number: pull.number,
      url: pull.url,
      title: pull.title,
      changedLines,
      aiAssisted: isAiAssisted(pull),
    },
    createdMs,
    mergedMs: pull.mergedAt ? Date.parse(pull.mergedAt) : undefined,
    closedMs: pull.closedAt ? Date.parse(pull.closedAt) : undefined,
    state: pull.state,
    draft: pull.draft,
    readyMs,
    firstRequestMs,
    requestsMs,
    humanReviews,
    reviewWaitStartMs: firstReviewMs === undefined ? undefined : reviewWaitStart(readyMs, firstRequestMs, createdMs, firstReviewMs),
  };
}

/** The later of ready-for-review and the first request, among those not after the review itself. */
function reviewWaitStart(readyMs: number, firstRequestMs: number | undefined, createdMs: number, reviewMs: number): number {
  const candidates = [readyMs, firstRequestMs].filter((time): time is number => time !== undefined && time <= reviewMs);
  return candidates.length > 0 ? Math.max(...candidates) : Math.min(createdMs, reviewMs);
}

function computeWeek(
  pulls: readonly ParsedPull[],
  advisory: readonly AdvisoryCommentRecord[],
  span: Span,
  options: ReportOptions,
  names: ReadonlyMap<string, string>,
): WeekMetrics {
  const inSpan = (time: number | undefined): time is number => time !== undefined && time >= span.startMs && time < span.endMs;
  const sizeBuckets = Object.fromEntries(SIZE_BUCKETS.map((bucket) => [bucket, 0])) as Record<SizeBucket, number>;
  const firstReviewWaits: number[] = [];
  const aiFirstReviewWaits: number[] = [];
  const otherFirstReviewWaits: number[] = [];
  const mergeTimes: number[] = [];
  const aiMergeTimes: number[] = [];
  const otherMergeTimes: number[] = [];
  const reviewers = new Map<string, ReviewerLoad>();
  const rubberStamps: RubberStamp[] = [];
  const mergedWithoutApproval: MergedWithoutApproval[] = [];
  let opened = 0;
  let merged = 0;
  let closedUnmerged = 0;
  let linesChanged = 0;
  let aiPulls = 0;
  let aiLines = 0;
  let comments = 0;
  let nonEmptyReviews = 0;
  const { minChangedLines, maxMinutesAfterRequest } = options.rubberStamp;

  for (const pull of pulls) {
    if (inSpan(pull.createdMs)) opened += 1;
    if (inSpan(pull.mergedMs)) {
      merged += 1;
      linesChanged += pull.ref.changedLines;
      sizeBuckets[sizeBucketOf(pull.ref.changedLines)] += 1;
      const openToMerge = pull.mergedMs - pull.createdMs;
      mergeTimes.push(openToMerge);
      (pull.ref.aiAssisted ? aiMergeTimes : otherMergeTimes).push(openToMerge);
      if (pull.ref.aiAssisted) {
        aiPulls += 1;
        aiLines += pull.ref.changedLines;
      }
      const mergedMs = pull.mergedMs;
      if (!pull.humanReviews.some((review) => review.approval && review.submittedMs <= mergedMs)) {
        mergedWithoutApproval.push({ ...pull.ref, mergedAt: new Date(mergedMs).toISOString() });
      }
    } else if (pull.state === "closed" && pull.mergedMs === undefined && inSpan(pull.closedMs)) {
      closedUnmerged += 1;
    }

    const firstReview = pull.humanReviews[0];
    if (firstReview && pull.reviewWaitStartMs !== undefined && inSpan(firstReview.submittedMs)) {
      const wait = Math.max(0, firstReview.submittedMs - pull.reviewWaitStartMs);
      firstReviewWaits.push(wait);
      (pull.ref.aiAssisted ? aiFirstReviewWaits : otherFirstReviewWaits).push(wait);
    }

    for (const review of pull.humanReviews) {
      if (!inSpan(review.submittedMs)) continue;
      let load = reviewers.get(review.key);
      if (!load) {
        load = { reviewer: review.key, reviews: 0, approvals: 0, comments: 0 };
        reviewers.set(review.key, load);
      }
      load.reviews += 1;
      load.comments += review.commentCount;
      if (review.approval) load.approvals += 1;
      comments += review.commentCount;
      if (review.commentCount > 0) nonEmptyReviews += 1;

      if (review.approvedState && review.commentCount === 0 && pull.ref.changedLines > minChangedLines) {
        const requestMs = latestAtOrBefore(pull.requestsMs, review.submittedMs) ?? (pull.readyMs <= review.submittedMs ? pull.readyMs : undefined);
        if (requestMs !== undefined) {
          const minutes = (review.submittedMs - requestMs) / 60_000;
          if (minutes <= maxMinutesAfterRequest) {
            rubberStamps.push({
              ...pull.ref,
              reviewer: review.key,
              approvedAt: new Date(review.submittedMs).toISOString(),
              minutesAfterRequest: Math.round(minutes * 10) / 10,
            });
          }
        }
      }
    }
  }

  const perReviewer = [...reviewers.values()]
    .map((load) => ({ ...load, reviewer: names.get(load.reviewer) ?? load.reviewer }))
    .sort((a, b) => b.reviews - a.reviews || a.reviewer.localeCompare(b.reviewer));
  const totalReviews = perReviewer.reduce((sum, load) => sum + load.reviews, 0);
  const top3 = perReviewer.slice(0, 3).reduce((sum, load) => sum + load.reviews, 0);

  const advisoryInSpan = advisory.filter((comment) => inSpan(Date.parse(comment.postedAt)));
  const engaged = advisoryInSpan.filter((comment) => comment.replied || comment.reacted || comment.resolved).length;

  return {
    opened,
    merged,
    closedUnmerged,
    linesChanged,
    sizeBuckets,
    timeToFirstReview: durationStats(firstReviewWaits),
    openToMerge: durationStats(mergeTimes),
    reviews: {
      total: totalReviews,
      reviewers: perReviewer.length,
      perReviewer,
      top3Share: totalReviews > 0 ? top3 / totalReviews : null,
      gini: giniCoefficient(perReviewer.map((load) => load.reviews)),
    },
    depth: {
      comments,
      nonEmptyReviews,
      commentsPerNonEmptyReview: nonEmptyReviews > 0 ? comments / nonEmptyReviews : null,
    },
    rubberStamps: rubberStamps
      .map((stamp) => ({ ...stamp, reviewer: names.get(stamp.reviewer ?? "") ?? stamp.reviewer }))
      .sort((a, b) => a.approvedAt.localeCompare(b.approvedAt) || comparePulls(a, b)),
    mergedWithoutApproval: mergedWithoutApproval.sort((a, b) => a.mergedAt.localeCompare(b.mergedAt) || comparePulls(a, b)),
    aiAssisted: {
      pulls: aiPulls,
      pullShare: merged > 0 ? aiPulls / merged : null,
      lines: aiLines,
      lineShare: linesChanged > 0 ? aiLines / linesChanged : null,
      timeToFirstReview: durationStats(aiFirstReviewWaits),
      otherTimeToFirstReview: durationStats(otherFirstReviewWaits),
      openToMerge: durationStats(aiMergeTimes),
      otherOpenToMerge: durationStats(otherMergeTimes),
    },
    advisory: {
      posted: advisoryInSpan.length,
      replied: advisoryInSpan.filter((comment) => comment.replied).length,
      reacted: advisoryInSpan.filter((comment) => comment.reacted).length,
      resolved: advisoryInSpan.filter((comment) => comment.resolved).length,
      engaged,
      engagedShare: advisoryInSpan.length > 0 ? engaged / advisoryInSpan.length : null,
    },
  };
}

function waitingQueue(pulls: readonly ParsedPull[], nowMs: number): WaitingPull[] {
  const waiting: WaitingPull[] = [];
  for (const pull of pulls) {
    if (pull.state !== "open" || pull.draft || pull.humanReviews.length > 0) continue;
    const sinceMs = Math.max(pull.readyMs, pull.firstRequestMs ?? pull.readyMs);
    waiting.push({ ...pull.ref, waitingSince: new Date(sinceMs).toISOString(), ageMs: Math.max(0, nowMs - sinceMs) });
  }
  return waiting.sort((a, b) => b.ageMs - a.ageMs || comparePulls(a, b));
}


function trendOf(current: WeekMetrics, previous: WeekMetrics): MetricTrend {
  const now = headlineValues(current);
  const before = headlineValues(previous);
  return Object.fromEntries(
    HEADLINE_METRICS.map((metric) => {
      const a = now[metric];
      const b = before[metric];
      return [metric, a === null || b === null ? null : a - b];
    }),
  ) as MetricTrend;
}

function durationStats(values: number[]): DurationStats {
  const sorted = values.sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: nearestRankPercentile(sorted, 50), p90Ms: nearestRankPercentile(sorted, 90) };
}

function latestAtOrBefore(sortedTimes: readonly number[], limit: number): number | undefined {
  let found: number | undefined;
  for (const time of sortedTimes) {
    if (time > limit) break;
    found = time;
  }
  return found;
}

function comparePulls(a: PullRef, b: PullRef): number {
  return a.repo.localeCompare(b.repo) || a.number - b.number;
}

function toSpan(window: ReportWindow): Span {
  return { startMs: window.start.getTime(), endMs: window.end.getTime() };
}

function summarizeWindow(window: ReportWindow): WindowSummary {
  return {
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    label: window.label,
    kind: window.kind,
    timeZone: window.timeZone,
    firstDay: window.firstDay,
    days: window.days,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
