// Reacts to a comment in an issue or pull request conversation, or to a reply
// in a review thread, e.g. to say a `/foureyes review` was taken up. Safe to resend, so the retry plugin may:
// GitHub answers a repeated reaction of the same kind by the same account with
// 200 and the existing reaction instead of adding a second one.

import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";

/** The reactions foureyes gives a slash command: "eyes" (on it) and "confused" (not allowed). */
export type CommandReaction = "eyes" | "confused";

/** `where` the comment is: the conversation (an issue comment) or a review thread (a review comment). */
export async function reactToComment(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  comment: { id: number; where: "conversation" | "review-thread" },
  content: CommandReaction,
): Promise<void> {
  const parameters = { owner: target.owner, repo: target.repo, comment_id: comment.id, content };
  if (comment.where === "review-thread") await sendAdvisory(octokit.rest.reactions.createForPullRequestReviewComment, parameters);
  else await sendAdvisory(octokit.rest.reactions.createForIssueComment, parameters);
}
