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

import type { ReportOptions } from "../config/report-options.js";
import { headlineValues } from "./headline-values.js";
import { comparePulls } from "./metrics/compare-pulls.js";
import { computeWeek } from "./metrics/compute-week.js";
import { type ParsedPull, parsePull } from "./metrics/parse-pull.js";
import { toSpan } from "./metrics/span.js";
import { applyPeopleMode } from "./people.js";
import {
  HEADLINE_METRICS,
  type MetricTrend,
  QUEUE_AGE_BUCKETS,
  type QueueAgeBucket,
  type ReviewLoadReport,
  type ScopeReport,
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

export { sizeBucketOf } from "./metrics/count-merges.js";

export function queueAgeBucket(ageMs: number): QueueAgeBucket {
  if (ageMs < DAY_MS) return "under 1 day";
  if (ageMs < 3 * DAY_MS) return "1–3 days";
  if (ageMs < 7 * DAY_MS) return "3–7 days";
  if (ageMs < 14 * DAY_MS) return "1–2 weeks";
  return "over 2 weeks";
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
