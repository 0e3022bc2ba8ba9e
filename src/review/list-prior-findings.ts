// What foureyes said on earlier commits of a pull request, rebuilt from GitHub
// alone: its own inline comments (by its account: anyone can type a marker),
// each with the finding's fingerprint from its hidden marker, and whether the
// team set it aside (thread resolved, a 👎, a reply that dismisses it).

import { type AppIdentity, isAppAccount } from "../core/app-identity.js";
import type { PriorComment } from "../core/comments.js";
import { isHumanDismissal } from "../core/dismissing-reply.js";
import { COMMENT_MARKER, parseFindingMarker, stripMarkers } from "../core/markers.js";
import type { PullTarget } from "../core/pull-target.js";
import { listResolvedCommentIds } from "../github/list-resolved-comment-ids.js";
import { listReviewComments } from "../github/list-review-comments.js";
import type { GitHubClient } from "../github/octokit.js";

export async function listPriorFindings(octokit: GitHubClient, target: PullTarget, app: AppIdentity): Promise<PriorComment[]> {
  const comments = await listReviewComments(octokit, target);
  const own = comments.filter((comment) => isAppAccount(comment.author, app) && comment.body.includes(COMMENT_MARKER));
  if (own.length === 0) return [];
  // Only worth a GraphQL read when foureyes has threads of its own on the pull request.
  const resolved = await listResolvedCommentIds(octokit, target);
  const dismissedByReply = new Set(
    comments.filter((comment) => isHumanDismissal(comment, app)).map((comment) => comment.inReplyTo),
  );
  return own.map((comment) => {
    const prior: PriorComment = { path: comment.path, line: comment.line, body: priorCommentText(comment.body) };
    const identity = parseFindingMarker(comment.body);
    if (identity) prior.fingerprint = identity.fingerprint;
    if (resolved.has(comment.id)) prior.dismissed = "resolved";
    else if (comment.thumbsDown > 0) prior.dismissed = "thumbs-down";
    else if (dismissedByReply.has(comment.id)) prior.dismissed = "reply";
    return prior;
  });
}

/** The finding's own words: the rendered comment minus its severity heading and the hidden markers. */
function priorCommentText(rendered: string): string {
  return stripMarkers(rendered)
    .replace(/^\*\*[A-Za-z]+\*\* · [^\n]*\n+/, "")
    .trim();
}
