// Writes foureyes' reply to a comment in a pull request's conversation (GitHub
// has no threads there). The body is foureyes' own text, never a commenter's,
// and ends with a hidden marker naming the comment it answers: after an
// ambiguous failure (a 5xx may come after GitHub created the comment) the
// conversation is searched for it on foureyes' account before writing again.

import { type AppIdentity, isAppAccount } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import { replyMarker } from "../core/markers.js";
import type { PullTarget } from "../core/pull-target.js";
import { GITHUB_BODY_MAX_CHARS, truncate } from "../core/text-limits.js";
import { listIssueComments } from "./list-issue-comments.js";
import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";
import { NO_RETRY, writeOnce } from "./write-once.js";

/** How far back the search for a landed reply reaches, for clock skew between us and GitHub. */
const SKEW_MS = 10 * 60_000;

export async function createIssueComment(
  octokit: GitHubClient,
  target: Pick<PullTarget, "owner" | "repo" | "pullNumber">,
  reply: { body: string; answers: number },
  options: { app: AppIdentity; logger?: Pick<Logger, "warn"> | undefined },
): Promise<{ id: number }> {
  const marker = replyMarker(reply.answers);
  const body = `${truncate(reply.body, GITHUB_BODY_MAX_CHARS - marker.length - 1)}\n${marker}`;
  const since = new Date(Date.now() - SKEW_MS);
  const send = async () => {
    const { data } = await sendAdvisory(octokit.rest.issues.createComment, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.pullNumber,
      body,
      request: NO_RETRY,
    });
    return { id: data.id };
  };
  const findLanded = async () => {
    const comments = await listIssueComments(octokit, target, { since });
    const landed = comments.find((comment) => isAppAccount(comment.author, options.app) && comment.body.includes(marker));
    return landed && { id: landed.id };
  };
  return writeOnce({ what: "reply", send, findLanded, logger: options.logger });
}
