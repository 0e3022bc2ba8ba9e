// Every review on a pull request, with the body and the author's account, so
// callers can find foureyes' own reviews by their hidden markers.

import type { GitHubClient } from "./octokit.js";

export interface PostedReview {
  id: number;
  body: string;
  author: { login: string; type: string } | null;
}

export async function listReviews(octokit: GitHubClient, target: { owner: string; repo: string; pullNumber: number }): Promise<PostedReview[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  return reviews.map((review) => ({
    id: review.id,
    body: review.body ?? "",
    author: review.user ? { login: review.user.login, type: review.user.type } : null,
  }));
}
