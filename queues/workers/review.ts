// The review job processor: one job = one head commit (or one `/foureyes
// review` comment about it, a rerun). It loads nothing
// itself; it builds the GitHub source and sink for the job's pull request,
// runs the pipeline, and turns the pipeline's typed errors into queue
// decisions (drop, retry with backoff, or fail with a neutral check run).

import { UnrecoverableError, type Job } from "bullmq";
import type { ReviewLimits } from "../../src/config/server-env.js";
import { StaleHeadError } from "../../src/github/errors.js";
import type { GitHubClient } from "../../src/github/octokit.js";
import { createPullRequestSource } from "../../src/github/pull-request-source.js";
import { createGitHubReviewSink, reportCheckRun } from "../../src/github/publish.js";
import type { PullTarget } from "../../src/github/pull-target.js";
import { ModelUnavailableError } from "../../src/llm/errors.js";
import type { Logger } from "../../src/logger.js";
import type { ModelClient } from "../../src/review/ports.js";
import { runReview } from "../../src/review/run.js";
import { reviewJobSchema, type ReviewJobResult } from "../review-job.js";

export interface ReviewProcessorDeps {
  /** An Octokit authenticated as the installation (Probot's `auth(installationId)`). */
  getOctokit(installationId: number): Promise<GitHubClient>;
  modelClient: ModelClient;
  limits: ReviewLimits;
  modelConcurrency: number;
  logger: Logger;
}

/** Kept in the job's progress so the "delayed" check run is posted once per job, not once per attempt. */
interface ReviewJobProgress {
  delayedReported?: boolean;
}

export type ReviewJob = Job<unknown, ReviewJobResult>;

export function createReviewProcessor(deps: ReviewProcessorDeps): (job: ReviewJob) => Promise<ReviewJobResult> {
  return async (job) => {
    const parsed = reviewJobSchema.safeParse(job.data);
    if (!parsed.success) {
      // Retrying cannot fix a malformed job; fail it at once with the reason.
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      deps.logger.error({ job: job.id, problems }, "review job has invalid data; failed without retry");
      throw new UnrecoverableError(`invalid review job data: ${problems}`);
    }
    const data = parsed.data;
    const target: PullTarget = { owner: data.owner, repo: data.repo, pullNumber: data.pullNumber, headSha: data.headSha };
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const log = deps.logger.child({ job: job.id, delivery: data.deliveryId, attempt, attempts });
    log.info({ event: data.event, rerunOf: data.rerun?.commentId, requestedBy: data.rerun?.requestedBy }, "review job started");

    const octokit = await deps.getOctokit(data.installationId);
    try {
      const outcome = await runReview({
        source: createPullRequestSource(octokit, target, deps.limits),
        // A rerun checks for its own marker, so it posts even though this head was reviewed.
        sink: createGitHubReviewSink(octokit, target, log, data.rerun ? { rerunOf: data.rerun.commentId } : {}),
        model: deps.modelClient,
        limits: deps.limits,
        modelConcurrency: deps.modelConcurrency,
        onModelUnavailable: "throw",
        logger: log,
      });
      if (outcome.status === "not-reviewed") return { status: "not-reviewed", reason: outcome.reason };
      if ((job.progress as ReviewJobProgress | undefined)?.delayedReported) {
        // Supersedes the "delayed" check run, which would otherwise stay on the commit.
        await reportSafely(log, () =>
          reportCheckRun(
            octokit,
            target,
            {
              kind: "posted",
              title: "Advisory review posted",
              summary: `The model server answered again and foureyes posted its advisory review of ${data.headSha.slice(0, 12)}.`,
            },
            log,
          ),
        );
      }
      return { status: "published", comments: outcome.result.comments.length };
    } catch (error) {
      if (error instanceof StaleHeadError) {
        // A newer head has (or will get) its own job; never post a review for an old one.
        log.info({ head: data.headSha, currentHead: error.currentSha }, "dropped: head moved");
        return { status: "dropped", reason: "head-moved" };
      }
      const why = error instanceof Error ? error.message : String(error);
      if (attempt >= attempts) {
        log.error({ err: error }, "review job failed on its last attempt");
        await reportSafely(log, () =>
          reportCheckRun(
            octokit,
            target,
            {
              kind: "unavailable",
              title: "Advisory review unavailable for this commit",
              summary:
                `foureyes could not produce its advisory review of ${data.headSha.slice(0, 12)} after ${attempts} attempt(s).\n\n` +
                `Last error: ${why}\n\n` +
                "Nothing blocks this pull request; human review goes on as usual. Pushing a new commit, or closing and " +
                "reopening the pull request, asks for a review again.",
            },
            log,
          ),
        );
      } else if (error instanceof ModelUnavailableError) {
        log.warn({ err: error }, "model unavailable; the job will be retried with backoff");
        if (!(job.progress as ReviewJobProgress | undefined)?.delayedReported) {
          await reportSafely(log, () =>
            reportCheckRun(
              octokit,
              target,
              {
                kind: "delayed",
                title: "Advisory review delayed: the model server is not answering",
                summary:
                  `foureyes could not reach its model server for ${data.headSha.slice(0, 12)}: ${why}\n\n` +
                  `It retries with growing pauses, up to ${attempts} attempts in all, and posts the review when the ` +
                  "model answers. Nothing blocks this pull request meanwhile.",
              },
              log,
            ),
          );
          await job.updateProgress({ delayedReported: true } satisfies ReviewJobProgress);
        }
      } else {
        log.warn({ err: error }, "review attempt failed; the job will be retried with backoff");
      }
      throw error;
    }
  };
}

/** A failing check-run write must not hide the error that made the job fail. */
async function reportSafely(log: Logger, report: () => Promise<unknown>): Promise<void> {
  try {
    await report();
  } catch (error) {
    log.warn({ err: error }, "could not post the check run about the review's state");
  }
}
