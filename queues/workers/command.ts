// The command job processor: answers one slash-command comment. `/foureyes
// review` from someone with write access queues a rerun review of the pull
// request's current head (and reacts "eyes"); from anyone else it gets a
// "confused" reaction and nothing more. `/foureyes help` and unknown commands
// get one reply with the command list.

import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { mayRequestReview } from "../../src/commands/may-request-review.js";
import { renderCommandReply } from "../../src/commands/render-command-reply.js";
import { httpStatusOf } from "../../src/github/http-status.js";
import type { GitHubClient } from "../../src/github/octokit.js";
import { reactToComment, replyToComment } from "../../src/github/publish.js";
import { formatPullTarget } from "../../src/github/pull-target.js";
import type { Logger } from "../../src/logger.js";
import { COMMAND_QUEUE_NAME, commandJobSchema, type CommandJobData, type CommandJobResult } from "../command-queue.js";
import { enqueueReview, type ReviewQueue } from "../review-queue.js";

export interface CommandProcessorDeps {
  /** An Octokit authenticated as the installation (Probot's `auth(installationId)`). */
  getOctokit(installationId: number): Promise<GitHubClient>;
  /** Where a `/foureyes review` puts its rerun job. */
  reviewQueue: ReviewQueue;
  logger: Logger;
}

export type CommandJob = Job<unknown, CommandJobResult>;

export function createCommandProcessor(deps: CommandProcessorDeps): (job: CommandJob) => Promise<CommandJobResult> {
  return async (job) => {
    const parsed = commandJobSchema.safeParse(job.data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      deps.logger.error({ job: job.id, problems }, "command job has invalid data; failed without retry");
      throw new UnrecoverableError(`invalid command job data: ${problems}`);
    }
    const data = parsed.data;
    const log = deps.logger.child({ job: job.id, delivery: data.deliveryId, pull: formatPullTarget(data), command: data.command });
    const octokit = await deps.getOctokit(data.installationId);

    if (data.command === "review") return requestReview(octokit, deps.reviewQueue, data, log);

    // help and unknown: no permission needed, the reply is the same list.
    const reply = await replyToComment(octokit, data, renderCommandReply(data.command), log);
    return { status: "replied", commentId: reply.id };
  };
}

async function requestReview(octokit: GitHubClient, reviewQueue: ReviewQueue, data: CommandJobData, log: Logger): Promise<CommandJobResult> {
  const { owner, repo, pullNumber, commentId, sender } = data;

  // 1. Only people who may push may spend the model's time on a rerun.
  const permission = await readPermission(octokit, owner, repo, sender);
  if (!mayRequestReview(permission)) {
    await reactToComment(octokit, data, commentId, "confused", log);
    log.info({ sender, permission }, "re-review refused: the commenter has no write access");
    return { status: "refused", permission };
  }

  // 2. The pull request's current head is what gets reviewed.
  const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  if (pr.state !== "open") {
    log.info({ sender, state: pr.state }, "re-review ignored: the pull request is closed");
    return { status: "ignored", reason: "pull-closed" };
  }

  // 3. One rerun job per comment: a retried command job finds it and adds none.
  const queued = await enqueueReview(reviewQueue, {
    installationId: data.installationId,
    owner,
    repo,
    pullNumber,
    headSha: pr.head.sha,
    event: "issue_comment.created",
    ...(data.deliveryId ? { deliveryId: data.deliveryId } : {}),
    rerun: { commentId, requestedBy: sender },
  });
  log.info({ sender, head: pr.head.sha, reviewJob: queued.jobId, queued: queued.status }, "re-review queued");

  // 4. Last, so a failed reaction retries the job without a second review.
  await reactToComment(octokit, data, commentId, "eyes", log);
  return { status: "review-queued", reviewJobId: queued.jobId };
}

/** The commenter's permission on the repository; "none" when GitHub does not know them as a collaborator. */
async function readPermission(octokit: GitHubClient, owner: string, repo: string, username: string): Promise<string> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    return data.permission;
  } catch (error) {
    if (httpStatusOf(error) === 404) return "none";
    throw error;
  }
}

export function createCommandWorker(
  connection: Redis,
  processor: (job: CommandJob) => Promise<CommandJobResult>,
  options: { concurrency?: number; prefix?: string; logger: Logger },
): Worker<unknown, CommandJobResult> {
  const worker = new Worker<unknown, CommandJobResult>(COMMAND_QUEUE_NAME, processor, {
    connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    concurrency: options.concurrency ?? 4,
  });
  const log = options.logger;
  worker.on("completed", (job, result) => log.info({ job: job.id, result }, "command job completed"));
  worker.on("failed", (job, error) => log.warn({ job: job?.id, attemptsMade: job?.attemptsMade, err: error }, "command job attempt failed"));
  worker.on("error", (error) => log.error({ err: error }, "command worker error"));
  return worker;
}
