// The command job processor: answers one comment's slash commands. Every
// comment is counted first: over the limit, one reply says when to try again
// (see admit-command.ts). `/foureyes help` (and an unknown command) is open to
// all; every other command needs write access, and without it the comment gets
// one reply and nothing runs. Then each command runs once (run-commands.ts),
// and one reply answers all of them; a queued review also gets an "eyes"
// reaction on a conversation comment.

import type { Job } from "bullmq";

import { parseJobData } from "../../queues/parse-job-data.js";
import { stopRetryingBugs } from "../../queues/stop-retrying-bugs.js";
import type { AuditLog } from "../audit/create-audit-log.js";
import type { ReviewLimits } from "../config/server-env.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import { formatPullTarget } from "../core/pull-target.js";
import type { RedisClient } from "../core/redis-client.js";
import { createIssueComment } from "../github/create-issue-comment.js";
import type { GitHubClient } from "../github/octokit.js";
import { reactToComment } from "../github/react-to-comment.js";
import { readPermission } from "../github/read-permission.js";
import { createLearningStore, type LearningStore } from "../learning/learning-store.js";
import type { ModelClient } from "../llm/model-client.js";
import { createPauseStore, type PauseStore } from "../review/pause-store.js";
import type { ReviewQueue } from "../review/review-queue.js";
import { admitCommand, type CommandAdmission, type CommandLimits } from "./admit-command.js";
import { type CommandJobData, type CommandJobResult, commandJobSchema } from "./command-job.js";
import { LEARN_JOB_NAME, type LearnJobResult } from "./learn-job.js";
import { mayRequestReview } from "./may-request-review.js";
import { processLearnJob } from "./process-learn-job.js";
import { type CommandReply, renderCommandReply } from "./render-command-reply.js";
import { runCommands } from "./run-commands.js";

export interface CommandProcessorDeps {
  /** An Octokit authenticated as the installation (Probot's `auth(installationId)`). */
  getOctokit(installationId: number): Promise<GitHubClient>;
  /** foureyes' own account (read once at start), to find a reply that landed despite an error. */
  app: AppIdentity;
  /** Where a `/foureyes review` puts its rerun job. */
  reviewQueue: ReviewQueue;
  /** Where commands are counted, under `keyPrefix` (FOUREYES_QUEUE_PREFIX; default "foureyes"). */
  redis: RedisClient;
  keyPrefix?: string | undefined;
  limits: CommandLimits;
  logger: Logger;
  /** The audit trail: one `command` record per answered comment (who, what, result). */
  audit?: AuditLog;
  /** `/foureyes pause` / `resume` state and what the team taught foureyes; by default in `redis`. */
  pauses?: PauseStore;
  learning?: LearningStore;
  /** `/foureyes ask` answers through the model, under the review limits; without them it says it cannot answer. */
  model?: ModelClient;
  reviewLimits?: ReviewLimits;
}

/** Kept in the job's progress, so a retried job is counted once. */
interface CommandJobProgress {
  admission?: CommandAdmission;
}

type Reply = (parts: CommandReply[]) => Promise<{ id: number }>;

export type CommandJob = Job<unknown, CommandJobResult | LearnJobResult>;

export function createCommandProcessor(deps: CommandProcessorDeps): (job: CommandJob) => Promise<CommandJobResult | LearnJobResult> {
  const learning = deps.learning ?? createLearningStore(deps.redis, deps.keyPrefix);
  return async (job) => {
    if (job.name === LEARN_JOB_NAME) return processLearnJob(job, { ...deps, learning });
    const data = parseJobData(commandJobSchema, job, "command job");
    const log = deps.logger.child({ job: job.id, delivery: data.deliveryId, pull: formatPullTarget(data), commands: data.commands.map((command) => command.name) });
    try {
      const result = await answerCommand(job, data, deps, log);
      await deps.audit?.record(data.installationId, "command", {
        repo: `${data.owner}/${data.repo}`,
        pull: data.pullNumber,
        comment: data.commentId,
        sender: data.sender,
        commands: data.commands.map((command) => command.name),
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
  const reply: Reply = (parts) => createIssueComment(octokit, data, { body: renderCommandReply(parts), answers: data.commentId }, { app: deps.app, logger: log });

  // 2. Over the limit: one reply per pull request and window says when to try again.
  if (admission.status === "limited") {
    await reply([{ kind: "rate-limited", scope: admission.scope, retryInMs: admission.retryInMs, now: new Date() }]);
    log.info({ scope: admission.scope, retryInMs: admission.retryInMs }, "command refused: over the limit; replied when to try again");
    return { status: "rate-limited", scope: admission.scope, replied: true };
  }

  // 3. Everything but the command list spends the model's time or changes state: write access only, one reply otherwise.
  if (data.commands.some((command) => !OPEN_TO_ALL.has(command.name))) {
    const permission = await readPermission(octokit, data, data.sender);
    if (!mayRequestReview(permission)) {
      const posted = await reply([{ kind: "refused", permission }]);
      log.info({ sender: data.sender, permission }, "commands refused: the commenter has no write access");
      return { status: "refused", permission, replyId: posted.id };
    }
  }

  // 4. Each command once, in order; then one reply for all that have something to say.
  const { outcomes, replies } = await runCommands({ octokit, data, app: deps.app, reviewQueue: deps.reviewQueue, pauses: deps.pauses ?? createPauseStore(deps.redis, deps.keyPrefix), learning: deps.learning ?? createLearningStore(deps.redis, deps.keyPrefix), model: deps.model, reviewLimits: deps.reviewLimits, log });
  const posted = replies.length > 0 ? await reply(replies) : undefined;
  if (posted) log.info({ commentId: posted.id }, "replied to the command comment");
  // Last, so a failed reaction retries the job without a second review.
  if (outcomes.some((outcome) => outcome.status === "review-queued")) {
    await reactToComment(octokit, data, { id: data.commentId, where: data.where ?? "conversation" }, "eyes");
    log.info({ commentId: data.commentId, content: "eyes" }, "reacted to the command comment");
  }
  return { status: "answered", done: outcomes, ...(posted ? { replyId: posted.id } : {}) };
}

/** Commands anyone may give: they only list. */
const OPEN_TO_ALL = new Set(["help", "unknown"]);

async function admitOnce(job: CommandJob, data: CommandJobData, deps: CommandProcessorDeps): Promise<CommandAdmission> {
  const earlier = (job.progress as CommandJobProgress | undefined)?.admission;
  if (earlier) return earlier;
  const admission = await admitCommand(deps.redis, data, deps.limits, deps.keyPrefix);
  await job.updateProgress({ admission } satisfies CommandJobProgress);
  return admission;
}
