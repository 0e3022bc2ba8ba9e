// One way to make a PullRecord, whichever source the facts come from (the
// webhook record or the GraphQL backfill): the last ready-for-review and the
// first review request decide when the wait for a review began.

import type { Actor, PullRecord, ReviewRecord } from "./types.js";

export interface PullFacts {
  repo: string;
  number: number;
  url: string;
  title: string;
  author: Actor;
  createdAt: string;
  /** Every ready-for-review time, oldest first. */
  ready: readonly string[];
  /** Every review request time, oldest first. */
  requested: readonly string[];
  mergedAt?: string | null;
  closedAt?: string | null;
  draft: boolean;
  state: PullRecord["state"];
  additions: number;
  deletions: number;
  coAuthors: string[];
  reviews: ReviewRecord[];
}

export function buildPullRecord(facts: PullFacts): PullRecord {
  const { ready, requested } = facts;
  return {
    repo: facts.repo,
    number: facts.number,
    url: facts.url,
    title: facts.title,
    author: facts.author,
    createdAt: facts.createdAt,
    ...(ready.length > 0 ? { readyForReviewAt: ready[ready.length - 1] } : {}),
    reviewRequestedAt: [...requested],
    ...(requested.length > 0 ? { firstReviewRequestedAt: requested[0] } : {}),
    ...(facts.mergedAt ? { mergedAt: facts.mergedAt } : {}),
    ...(facts.closedAt ? { closedAt: facts.closedAt } : {}),
    draft: facts.draft,
    state: facts.state,
    additions: facts.additions,
    deletions: facts.deletions,
    coAuthors: facts.coAuthors,
    reviews: facts.reviews,
  };
}
