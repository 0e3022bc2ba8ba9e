// The review sink for a GitHub pull request (pipeline step 8): one advisory
// review (event COMMENT) per head commit, or one per `/foureyes review`
// comment, never for a stale head, and a neutral check run when the repo
// config was invalid. Only reviews by foureyes' own account count as posted:
// anyone can type the head marker into a review of their own.

import { type AppIdentity, isAppAccount } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import { hasHeadMarker, hasRerunMarker, rerunMarker, stripMarkers } from "../core/markers.js";
import { formatPullTarget, type PullTarget } from "../core/pull-target.js";
import { GITHUB_BODY_MAX_CHARS, truncate } from "../core/text-limits.js";
import { createReview } from "../github/create-review.js";
import { StaleHeadError } from "../github/errors.js";
import { httpStatusOf } from "../github/http-status.js";
import { listReviewCommentIds } from "../github/list-review-comment-ids.js";
import { listReviews, type PostedReview } from "../github/list-reviews.js";
import type { GitHubClient } from "../github/octokit.js";
import { readPullRequest } from "../github/read-pull-request.js";
import { writeOnce } from "../github/write-once.js";
import { renderCodeSpan } from "../markdown/render-code-span.js";
import { sanitizeMarkdown } from "../markdown/sanitize-markdown.js";
import type { ReviewSink } from "./ports.js";
import { type RenderedComment, renderReview } from "./render-review.js";
import { postReviewCheckRun } from "./review-check-runs.js";
import type { PublishedReview, ReviewResult } from "./types.js";

type PublishLogger = Pick<Logger, "info" | "warn">;

export interface PublishReviewOptions {
  /** foureyes' own account: a marker counts only on a review it wrote. */
  app: AppIdentity;
  logger?: PublishLogger | undefined;
  /**
   * The id of the `/foureyes review` comment this review answers. The review is
   * then posted even when the head already has one, once per comment: its
   * rerun marker, not the head marker, says whether it was posted.
   */
  rerunOf?: number;
  /** Also read the ids of the posted inline comments (one more request), for the audit trail. */
  readCommentIds?: boolean;
}

/** The visible line a rerun review carries; it names no one, so nobody is pinged. */
export const RERUN_NOTE = "Re-review requested in a comment.";

export function createGitHubReviewSink(octokit: GitHubClient, target: PullTarget, options: PublishReviewOptions): ReviewSink {
  return { publish: (result) => publishReview(octokit, target, result, options) };
}

/**
 * Posts `result` as one COMMENT review on the head it was made for. Throws
 * StaleHeadError (posting nothing) when the PR's head moved; returns quietly
 * when a review for this head is already there (a retried or recovered job),
 * or, for a rerun, when the review for that comment is already there.
 */
export async function publishReview(
  octokit: GitHubClient,
  target: PullTarget,
  result: ReviewResult,
  options: PublishReviewOptions,
): Promise<PublishedReview> {
  const label = formatPullTarget(target);
  const { app, logger, rerunOf } = options;
  const findOwnReview = async (): Promise<PostedReview | undefined> =>
    (await listReviews(octokit, target)).find(
      (review) =>
        isAppAccount(review.author, app) &&
        (rerunOf === undefined ? hasHeadMarker(review.body, result.headSha) : hasRerunMarker(review.body, rerunOf)),
    );

  // 1. Never a review for a stale head.
  const pr = await readPullRequest(octokit, target);
  if (pr.headSha !== result.headSha) throw new StaleHeadError(label, result.headSha, pr.headSha);

  // 2. Exactly one review per head (or per rerun comment), also after a crash between posting and acknowledging the job.
  const existing = await findOwnReview();
  if (existing) {
    const what = rerunOf === undefined ? "review for this head" : "review for this rerun comment";
    logger?.info({ review: label, headSha: result.headSha, rerunOf, reviewId: existing.id }, `${what} already posted; not posting again`);
    return postedIds(octokit, target, existing.id, options);
  }

  // 3. One advisory review with the inline comments.
  const rendered = renderReview(result);
  const body = rerunOf === undefined ? rendered.body : `${rendered.body}\n\n<sub>${RERUN_NOTE}</sub>\n${rerunMarker(rerunOf)}`;
  const headTarget = { ...target, headSha: result.headSha };
  // A 5xx may come after GitHub created the review: look for it before sending again.
  const post = (review: { body: string; comments: RenderedComment[] }) =>
    writeOnce({ what: "review", send: () => createReview(octokit, headTarget, review), findLanded: findOwnReview, logger });
  let posted: { id: number };
  try {
    posted = await post({ body, comments: rendered.comments });
  } catch (error) {
    // 4. A comment on a line outside the diff fails the whole review with 422; keep the review, lose the anchors.
    if (httpStatusOf(error) !== 422 || rendered.comments.length === 0) throw error;
    logger?.warn(
      { review: label, headSha: result.headSha, comments: rendered.comments.length, err: error },
      "GitHub rejected the inline comments (422); posting the review once more with the comments in its body",
    );
    posted = await post({ body: appendComments(body, rendered.comments), comments: [] });
  }
  logger?.info({ review: label, headSha: result.headSha, rerunOf, comments: rendered.comments.length }, "advisory review posted");

  // 5. A broken config file is said where people look: a neutral check run.
  if (result.configError !== undefined || result.ruleProblems !== undefined) {
    await postReviewCheckRun(octokit, headTarget, { kind: "config", configError: result.configError, ruleProblems: result.ruleProblems }, { app, logger });
  }
  return postedIds(octokit, target, posted.id, options);
}

/** The review is posted: a failed read of its comments' ids is logged and recorded as unknown, never a reason to post again. */
async function postedIds(octokit: GitHubClient, target: PullTarget, reviewId: number, options: PublishReviewOptions): Promise<PublishedReview> {
  if (!options.readCommentIds) return { reviewId, commentIds: [] };
  try {
    return { reviewId, commentIds: await listReviewCommentIds(octokit, target, reviewId) };
  } catch (error) {
    options.logger?.warn({ reviewId, err: error }, "could not read the posted review's comment ids; the audit trail records them as unknown");
    return { reviewId, commentIds: null };
  }
}

/** The review body with the comments GitHub would not anchor listed under it. */
export function appendComments(body: string, comments: RenderedComment[]): string {
  const items = comments.map((comment) => {
    const where = comment.start_line !== undefined ? `${comment.start_line}–${comment.line}` : `${comment.line}`;
    // Shown in the review body: sanitised again from the tree, the path in a code span it cannot leave.
    const text = sanitizeMarkdown(stripMarkers(comment.body));
    return `**${renderCodeSpan(comment.path)} line ${where}**\n\n${text}`;
  });
  const section = `\n\n---\n\n### Comments that could not be placed on the diff\n\n${items.join("\n\n")}`;
  const room = GITHUB_BODY_MAX_CHARS - body.length;
  return body + (section.length <= room ? section : truncate(section, Math.max(0, room)));
}
