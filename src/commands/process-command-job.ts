// The command job processor: answers one slash-command comment. `/foureyes
// review` from someone with write access queues a rerun review of the pull
// request's current head (and reacts "eyes"); from anyone else it gets a
// "confused" reaction and nothing more; on a closed pull request it gets a
// reply saying why nothing happens. `/foureyes help` and unknown commands get
// one reply with the command list. Every command is counted first: over the
// limit, one reply says when to try again (see admit-command.ts).

import type { Job } from "bullmq";
import type { Redis } from "ioredis";

import { parseJobData } from "../../queues/parse-job-data.js";
import { stopRetryingBugs } from "../../queues/stop-retrying-bugs.js";
import type { AuditLog } from "../audit/create-audit-log.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import { formatPullTarget } from "../core/pull-target.js";
import { createIssueComment } from "../github/create-issue-comment.js";
import type { GitHubClient } from "../github/octokit.js";
import { type CommandReaction, reactToComment } from "../github/react-to-comment.js";
import { readPermission } from "../github/read-permission.js";
import { readPullRequest } from "../github/read-pull-request.js";
import { enqueueReview, type ReviewQueue } from "../review/review-queue.js";
import { admitCommand, type CommandAdmission, type CommandLimits } from "./admit-command.js";
import { type CommandJobData, type CommandJobResult, commandJobSchema } from "./command-job.js";
import { mayRequestReview } from "./may-request-review.js";
import { type CommandReply, renderCommandReply } from "./render-command-reply.js";

export interface CommandProcessorDeps {
  /** An Octokit authenticated as the installation (Probot's `auth(installationId)`). */
  getOctokit(installationId: number): Promise<GitHubClient>;
  /** foureyes' own account (read once at start), to find a reply that landed despite an error. */
  app: AppIdentity;
  /** Where a `/foureyes review` puts its rerun job. */
  reviewQueue: ReviewQueue;
  /** Where commands are counted, under `keyPrefix` (FOUREYES_QUEUE_PREFIX; default "foureyes"). */
  redis: Redis;
  keyPrefix?: string | undefined;
  limits: CommandLimits;
  logger: Logger;
  /** The audit trail: one `command` record per answered comment (who, what, result). */
  audit?: AuditLog;
}

/** Kept in the job's progress, so a retried job is counted once. */
interface CommandJobProgress {
  admission?: CommandAdmission;
}

type Reply = (reply: CommandReply) => Promise<{ id: number }>;

export type CommandJob = Job<unknown, CommandJobResult>;

export function createCommandProcessor(deps: CommandProcessorDeps): (job: CommandJob) => Promise<CommandJobResult> {
  return async (job) => {
    const data = parseJobData(commandJobSchema, job, "command job");
    const log = deps.logger.child({ job: job.id, delivery: data.deliveryId, pull: formatPullTarget(data), command: data.command });
    try {
      const result = await answerCommand(job, data, deps, log);
      await deps.audit?.record(data.installationId, "command", {
        repo: `${data.owner}/${data.repo}`,
        pull: data.pullNumber,
        comment: data.commentId,
        sender: data.sender,
        command: data.command,
        result,
      });
      return result;
    } catch (error) {
      throw stopRetryingBugs(error, log);
    }
  };
}

async function answerCommand(job: CommandJob, data: CommandJobData, deps: CommandProcessorDeps, log: Logger): Promise<CommandJobResult> {
  // 1. Counted before anything else, once per comment.
  const admission = await admitOnce(job, data, deps);
  if (admission.status === "help-answered") {
    log.info("command not answered: the command list was given in this pull request in the last minutes");
    return { status: "ignored", reason: "help-answered" };
  }
  if (admission.status === "limited" && !admission.notify) {
    log.info({ scope: admission.scope }, "command not answered: over the limit, and the limit was already announced");
    return { status: "rate-limited", scope: admission.scope, replied: false };
  }

  const octokit = await deps.getOctokit(data.installationId);
  const reply: Reply = (body) => createIssueComment(octokit, data, { body: renderCommandReply(body), answers: data.commentId }, { app: deps.app, logger: log });

  // 2. Over the limit: one reply per pull request and window says when to try again.
  if (admission.status === "limited") {
    await reply({ kind: "rate-limited", scope: admission.scope, retryInMs: admission.retryInMs, now: new Date() });
    log.info({ scope: admission.scope, retryInMs: admission.retryInMs }, "command refused: over the limit; replied when to try again");
    return { status: "rate-limited", scope: admission.scope, replied: true };
  }

  // 3. The command itself. help and unknown: no permission needed, the reply is the same list.
  if (data.command === "review") return requestReview(octokit, deps.reviewQueue, data, log, reply);
  const posted = await reply(data.command);
  log.info({ commentId: posted.id }, "replied to the command comment");
  return { status: "replied", commentId: posted.id };
}

async function admitOnce(job: CommandJob, data: CommandJobData, deps: CommandProcessorDeps): Promise<CommandAdmission> {
  const earlier = (job.progress as CommandJobProgress | undefined)?.admission;
  if (earlier) return earlier;
  const admission = await admitCommand(deps.redis, data, deps.limits, deps.keyPrefix);
  await job.updateProgress({ admission } satisfies CommandJobProgress);
  return admission;
}

async function requestReview(octokit: GitHubClient, reviewQueue: ReviewQueue, data: CommandJobData, log: Logger, reply: Reply): Promise<CommandJobResult> {
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
    await reply("pull-closed");
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
