// What the `foureyes` check run says about a review's state, in words for the
// people on the pull request: delayed (model down, retrying), unavailable
// (gave up), waiting for GitHub's pace (ready, not yet posted; or not started,
// queued until the installation's budget has room), posted (after
// a delay or a wait), config (some repo settings ignored), config-halted (the repo config file cannot be read: no review). Always
// neutral: nothing here passes or blocks a pull request. Anyone reads a public
// repository, so there the reason for an outage (internal URLs, setting names,
// the server's own error) stays in the worker's log; a private repository's
// readers are the organisation, and they see it.

import type { AppIdentity } from "../core/app-identity.js";
import { countOf } from "../core/count-of.js";
import type { Logger } from "../core/logger.js";
import { formatPullTarget, type PullTarget } from "../core/pull-target.js";
import { createCheckRun } from "../github/create-check-run.js";
import type { GitHubClient } from "../github/octokit.js";

export type ReviewCheckRun =
  | { kind: "delayed"; reason: string; attempts: number }
  | { kind: "unavailable"; reason: string; attempts: number }
  | { kind: "posted"; after?: "pace" }
  | { kind: "waiting-for-pace"; waitMs: number }
  | { kind: "deferred-for-pace"; waitMs: number }
  | { kind: "config"; configError?: string | undefined; ruleProblems?: string[] | undefined }
  | { kind: "config-halted"; configError: string }
  | { kind: "nothing-new"; sinceSha: string }
  | { kind: "paused" };

export const PUBLIC_OUTAGE_REASON = "the model server did not answer; operators find the reason in the worker's log";
export const PUBLIC_FAILURE_REASON = "not shown on a public repository; operators find the reason in the worker's log";

/** Who reads the check run: unless the pull request's repository is known to be private, anyone. */
export interface CheckRunAudience {
  repositoryPrivate?: boolean | undefined;
}

/** The check run's title and summary for a head commit. */
export function describeReviewCheckRun(
  report: ReviewCheckRun,
  headSha: string,
  audience: CheckRunAudience = {},
): { title: string; summary: string } {
  const commit = headSha.slice(0, 12);
  const shown = (reason: string, publicReason: string) => (audience.repositoryPrivate === true ? reason : publicReason);
  switch (report.kind) {
    case "delayed":
      return {
        title: "Advisory review delayed: the model server is not answering",
        summary:
          `foureyes could not reach its model server for ${commit}: ${shown(report.reason, PUBLIC_OUTAGE_REASON)}\n\n` +
          `It retries with growing pauses, up to ${report.attempts} attempts in all, and posts the review when the ` +
          "model answers. Nothing blocks this pull request meanwhile.",
      };
    case "unavailable":
      return {
        title: "Advisory review unavailable for this commit",
        summary:
          `foureyes could not produce its advisory review of ${commit} after ${countOf(report.attempts, "attempt")}.\n\n` +
          `Last error: ${shown(report.reason, PUBLIC_FAILURE_REASON)}\n\n` +
          "Nothing blocks this pull request; human review goes on as usual. Pushing a new commit, or closing and " +
          "reopening the pull request, asks for a review again.",
      };
    case "posted":
      return { title: "Advisory review posted", summary: describePosted(report.after, commit) };
    case "waiting-for-pace":
      return describeWaitingForPace(report.waitMs, commit);
    case "deferred-for-pace":
      return {
        title: "Advisory review queued: waiting for GitHub's pace",
        summary:
          `foureyes reviews ${commit} ${inAbout(report.waitMs)}, once this installation may write to GitHub again: GitHub limits how many ` +
          "reviews and comments one installation may create per minute and per hour, and its budget is spent for now. Nothing blocks " +
          "this pull request; human review goes on as usual.",
      };
    case "config":
      return report.configError === undefined ? describeRuleProblems(report.ruleProblems ?? []) : describeConfigProblems(report.configError, report.ruleProblems);
    case "paused":
      return {
        title: "No automatic review: paused on this pull request",
        summary:
          `foureyes did not review ${commit} because automatic reviews of this pull request were paused with \`/foureyes pause\`. ` +
          "`/foureyes resume` restarts them from the next push; `/foureyes review` asks for one now. Nothing blocks this pull request.",
      };
    case "nothing-new":
      return describeNothingNew(report.sinceSha, commit);
    case "config-halted":
      return {
        title: "No advisory review: .github/foureyes.yml cannot be read",
        summary:
          `foureyes cannot read the repository's config file on the default branch:\n\n${report.configError}\n\n` +
          "The file may switch foureyes off or keep files and names out, so foureyes neither reviews pull requests nor " +
          "publishes review-load reports for this repository until the file on the default branch is fixed (or removed). " +
          "Pull requests cannot change it. Nothing blocks this pull request.",
      };
  }
}

function describePosted(after: "pace" | undefined, commit: string): string {
  return after === "pace"
    ? `foureyes posted its advisory review of ${commit} as soon as GitHub's pace allowed.`
    : `The model server answered again and foureyes posted its advisory review of ${commit}.`;
}

function inAbout(waitMs: number): string {
  return waitMs < 60_000 ? "within a minute" : `in about ${countOf(Math.ceil(waitMs / 60_000), "minute")}`;
}

function describeWaitingForPace(waitMs: number, commit: string): { title: string; summary: string } {
  const when = inAbout(waitMs);
  return {
    title: "Advisory review ready: waiting for GitHub's pace",
    summary:
      `foureyes has finished its advisory review of ${commit} and posts it ${when}. GitHub limits how many reviews and ` +
      "comments one installation may create per minute and per hour, and this review waits its turn rather than be " +
      "refused. Nothing blocks this pull request.",
  };
}

function describeConfigProblems(configError: string, ruleProblems: string[] = []): { title: string; summary: string } {
  const rules = ruleProblems.length > 0 ? `\n\n${describeRuleProblems(ruleProblems).summary}` : "";
  return {
    title: "Some .github/foureyes.yml settings ignored",
    summary:
      `foureyes ignored these settings in the repository's config file on the default branch:\n\n${configError}\n\n` +
      "Every other setting was applied. An ignored setting uses its default, or the safer choice named beside it. " +
      `Fix the file on the default branch; pull requests cannot change it.${rules}`,
  };
}

/** Custom rule files or rules that did not run; the review and every other rule did. */
function describeRuleProblems(ruleProblems: string[]): { title: string; summary: string } {
  return {
    title: "Some custom rules did not run",
    summary:
      `foureyes left out these custom rules (.github/foureyes/rules/ on the default branch):\n\n${ruleProblems.map((problem) => `- ${problem}`).join("\n")}\n\n` +
      "The review was made with every other rule. Fix the files on the default branch; pull requests cannot change them.",
  };
}

function describeNothingNew(sinceSha: string, commit: string): { title: string; summary: string } {
  return {
    title: "No advisory review: nothing new to review",
    summary:
      `The commits since ${sinceSha.slice(0, 12)}, the last commit foureyes reviewed, change none of this pull request's ` +
      `reviewable files (a merge from the base branch, or only files foureyes skips), so there is no review of ${commit}. ` +
      "`/foureyes full` asks for a review of the whole pull request. Nothing blocks this pull request.",
  };
}

/** Posts the neutral check run for `report` on the target's head commit. */
export async function postReviewCheckRun(
  octokit: GitHubClient,
  target: PullTarget,
  report: ReviewCheckRun,
  options: { app: AppIdentity; logger?: Pick<Logger, "info" | "warn"> | undefined } & CheckRunAudience,
): Promise<void> {
  const { logger } = options;
  await createCheckRun(octokit, target, describeReviewCheckRun(report, target.headSha, options), { app: options.app, logger });
  logger?.info({ review: formatPullTarget(target), headSha: target.headSha, kind: report.kind }, "neutral check run posted");
}
