// A review job whose worker stopped (crashed, was killed, hung) more often
// than the queue allows is failed by BullMQ without its processor running, so
// the processor cannot say so. This listener does: the pull request's head
// gets a neutral "unavailable" check run instead of silence, and the operator
// a log line saying where to look.

import type { Job, Worker } from "bullmq";

import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { GitHubClient } from "../github/octokit.js";
import { postReviewCheckRun } from "./review-check-runs.js";
import { type ReviewJobResult, reviewJobSchema } from "./review-job.js";

/** BullMQ's failedReason for a job that stalled more than `maxStalledCount` times. */
export const STALLED_TOO_OFTEN = "job stalled more than allowable limit";

export interface StalledReviewDeps {
  getOctokit(installationId: number): Promise<GitHubClient>;
  app: AppIdentity;
  logger: Logger;
}

export function reportStalledReviews(worker: Worker<unknown, ReviewJobResult>, deps: StalledReviewDeps): void {
  worker.on("failed", (job, error) => {
    if (job && error.message === STALLED_TOO_OFTEN) void reportStalledReview(job, deps);
  });
}

async function reportStalledReview(job: Job<unknown, ReviewJobResult>, deps: StalledReviewDeps): Promise<void> {
  const log = deps.logger.child({ job: job.id });
  const stalls = job.stalledCounter;
  log.error(
    { stalls },
    "review job failed: its worker stopped while running it too often (out of memory, killed, or an event loop blocked past the lock); not retried",
  );
  const parsed = reviewJobSchema.safeParse(job.data);
  if (!parsed.success) return; // nowhere to say it; the log line above is all there is
  const { installationId, owner, repo, pullNumber, headSha } = parsed.data;
  try {
    const octokit = await deps.getOctokit(installationId);
    const reason = `the worker running the review stopped ${stalls === 1 ? "once" : `${stalls} times`} before finishing, so it was not tried again`;
    await postReviewCheckRun(
      octokit,
      { owner, repo, pullNumber, headSha },
      { kind: "unavailable", reason, attempts: Math.max(job.attemptsStarted, stalls) },
      { app: deps.app, logger: log },
    );
  } catch (error) {
    log.warn({ err: error }, "could not post the check run about the stalled review");
  }
}
