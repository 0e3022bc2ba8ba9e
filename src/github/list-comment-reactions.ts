// The reactions on one inline review comment, with who gave each: GitHub
// sends no webhook for reactions, so foureyes reads them on its own comments.

import type { GitHubClient } from "./octokit.js";

export interface CommentReaction {
  content: string;
  user: { login: string; type: string } | null;
}

export async function listCommentReactions(octokit: GitHubClient, repository: { owner: string; repo: string }, commentId: number): Promise<CommentReaction[]> {
  const reactions = await octokit.paginate(octokit.rest.reactions.listForPullRequestReviewComment, {
    owner: repository.owner,
    repo: repository.repo,
    comment_id: commentId,
    per_page: 100,
  });
  return reactions.map((reaction) => ({ content: reaction.content, user: reaction.user ? { login: reaction.user.login, type: reaction.user.type } : null }));
}
