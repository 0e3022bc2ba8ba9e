// Writes one comment in a pull request's conversation (GitHub has no threads
// there). The body is foureyes' own text, never a commenter's.

import type { PullTarget } from "../core/pull-target.js";
import { GITHUB_BODY_MAX_CHARS, truncate } from "../core/text-limits.js";
import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";

export async function createIssueComment(
  octokit: GitHubClient,
  target: Pick<PullTarget, "owner" | "repo" | "pullNumber">,
  body: string,
): Promise<{ id: number }> {
  const { data } = await sendAdvisory(octokit.rest.issues.createComment, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber,
    body: truncate(body, GITHUB_BODY_MAX_CHARS),
  });
  return { id: data.id };
}
