// THE ONLY MODULE THAT WRITES TO GITHUB (pipeline step 8). It posts one
// advisory review (event COMMENT, never anything else) per head commit (and
// one per `/foureyes review` comment), neutral check runs, the weekly
// review-load report issue (title and body only), replies and reactions to
// slash commands; every write passes isAdvisoryRequest before it is sent.

import type { Logger } from "../logger.js";
import { hasHeadMarker, hasRerunMarker, rerunMarker } from "../review/markers.js";
import type { ReviewSink } from "../review/ports.js";
import { renderReview, type RenderedComment } from "../review/render-review.js";
import type { ReviewResult } from "../review/types.js";
import { isAdvisoryRequest } from "./advisory-policy.js";
import { AdvisoryViolationError, StaleHeadError } from "./errors.js";
import { httpStatusOf } from "./http-status.js";
import type { GitHubClient } from "./octokit.js";
import { formatPullTarget, type PullTarget } from "./pull-target.js";

/** The one review event foureyes sends. Approving or requesting changes is a human's call. */
export const REVIEW_EVENT = "COMMENT" as const;
/** The one conclusion foureyes gives a check run: it never passes or fails a pull request. */
export const CHECK_CONCLUSION = "neutral" as const;
export const CHECK_RUN_NAME = "foureyes";

/** GitHub rejects bodies over 65,536 characters (check-run summaries: 65,535). */
const MAX_BODY_CHARS = 65_000;

export interface CheckRunReport {
  kind: "delayed" | "unavailable" | "config" | "posted";
  title: string;
  summary: string;
}

export interface GitHubReviewSink extends ReviewSink {
  /** A neutral check run named `foureyes` on the target's head commit (model delayed/unavailable, bad config). */
  reportCheckRun(target: PullTarget, report: CheckRunReport): Promise<void>;
}

type PublishLogger = Pick<Logger, "info" | "warn">;

export interface PublishReviewOptions {
  /**
   * The id of the `/foureyes review` comment this review answers. The review is
   * then posted even when the head already has one, once per comment: its
   * rerun marker, not the head marker, says whether it was posted.
   */
  rerunOf?: number;
}

/** The visible line a rerun review carries; it names no one, so nobody is pinged. */
export const RERUN_NOTE = "Re-review requested in a comment.";

export function createGitHubReviewSink(
  octokit: GitHubClient,
  target: PullTarget,
  logger?: PublishLogger,
  options: PublishReviewOptions = {},
): GitHubReviewSink {
  return {
    publish: (result) => publishReview(octokit, target, result, logger, options),
    reportCheckRun: (checkTarget, report) => reportCheckRun(octokit, checkTarget, report, logger),
  };
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
  logger?: PublishLogger,
  options: PublishReviewOptions = {},
): Promise<void> {
  const { owner, repo, pullNumber } = target;
  const label = formatPullTarget(target);

  // (a) Never a review for a stale head.
  const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  if (pr.head.sha !== result.headSha) throw new StaleHeadError(label, result.headSha, pr.head.sha);

  // (b) Exactly one review per head (or per rerun comment), also after a crash between posting and acknowledging the job.
  const { rerunOf } = options;
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pullNumber, per_page: 100 });
  const existing = reviews.find((review) =>
    rerunOf === undefined ? hasHeadMarker(review.body, result.headSha) : hasRerunMarker(review.body, rerunOf),
  );
  if (existing) {
    const what = rerunOf === undefined ? "review for this head" : "review for this rerun comment";
    logger?.info({ review: label, headSha: result.headSha, rerunOf, reviewId: existing.id }, `${what} already posted; not posting again`);
    return;
  }

  // (c) One advisory review with the inline comments.
  const rendered = renderReview(result);
  const body = rerunOf === undefined ? rendered.body : `${rendered.body}\n\n<sub>${RERUN_NOTE}</sub>\n${rerunMarker(rerunOf)}`;
  const base = { owner, repo, pull_number: pullNumber, commit_id: result.headSha, event: REVIEW_EVENT };
  try {
    await sendAdvisory(octokit.rest.pulls.createReview, { ...base, body, comments: rendered.comments });
  } catch (error) {
    // (d) A comment on a line outside the diff fails the whole review with 422; keep the review, lose the anchors.
    if (httpStatusOf(error) !== 422 || rendered.comments.length === 0) throw error;
    logger?.warn(
      { review: label, headSha: result.headSha, comments: rendered.comments.length, err: error },
      "GitHub rejected the inline comments (422); posting the review once more with the comments in its body",
    );
    await sendAdvisory(octokit.rest.pulls.createReview, { ...base, body: appendComments(body, rendered.comments), comments: [] });
  }
  logger?.info({ review: label, headSha: result.headSha, rerunOf, comments: rendered.comments.length }, "advisory review posted");

  // (e) A broken config file is said where people look: a neutral check run.
  if (result.configError !== undefined) {
    await reportCheckRun(
      octokit,
      target,
      {
        kind: "config",
        title: "Invalid .github/foureyes.yml — reviewed with defaults",
        summary:
          `foureyes could not use the repository's config file from the default branch:\n\n${result.configError}\n\n` +
          "This review ran with the default settings. Fix the file on the default branch; pull requests cannot change it.",
      },
      logger,
    );
  }
}

/** Creates a completed, neutral `foureyes` check run on the target's head commit. */
export async function reportCheckRun(
  octokit: GitHubClient,
  target: PullTarget,
  report: CheckRunReport,
  logger?: PublishLogger,
): Promise<void> {
  await sendAdvisory(octokit.rest.checks.create, {
    owner: target.owner,
    repo: target.repo,
    name: CHECK_RUN_NAME,
    head_sha: target.headSha,
    status: "completed",
    conclusion: CHECK_CONCLUSION,
    completed_at: new Date().toISOString(),
    output: { title: truncate(report.title, 255), summary: truncate(report.summary, MAX_BODY_CHARS) },
  });
  logger?.info({ review: formatPullTarget(target), headSha: target.headSha, kind: report.kind }, "neutral check run posted");
}

export interface ReportIssue {
  /** The hidden marker that identifies this report (scope and week); put into the body when missing. */
  marker: string;
  title: string;
  body: string;
}

export interface PublishedReportIssue {
  action: "created" | "updated" | "unchanged";
  number: number;
  url: string;
}

/**
 * Creates the report issue, or updates the one that already carries `marker`
 * in place (title and body only: never labels, assignees or its state), so a
 * rerun never makes a second issue. Newest issues are searched first and the
 * search stops at the first match; `creator` (the app's bot login, when known)
 * narrows it to the app's own issues.
 */
export async function publishReportIssue(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  issue: ReportIssue,
  options: { creator?: string; logger?: PublishLogger } = {},
): Promise<PublishedReportIssue> {
  const { owner, repo } = target;
  const body = truncate(issue.body.includes(issue.marker) ? issue.body : `${issue.marker}\n\n${issue.body}`, MAX_BODY_CHARS);
  const title = truncate(issue.title, 256);

  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
    ...(options.creator ? { creator: options.creator } : {}),
  });
  for await (const { data } of pages) {
    const existing = data.find((candidate) => !candidate.pull_request && candidate.body?.includes(issue.marker));
    if (!existing) continue;
    if (existing.title === title && existing.body === body) {
      options.logger?.info({ issue: `${owner}/${repo}#${existing.number}` }, "report issue already up to date");
      return { action: "unchanged", number: existing.number, url: existing.html_url };
    }
    const { data: updated } = await sendAdvisory(octokit.rest.issues.update, { owner, repo, issue_number: existing.number, title, body });
    options.logger?.info({ issue: `${owner}/${repo}#${updated.number}` }, "report issue updated");
    return { action: "updated", number: updated.number, url: updated.html_url };
  }
  const { data: created } = await sendAdvisory(octokit.rest.issues.create, { owner, repo, title, body });
  options.logger?.info({ issue: `${owner}/${repo}#${created.number}` }, "report issue created");
  return { action: "created", number: created.number, url: created.html_url };
}

/** The reactions foureyes gives a slash command: "eyes" (on it) and "confused" (not allowed). */
export type CommandReaction = "eyes" | "confused";

/** Reacts to an issue or pull request conversation comment, e.g. to say a `/foureyes review` was taken up. */
export async function reactToComment(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  commentId: number,
  content: CommandReaction,
  logger?: PublishLogger,
): Promise<void> {
  await sendAdvisory(octokit.rest.reactions.createForIssueComment, { owner: target.owner, repo: target.repo, comment_id: commentId, content });
  logger?.info({ repo: `${target.owner}/${target.repo}`, commentId, content }, "reacted to the command comment");
}

/**
 * Answers a slash command with one comment in the pull request's conversation
 * (GitHub has no threads there). `body` is foureyes' own text, never the
 * commenter's.
 */
export async function replyToComment(
  octokit: GitHubClient,
  target: Pick<PullTarget, "owner" | "repo" | "pullNumber">,
  body: string,
  logger?: PublishLogger,
): Promise<{ id: number }> {
  const { data } = await sendAdvisory(octokit.rest.issues.createComment, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber,
    body: truncate(body, MAX_BODY_CHARS),
  });
  logger?.info({ pull: formatPullTarget(target), commentId: data.id }, "replied to the command comment");
  return { id: data.id };
}

/** An Octokit REST method; its `endpoint` twin shows the request it would send. */
type EndpointMethod<P, R> = ((params: P) => Promise<R>) & { endpoint: unknown };
type RequestShape = { method: string; url: string; body?: unknown };

/** Sends the request only when the advisory policy allows exactly what would go over the wire. */
async function sendAdvisory<P, R>(method: EndpointMethod<P, R>, params: P): Promise<R> {
  const request = (method.endpoint as (params: P) => RequestShape)(params);
  const verdict = isAdvisoryRequest(request.method, new URL(request.url, "https://api.github.com").pathname, request.body);
  if (!verdict.ok) throw new AdvisoryViolationError(`Refused to send a non-advisory request to GitHub: ${verdict.why}`);
  return method(params);
}

/** The review body with the comments GitHub would not anchor listed under it. */
export function appendComments(body: string, comments: RenderedComment[]): string {
  const items = comments.map((comment) => {
    const where = comment.start_line !== undefined ? `${comment.start_line}–${comment.line}` : `${comment.line}`;
    const text = comment.body.replace(/<!-- foureyes:[^>]*-->/g, "").trim();
    return `**\`${comment.path}\` line ${where}**\n\n${text}`;
  });
  const section = `\n\n---\n\n### Comments that could not be placed on the diff\n\n${items.join("\n\n")}`;
  const room = MAX_BODY_CHARS - body.length;
  return body + (section.length <= room ? section : truncate(section, Math.max(0, room)));
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = "\n\n… (cut to fit GitHub's limit)";
  return text.slice(0, Math.max(0, max - cut.length)) + cut;
}
