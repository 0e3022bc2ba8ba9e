// A pull-request record turned into what the metrics count with: times as
// milliseconds, only human reviews (not bots, not foureyes, not the author's
// own), earliest first, and when the wait for the first review began.

import { isAiAssisted } from "../coding-agents.js";
import type { PullRef } from "../review-load-report.js";
import type { PullRecord } from "../types.js";

export interface ParsedReview {
  key: string;
  submittedMs: number;
  commentCount: number;
  approval: boolean;
  /** APPROVED state, dismissed or not: a stamp given is a stamp given. */
  approvedState: boolean;
  dismissed: boolean;
}

export interface ParsedPull {
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
  /** Approvals that never count (by the author, by a bot), kept so a merge without approval can say why. */
  nonHumanApprovals: { by: "author" | "bot"; submittedMs: number }[];
}

/** `names` collects each reviewer's login as first written, keyed by its lower-case form. */
export function parsePull(pull: PullRecord, names: Map<string, string>): ParsedPull {
  const authorKey = pull.author.login.toLowerCase();
  const humanReviews: ParsedReview[] = [];
  const nonHumanApprovals: ParsedPull["nonHumanApprovals"] = [];
  for (const review of pull.reviews) {
    if (review.isFoureyes) continue;
    const key = review.author.login.toLowerCase();
    if (review.author.type === "Bot" || key === authorKey) {
      if (review.state === "APPROVED" && !review.dismissed) {
        nonHumanApprovals.push({ by: review.author.type === "Bot" ? "bot" : "author", submittedMs: Date.parse(review.submittedAt) });
      }
      continue;
    }
    if (!names.has(key)) names.set(key, review.author.login);
    const dismissed = review.dismissed || review.state === "DISMISSED";
    humanReviews.push({
      key,
      submittedMs: Date.parse(review.submittedAt),
      commentCount: review.commentCount,
      approval: review.state === "APPROVED" && !dismissed,
      approvedState: review.state === "APPROVED",
      dismissed,
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
    nonHumanApprovals,
    reviewWaitStartMs: firstReviewMs === undefined ? undefined : reviewWaitStart(readyMs, firstRequestMs, createdMs, firstReviewMs),
  };
}

/** The later of ready-for-review and the first request, among those not after the review itself. */
function reviewWaitStart(readyMs: number, firstRequestMs: number | undefined, createdMs: number, reviewMs: number): number {
  const candidates = [readyMs, firstRequestMs].filter((time): time is number => time !== undefined && time <= reviewMs);
  return candidates.length > 0 ? Math.max(...candidates) : Math.min(createdMs, reviewMs);
}
