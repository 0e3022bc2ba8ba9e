// The command job processor: answers one slash-command comment. `/foureyes
// review` from someone with write access queues a rerun review of the pull
// request's current head (and reacts "eyes"); from anyone else it gets a
// "confused" reaction and nothing more. `/foureyes help` and unknown commands
// get one reply with the command list.

import type { Job } from "bullmq";
import { parseJobData } from "../../queues/parse-job-data.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import { formatPullTarget } from "../core/pull-target.js";
import { createIssueComment } from "../github/create-issue-comment.js";
import type { GitHubClient } from "../github/octokit.js";
import { reactToComment, type CommandReaction } from "../github/react-to-comment.js";
import { readPermission } from "../github/read-permission.js";
import { readPullRequest } from "../github/read-pull-request.js";
import { enqueueReview, type ReviewQueue } from "../review/review-queue.js";
import { commandJobSchema, type CommandJobData, type CommandJobResult } from "./command-job.js";
import { mayRequestReview } from "./may-request-review.js";
import { renderCommandReply } from "./render-command-reply.js";

export interface CommandProcessorDeps {
  /** An Octokit authenticated as the installation (Probot's `auth(installationId)`). */
  getOctokit(installationId: number): Promise<GitHubClient>;
  /** foureyes' own account (read once at start), to find a reply that landed despite an error. */
  app: AppIdentity;
  /** Where a `/foureyes review` puts its rerun job. */
  reviewQueue: ReviewQueue;
  logger: Logger;
}

export type CommandJob = Job<unknown, CommandJobResult>;

export function createCommandProcessor(deps: CommandProcessorDeps): (job: CommandJob) => Promise<CommandJobResult> {
  return async (job) => {
    const data = parseJobData(commandJobSchema, job, "command job");
    const log = deps.logger.child({ job: job.id, delivery: data.deliveryId, pull: formatPullTarget(data), command: data.command });
    const octokit = await deps.getOctokit(data.installationId);

    if (data.command === "review") return requestReview(octokit, deps.reviewQueue, data, log);

    // help and unknown: no permission needed, the reply is the same list.
    const reply = await createIssueComment(
      octokit,
      data,
      { body: renderCommandReply(data.command), answers: data.commentId },
      { app: deps.app, logger: log },
    );
    log.info({ commentId: reply.id }, "replied to the command comment");
    return { status: "replied", commentId: reply.id };
  };
}

async function requestReview(octokit: GitHubClient, reviewQueue: ReviewQueue, data: CommandJobData, log: Logger): Promise<CommandJobResult> {
  const { owner, repo, pullNumber, commentId, sender } = data;
  const react = async (content: CommandReaction) => {
    await reactToComment(octokit, data, commentId, content);
    log.info({ commentId, content }, "reacted to the command comment");
  };

  // 1. Only people who may push may spend the model's time on a rerun.
  const permission = await readPermission(octokit, data, sender);
  if (!mayRequestReview(permission)) {
    await react("confused");
    log.info({ sender, permission }, "re-review refused: the commenter has no write access");
    return { status: "refused", permission };
  }

  // 2. The pull request's current head is what gets reviewed.
  const pr = await readPullRequest(octokit, data);
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
    headSha: pr.headSha,
    event: "issue_comment.created",
    ...(data.deliveryId ? { deliveryId: data.deliveryId } : {}),
    rerun: { commentId, requestedBy: sender },
  });
  log.info({ sender, head: pr.headSha, reviewJob: queued.jobId, queued: queued.status }, "re-review queued");

  // 4. Last, so a failed reaction retries the job without a second review.
  await react("eyes");
  return { status: "review-queued", reviewJobId: queued.jobId };
}
