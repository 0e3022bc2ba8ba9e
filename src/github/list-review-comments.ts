// Every inline review comment on a pull request, with its author's account.

import type { GitHubClient } from "./octokit.js";

export interface PostedReviewComment {
  id: number;
  path: string;
  line: number | null;
  body: string;
  author: { login: string; type: string } | null;
  /** The thread's first comment, when this one is a reply in it. */
  inReplyTo: number | null;
  /** 👎 reactions on the comment. */
  thumbsDown: number;
}

export async function listReviewComments(
  octokit: GitHubClient,
  target: { owner: string; repo: string; pullNumber: number },
): Promise<PostedReviewComment[]> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  return comments.map((comment) => ({
    id: comment.id,
    path: comment.path,
    line: comment.line ?? comment.original_line ?? null,
    body: comment.body,
    author: comment.user ? { login: comment.user.login, type: comment.user.type } : null,
    inReplyTo: comment.in_reply_to_id ?? null,
    thumbsDown: comment.reactions?.["-1"] ?? 0,
  }));
}
