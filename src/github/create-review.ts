// Posts one pull request review with event COMMENT, the only event foureyes
// sends: approving or requesting changes is a human's call. Sent once, never
// resent by the retry plugin: a 502 may come after GitHub created the review,
// so the caller checks by marker before writing again (see write-once.ts).

import type { PullTarget } from "../core/pull-target.js";
import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";
import { NO_RETRY } from "./write-once.js";

export const REVIEW_EVENT = "COMMENT" as const;

/** An inline comment as GitHub's create-review endpoint takes it. */
export interface ReviewCommentInput {
  path: string;
  line: number;
  side: "RIGHT" | "LEFT";
  start_line?: number;
  start_side?: "RIGHT" | "LEFT";
  body: string;
}

export async function createReview(
  octokit: GitHubClient,
  target: PullTarget,
  review: { body: string; comments: ReviewCommentInput[] },
): Promise<{ id: number }> {
  const { data } = await sendAdvisory(octokit.rest.pulls.createReview, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    commit_id: target.headSha,
    event: REVIEW_EVENT,
    body: review.body,
    comments: review.comments,
    request: NO_RETRY,
  });
  return { id: data.id };
}
