// The ids of the inline comments of one pull request review, in GitHub's order.

import type { GitHubClient } from "./octokit.js";

export async function listReviewCommentIds(octokit: GitHubClient, target: { owner: string; repo: string; pullNumber: number }, reviewId: number): Promise<number[]> {
  const comments = await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    review_id: reviewId,
    per_page: 100,
  });
  return comments.map((comment) => comment.id);
}
