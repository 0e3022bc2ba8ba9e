// The computed weekly review-load report: plain data that the markdown, JSON
// and CSV renderers turn into text. Durations are milliseconds, shares are
// 0–1, null means "no data this week". Person fields hold whatever the people
// mode allows (an alias or a login) and are absent in aggregate mode.

import type { PeopleMode } from "../config/report-options.js";
import type { RepoPrecision } from "./team-precision.js";

export interface WindowSummary {
  start: string;
  end: string;
  label: string;
  kind: "week" | "range";
  timeZone: string;
  firstDay: string;
  days: number;
}

export interface DurationStats {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

export const SIZE_BUCKETS = ["xs", "s", "m", "l", "xl"] as const;
export type SizeBucket = (typeof SIZE_BUCKETS)[number];

export interface PullRef {
  repo: string;
  number: number;
  url: string;
  title: string;
  changedLines: number;
  aiAssisted: boolean;
}

export interface ReviewerLoad {
  /** Alias ("Reviewer A") or login, per the people mode. */
  reviewer: string;
  reviews: number;
  approvals: number;
  comments: number;
}

export interface RubberStamp extends PullRef {
  /** Absent in aggregate mode. */
  reviewer?: string;
  approvedAt: string;
  /** Minutes from the review request (or ready-for-review) to the approval. */
  minutesAfterRequest: number;
}

/** Why a merge had no human approval; the first that applies, in this order. */
export const FOUR_EYES_REASONS = {
  "approval-dismissed": "approval dismissed before merge",
  "self-approved": "approved only by its author",
  "bot-approved": "approved only by a bot",
  "approved-after-merge": "approved only after the merge",
  "no-human-review": "no human review at all",
  "not-approved": "reviewed, never approved",
} as const;
export type FourEyesReason = keyof typeof FOUR_EYES_REASONS;

export interface MergedWithoutApproval extends PullRef {
  mergedAt: string;
  reason: FourEyesReason;
}

export interface WaitingPull extends PullRef {
  /** When the wait started: the later of ready-for-review (or opening) and the first review request. */
  waitingSince: string;
  ageMs: number;
}

export interface AiAssistedFigures {
  /** Among PRs merged in the window. */
  pulls: number;
  pullShare: number | null;
  lines: number;
  lineShare: number | null;
  timeToFirstReview: DurationStats;
  otherTimeToFirstReview: DurationStats;
  openToMerge: DurationStats;
  otherOpenToMerge: DurationStats;
}

export interface AdvisoryFigures {
  posted: number;
  replied: number;
  reacted: number;
  resolved: number;
  /** Comments with a reply, a reaction or a resolved thread. */
  engaged: number;
  engagedShare: number | null;
}

export interface WeekMetrics {
  opened: number;
  merged: number;
  closedUnmerged: number;
  /** Additions + deletions of the PRs merged in the window. */
  linesChanged: number;
  sizeBuckets: Record<SizeBucket, number>;
  timeToFirstReview: DurationStats;
  openToMerge: DurationStats;
  reviews: {
    /** Human reviews submitted in the window. */
    total: number;
    reviewers: number;
    /** Most reviews first; empty in aggregate mode. */
    perReviewer: ReviewerLoad[];
    top3Share: number | null;
    gini: number | null;
  };
  depth: {
    comments: number;
    nonEmptyReviews: number;
    commentsPerNonEmptyReview: number | null;
  };
  rubberStamps: RubberStamp[];
  mergedWithoutApproval: MergedWithoutApproval[];
  aiAssisted: AiAssistedFigures;
  advisory: AdvisoryFigures;
}

/** this week − last week for the headline numbers; null when either side has no data. */
export type MetricTrend = Record<HeadlineMetric, number | null>;

export const HEADLINE_METRICS = [
  "opened",
  "merged",
  "closedUnmerged",
  "linesChanged",
  "timeToFirstReviewP50",
  "timeToFirstReviewP90",
  "openToMergeP50",
  "openToMergeP90",
  "humanReviews",
  "reviewers",
  "top3Share",
  "gini",
  "commentsPerNonEmptyReview",
  "rubberStamps",
  "mergedWithoutApproval",
  "aiAssistedPullShare",
  "aiAssistedLineShare",
  "advisoryPosted",
  "advisoryEngagedShare",
] as const;
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number];

export interface ScopeReport {
  /** "owner/name", or the installation's name for the whole-installation scope. */
  scope: string;
  current: WeekMetrics;
  previous: WeekMetrics;
  trend: MetricTrend;
  /** Open, non-draft PRs with no human review yet at report time, oldest first. */
  queue: WaitingPull[];
  queueByAge: { bucket: QueueAgeBucket; count: number }[];
}

export const QUEUE_AGE_BUCKETS = ["under 1 day", "1–3 days", "3–7 days", "1–2 weeks", "over 2 weeks"] as const;
export type QueueAgeBucket = (typeof QUEUE_AGE_BUCKETS)[number];

export interface ReviewLoadReport {
  /** The installation (or repository) the report is about; used in the hidden marker. */
  scope: string;
  generatedAt: string;
  window: WindowSummary;
  previousWindow: WindowSummary;
  people: PeopleMode;
  thresholds: { rubberStampMinChangedLines: number; rubberStampMaxMinutesAfterRequest: number };
  installation: ScopeReport;
  /** One per repository with any activity, by name. */
  repositories: ScopeReport[];
  /** What the team made of foureyes' comments, per repository of the scope; absent without the learning store. */
  precision?: RepoPrecision[];
}
