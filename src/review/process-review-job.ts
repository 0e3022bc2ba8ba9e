// The review job processor: one job = one head commit (or one `/foureyes
// review` comment about it, a rerun). It loads nothing itself; it builds the
// GitHub source and sink for the job's pull request, runs the pipeline, and
// turns the pipeline's typed errors into queue decisions (drop, retry with
// backoff, or fail with a neutral check run).

import { DelayedError, type Job } from "bullmq";

import { parseJobData } from "../../queues/parse-job-data.js";
import { stopRetryingBugs } from "../../queues/stop-retrying-bugs.js";
import type { AuditLog } from "../audit/create-audit-log.js";
import type { ReviewLimits } from "../config/server-env.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { PullTarget } from "../core/pull-target.js";
import type { WritePace } from "../github/create-write-pace.js";
import { AdvisoryViolationError, StaleHeadError } from "../github/errors.js";
import type { GitHubClient } from "../github/octokit.js";
import type { LearningStore } from "../learning/learning-store.js";
import { ModelUnavailableError } from "../llm/errors.js";
import type { ModelClient } from "../llm/model-client.js";
import { countJob } from "../metrics/count-job.js";
import { observeReviewDuration } from "../metrics/observe-review-duration.js";
import { announcePaceWaits } from "./announce-pace-waits.js";
import { createReviewAudit, finishedRecord, type ReviewAudit } from "./audit-review.js";
import { createGitHubReviewSink } from "./github-review-sink.js";
import { createPullRequestSource, type PullRequestSource } from "./github-review-source.js";
import { learnFromTeam } from "./learn-from-team.js";
import type { PauseStore } from "./pause-store.js";
import { PROMPT_VERSION } from "./prompt.js";
import { postReviewCheckRun, type ReviewCheckRun } from "./review-check-runs.js";
import { REVIEW_QUEUE_NAME, type ReviewJobData, type ReviewJobResult, reviewJobSchema } from "./review-job.js";
import { runReview } from "./run.js";
import type { ReviewOutcome } from "./types.js";
import { withPauseNote } from "./with-pause-note.js";

export interface ReviewProcessorDeps {
  /** An Octokit authenticated as the installation (Probot's `auth(installationId)`). */
  getOctokit(installationId: number): Promise<GitHubClient>;
  /** foureyes' own account (read once at start): only its reviews and comments count as foureyes'. */
  app: AppIdentity;
  modelClient: ModelClient;
  limits: ReviewLimits;
  modelConcurrency: number;
  logger: Logger;
  /** The audit trail; without it nothing is recorded (tests, the CLI). */
  audit?: AuditLog;
  auditContent?: "hashes" | "full";
  /** The model server's base URL, recorded without credentials. */
  modelUrl?: string;
  /** `/foureyes pause` state and what the team taught foureyes (src/learning); without them neither applies. */
  pauses?: PauseStore;
  learning?: LearningStore;
  /**
   * The installations' GitHub write pace: a review whose post would wait longer than `paceDeferAfterMs`
   * (default PACE_DEFER_AFTER_MS) is not started but goes back on the queue until then.
   */
  pace?: Pick<WritePace, "peek">;
  paceDeferAfterMs?: number;
}

/**
 * A review that would wait longer than this to post goes back on the queue instead: waiting in the worker
 * would hold one of its slots, and an installation that spent its hourly budget would hold them all,
 * while other installations' reviews queue behind it.
 */
export const PACE_DEFER_AFTER_MS = 60_000;

/** Kept in the job's progress so the "delayed" check run is posted once per job, not once per attempt. */
interface ReviewJobProgress {
  delayedReported?: boolean;
  /** The job went back on the queue for GitHub's pace at least once. */
  deferredForPace?: boolean;
}

export type ReviewJob = Job<unknown, ReviewJobResult>;

export function createReviewProcessor(deps: ReviewProcessorDeps): (job: ReviewJob, token?: string) => Promise<ReviewJobResult> {
  return async (job, token) => {
    // 1. The job: checked data, its pull request, its attempt, its audit trail.
    const data = parseReviewJob(job, deps.logger);
    const run = await startRun(job, data, deps);
    // A paused pull request gets no automatic review; one asked for by a command still runs.
    if (!data.rerun && (await deps.pauses?.isPaused(data))) {
      run.log.info("not reviewed: automatic reviews of this pull request are paused");
      await run.report({ kind: "paused" });
      return { status: "skipped", reason: "paused" };
    }
    // An installation whose GitHub budget is spent for a while: back on the queue, before any model work.
    const paceWaitMs = (await deps.pace?.peek(data.installationId)) ?? 0;
    if (token && paceWaitMs > (deps.paceDeferAfterMs ?? PACE_DEFER_AFTER_MS)) return await deferForPace(job, token, paceWaitMs, run);
    const auditId = await run.audit.started();

    try {
      // 2. The pipeline, from the pull request to one advisory review.
      const dismissed = deps.learning ? await learnFromTeam({ octokit: run.octokit, data, app: deps.app, store: deps.learning, log: run.log }) : [];
      // A rerun checks for its own marker, so it posts even though this head was reviewed.
      const sink = createGitHubReviewSink(run.octokit, run.target, {
        app: deps.app,
        logger: run.log,
        readCommentIds: deps.audit !== undefined,
        ...(data.rerun ? { rerunOf: data.rerun.commentId } : {}),
      });
      // A review that waits for GitHub's pace says so in the check run.
      const pace = announcePaceWaits(run.octokit, run.report);
      const outcome = await runReview({
        source: run.source,
        sink: deps.pauses ? withPauseNote(sink, deps.pauses, data) : sink,
        dismissed,
        model: deps.modelClient,
        limits: deps.limits,
        modelConcurrency: deps.modelConcurrency,
        onModelUnavailable: "throw",
        ...(data.only === "tests" ? { testsOnly: true } : {}),
        logger: run.log,
        recordModelCalls: run.audit.modelCalls,
        ...(auditId ? { auditId } : {}),
      });
      await run.audit.finished(finishedRecord(outcome));
      if (outcome.status === "not-reviewed") return await notReviewed(outcome, run.report);
      observeReviewDuration(job.timestamp);
      // 3. Supersede a "delayed", "queued" or "waiting" check run, which would otherwise stay on the commit.
      const paced = (await pace.announced()) || progressOf(job).deferredForPace === true;
      if (run.delayedReported() || paced) await run.report({ kind: "posted", ...(paced && !run.delayedReported() ? { after: "pace" as const } : {}) });
      return { status: "published", comments: outcome.result.comments.length };
    } catch (error) {
      // 4. Errors become queue decisions.
      return handleFailure(error, job, run);
    }
  };
}

interface ReviewRun {
  data: ReviewJobData;
  target: PullTarget;
  attempt: number;
  attempts: number;
  log: Logger;
  octokit: GitHubClient;
  source: PullRequestSource;
  report: (checkRun: ReviewCheckRun) => Promise<void>;
  audit: ReviewAudit;
  delayedReported(): boolean;
}

async function startRun(job: ReviewJob, data: ReviewJobData, deps: ReviewProcessorDeps): Promise<ReviewRun> {
  const target: PullTarget = { owner: data.owner, repo: data.repo, pullNumber: data.pullNumber, headSha: data.headSha };
  const attempt = job.attemptsMade + 1;
  const attempts = job.opts.attempts ?? 1;
  const log = deps.logger.child({ job: job.id, delivery: data.deliveryId, attempt, attempts });
  log.info({ event: data.event, rerunOf: data.rerun?.commentId, requestedBy: data.rerun?.requestedBy }, "review job started");
  const octokit = await deps.getOctokit(data.installationId);
  // A pull request just opened has no earlier review to build on; `/foureyes full` asks for the whole one.
  const incremental = data.scope !== "full" && data.event !== "pull_request.opened";
  const source = createPullRequestSource(octokit, target, deps.limits, deps.app, { incremental });
  const trigger = data.rerun
    ? { kind: "comment", commentId: data.rerun.commentId, requestedBy: data.rerun.requestedBy }
    : { kind: "webhook", event: data.event, delivery: data.deliveryId ?? null };
  const audit = createReviewAudit(
    deps.audit,
    { installation: data.installationId, repo: `${data.owner}/${data.repo}`, pull: data.pullNumber, head: data.headSha, job: String(job.id), attempt, trigger },
    { content: deps.auditContent ?? "hashes", modelUrl: deps.modelUrl ?? "", modelName: deps.modelClient.name, promptVersion: PROMPT_VERSION },
  );
  return {
    data,
    target,
    attempt,
    attempts,
    log,
    octokit,
    source,
    audit,
    report: checkRunReporter(octokit, target, source, { app: deps.app, logger: log }),
    delayedReported: () => progressOf(job).delayedReported === true,
  };
}

function progressOf(job: ReviewJob): ReviewJobProgress {
  return typeof job.progress === "object" && job.progress !== null ? (job.progress as ReviewJobProgress) : {};
}

/** Back on the queue until the installation may write again, said once in the check run; no attempt is used. */
async function deferForPace(job: ReviewJob, token: string, waitMs: number, run: ReviewRun): Promise<never> {
  run.log.info({ waitMs }, "not started: the installation's GitHub write budget is spent; the job waits on the queue until there is room");
  if (progressOf(job).deferredForPace !== true) {
    await run.report({ kind: "deferred-for-pace", waitMs });
    await job.updateProgress({ ...progressOf(job), deferredForPace: true } satisfies ReviewJobProgress);
  }
  await job.moveToDelayed(Date.now() + waitMs, token);
  countJob(REVIEW_QUEUE_NAME, "deferred");
  throw new DelayedError();
}

/** Stale head → dropped; a bug → no retry; the model down → retry with a "delayed" check run; the last attempt → "unavailable". */
async function handleFailure(error: unknown, job: ReviewJob, run: ReviewRun): Promise<ReviewJobResult> {
  const { log, attempt, attempts, report } = run;
  if (error instanceof StaleHeadError) {
    // A newer head has (or will get) its own job; never post a review for an old one.
    log.info({ head: run.data.headSha, currentHead: error.currentSha }, "dropped: head moved");
    await recordSafely(log, () => run.audit.finished({ outcome: "stale", currentHead: error.currentSha }));
    return { status: "dropped", reason: "head-moved" };
  }
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof AdvisoryViolationError) {
    // A bug, not bad luck: say on the commit that there is no review, and do not try again.
    await recordSafely(log, () => run.audit.finished({ outcome: "refused-write", error: reason }));
    await report({ kind: "unavailable", reason, attempts: attempt });
    throw stopRetryingBugs(error, log);
  }
  const last = attempt >= attempts;
  await recordSafely(log, () => run.audit.finished({ outcome: last ? "unavailable" : "delayed", error: reason }));
  if (last) {
    log.error({ err: error }, "review job failed on its last attempt");
    await report({ kind: "unavailable", reason, attempts });
  } else if (error instanceof ModelUnavailableError) {
    log.warn({ err: error }, "model unavailable; the job will be retried with backoff");
    if (!run.delayedReported()) {
      await report({ kind: "delayed", reason, attempts });
      await job.updateProgress({ ...progressOf(job), delayedReported: true } satisfies ReviewJobProgress);
    }
  } else {
    log.warn({ err: error }, "review attempt failed; the job will be retried with backoff");
  }
  throw error;
}

/** The job fails anyway; a failing audit write must not hide why. */
async function recordSafely(log: Logger, record: () => Promise<void>): Promise<void> {
  try {
    await record();
  } catch (error) {
    log.error({ err: error }, "could not record the review's end in the audit trail");
  }
}

/** A config file that cannot be read is said where people look; a repository that switched foureyes off hears nothing. */
async function notReviewed(
  outcome: Extract<ReviewOutcome, { status: "not-reviewed" }>,
  report: (checkRun: ReviewCheckRun) => Promise<void>,
): Promise<ReviewJobResult> {
  if (outcome.reason === "config-halted") await report({ kind: "config-halted", configError: outcome.configError ?? "" });
  if (outcome.reason === "nothing-new") await report({ kind: "nothing-new", sinceSha: outcome.sinceSha ?? "" });
  return { status: "not-reviewed", reason: outcome.reason };
}

function parseReviewJob(job: ReviewJob, logger: Logger): ReviewJobData {
  try {
    return parseJobData(reviewJobSchema, job, "review job");
  } catch (error) {
    logger.error({ job: job.id, err: error }, "review job has invalid data; failed without retry");
    throw error;
  }
}

/** Posts this job's check runs; an outage's reason is shown only where the pull request's read said the repository is private. */
function checkRunReporter(
  octokit: GitHubClient,
  target: PullTarget,
  source: PullRequestSource,
  options: { app: AppIdentity; logger: Logger },
): (checkRun: ReviewCheckRun) => Promise<void> {
  return (checkRun) =>
    reportSafely(options.logger, () => postReviewCheckRun(octokit, target, checkRun, { ...options, repositoryPrivate: source.repositoryPrivate() }));
}

/** A failing check-run write must not hide the error that made the job fail. */
async function reportSafely(log: Logger, report: () => Promise<unknown>): Promise<void> {
  try {
    await report();
  } catch (error) {
    log.warn({ err: error }, "could not post the check run about the review's state");
  }
}
