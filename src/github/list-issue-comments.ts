// The conversation comments of an issue or pull request, optionally only those
// updated since a time, with their authors' accounts.

import type { GitHubClient } from "./octokit.js";

export interface PostedIssueComment {
  id: number;
  body: string;
  author: { login: string; type: string } | null;
}

export async function listIssueComments(
  octokit: GitHubClient,
  target: { owner: string; repo: string; pullNumber: number },
  options: { since?: Date } = {},
): Promise<PostedIssueComment[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber,
    per_page: 100,
    ...(options.since ? { since: options.since.toISOString() } : {}),
  });
  return comments.map((comment) => ({
    id: comment.id,
    body: comment.body ?? "",
    author: comment.user ? { login: comment.user.login, type: comment.user.type } : null,
  }));
}
