// Runs the commands of one comment, in the order written, each once, and
// collects what the one reply says about them. Permission and the rate limit
// were checked before (process-command-job.ts). Every step is safe to run
// again when the job is retried: a review job has one id per comment, pause
// and resume set a state, forget marks a comment.

import type { ReviewLimits } from "../config/server-env.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { GitHubClient } from "../github/octokit.js";
import { type PullRequestFacts, readPullRequest } from "../github/read-pull-request.js";
import { readRepoConfig } from "../github/read-repo-config.js";
import type { LearningStore } from "../learning/learning-store.js";
import type { ModelClient } from "../llm/model-client.js";
import type { PauseStore } from "../review/pause-store.js";
import { enqueueReview, type ReviewQueue } from "../review/review-queue.js";
import { answerQuestion } from "./answer-question.js";
import type { CommandJobData, CommandOutcome } from "./command-job.js";
import type { CommandReply } from "./render-command-reply.js";

export interface CommandContext {
  octokit: GitHubClient;
  data: CommandJobData;
  app: AppIdentity;
  reviewQueue: ReviewQueue;
  pauses: PauseStore;
  learning: LearningStore;
  model?: ModelClient | undefined;
  reviewLimits?: ReviewLimits | undefined;
  log: Logger;
}

type Command = CommandJobData["commands"][number];
type Step = { outcome: CommandOutcome; reply?: CommandReply };

export async function runCommands(context: CommandContext): Promise<{ outcomes: CommandOutcome[]; replies: CommandReply[] }> {
  let pr: Promise<PullRequestFacts> | undefined;
  const readPull = () => (pr ??= readPullRequest(context.octokit, context.data));
  const names = new Set(context.data.commands.map((command) => command.name));
  const outcomes: CommandOutcome[] = [];
  const replies: CommandReply[] = [];
  for (const command of context.data.commands) {
    // `full` covers all that `review` would, and either covers `tests`: one review for the comment.
    if (command.name === "review" && names.has("full")) continue;
    if (command.name === "tests" && (names.has("review") || names.has("full"))) continue;
    const step = await runCommand(command, context, readPull);
    context.log.info({ command: command.name, outcome: step.outcome.status }, "command done");
    outcomes.push(step.outcome);
    if (step.reply && !replies.some((reply) => reply.kind === step.reply?.kind)) replies.push(step.reply);
  }
  return { outcomes, replies };
}

async function runCommand(command: Command, context: CommandContext, readPull: () => Promise<PullRequestFacts>): Promise<Step> {
  const { data } = context;
  switch (command.name) {
    case "review":
    case "full":
    case "tests":
      return requestReview(command.name, context, await readPull());
    case "pause":
      await context.pauses.pause(data, data.sender);
      return { outcome: { command: "pause", status: "done" }, reply: { kind: "paused" } };
    case "resume":
      await context.pauses.resume(data, data.sender);
      return { outcome: { command: "resume", status: "done" }, reply: { kind: "resumed" } };
    case "ask":
      return ask(command.question, context, await readPull());
    case "forget":
      return forget(context);
    case "help":
    case "unknown":
      return listCommands(command.name, context);
  }
}

async function requestReview(command: "review" | "full" | "tests", context: CommandContext, pr: PullRequestFacts): Promise<Step> {
  const { data } = context;
  if (pr.state !== "open") return { outcome: { command, status: "pull-closed" }, reply: { kind: "pull-closed" } };
  const queued = await enqueueReview(context.reviewQueue, {
    installationId: data.installationId,
    owner: data.owner,
    repo: data.repo,
    pullNumber: data.pullNumber,
    headSha: pr.headSha,
    event: data.where === "review-thread" ? "pull_request_review_comment.created" : "issue_comment.created",
    ...(data.deliveryId ? { deliveryId: data.deliveryId } : {}),
    rerun: { commentId: data.commentId, requestedBy: data.sender },
    // `/foureyes tests` looks at the whole pull request, for test suggestions only.
    scope: command === "review" ? "incremental" : "full",
    ...(command === "tests" ? { only: "tests" as const } : {}),
  });
  context.log.info({ head: pr.headSha, reviewJob: queued.jobId, queued: queued.status, scope: command }, "re-review queued");
  return { outcome: { command, status: "review-queued", reviewJobId: queued.jobId } };
}

async function ask(question: string, context: CommandContext, pr: PullRequestFacts): Promise<Step> {
  if (pr.state !== "open") return { outcome: { command: "ask", status: "pull-closed" }, reply: { kind: "pull-closed" } };
  if (!context.model || !context.reviewLimits) return { outcome: { command: "ask", status: "model-unavailable" }, reply: { kind: "answer-unavailable" } };
  const target = { owner: context.data.owner, repo: context.data.repo, pullNumber: context.data.pullNumber, headSha: pr.headSha };
  const answer = await answerQuestion({ octokit: context.octokit, target, question, model: context.model, limits: context.reviewLimits, app: context.app });
  if (answer.status === "answered") return { outcome: { command: "ask", status: "answered" }, reply: { kind: "answer", text: answer.text } };
  const kind = answer.status === "disabled" ? "answer-disabled" : "answer-unavailable";
  return { outcome: { command: "ask", status: "model-unavailable" }, reply: { kind } };
}

async function forget(context: CommandContext): Promise<Step> {
  const { data } = context;
  const forgotten = data.inReplyTo !== undefined && (await context.learning.forget(data, data.inReplyTo));
  return forgotten
    ? { outcome: { command: "forget", status: "forgotten" }, reply: { kind: "forgotten" } }
    : { outcome: { command: "forget", status: "nothing-to-forget" }, reply: { kind: "nothing-to-forget" } };
}

async function listCommands(command: "help" | "unknown", context: CommandContext): Promise<Step> {
  // Without a ref GitHub reads the default branch, where the settings live.
  const read = await readRepoConfig(context.octokit, context.data);
  return { outcome: { command, status: "listed" }, reply: { kind: command, config: read.config, configError: read.error } };
}
