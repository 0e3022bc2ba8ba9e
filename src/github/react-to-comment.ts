// Reacts to a comment in an issue or pull request conversation, e.g. to say a
// `/foureyes review` was taken up. Safe to resend, so the retry plugin may:
// GitHub answers a repeated reaction of the same kind by the same account with
// 200 and the existing reaction instead of adding a second one.

import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";

/** The reactions foureyes gives a slash command: "eyes" (on it) and "confused" (not allowed). */
export type CommandReaction = "eyes" | "confused";

export async function reactToComment(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  commentId: number,
  content: CommandReaction,
): Promise<void> {
  await sendAdvisory(octokit.rest.reactions.createForIssueComment, { owner: target.owner, repo: target.repo, comment_id: commentId, content });
}
