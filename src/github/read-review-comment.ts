// One inline review comment as it stands at the pull request's current head:
// `line` is null once the commented code changed (GitHub shows it outdated).

import type { GitHubClient } from "./octokit.js";

export interface ReviewCommentState {
  id: number;
  body: string;
  author: { login: string; type: string } | null;
  /** False when the commented line changed after the comment (an outdated comment). */
  lineUnchanged: boolean;
}

export async function readReviewComment(octokit: GitHubClient, repository: { owner: string; repo: string }, commentId: number): Promise<ReviewCommentState> {
  const { data } = await octokit.rest.pulls.getReviewComment({ owner: repository.owner, repo: repository.repo, comment_id: commentId });
  return {
    id: data.id,
    body: data.body,
    author: data.user ? { login: data.user.login, type: data.user.type } : null,
    lineUnchanged: data.line !== null && data.line !== undefined,
  };
}
