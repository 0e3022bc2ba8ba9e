// The slash commands' webhook intake: a `/foureyes …` comment in a pull
// request's conversation, or a reply in one of its review threads, becomes
// one command job with every command it holds. A closed pull request and a
// resolved review thread become a learn job (learn-job.ts). Permissions and
// the pull request's state are checked in the jobs, not here.

import type { Probot } from "probot";

import type { CommandJobData } from "./command-job.js";
import { type CommandQueue, enqueueCommand, enqueueLearning } from "./command-queue.js";
import type { LearnJobData } from "./learn-job.js";
import { parseCommands } from "./parse-command.js";

type Author = { type?: string } | null | undefined;
type Log = { info(fields: object, message: string): void; warn(fields: object, message: string): void };

export function registerCommandHandlers(app: Probot, deps: { queue: CommandQueue }): void {
  app.on("issue_comment.created", async (context) => {
    const { payload } = context;
    // Plain issues have no head to review.
    if (!payload.issue.pull_request) return;
    const comment = { id: payload.comment.id, body: payload.comment.body, user: payload.comment.user, where: "conversation" } as const;
    await intake(deps.queue, context.id, context.log, { payload, pullNumber: payload.issue.number, comment });
  });

  app.on("pull_request_review_comment.created", async (context) => {
    const { payload } = context;
    const { comment } = payload;
    const reply = comment.in_reply_to_id ? { inReplyTo: comment.in_reply_to_id } : {};
    const where = { id: comment.id, body: comment.body, user: comment.user, where: "review-thread", ...reply } as const;
    await intake(deps.queue, context.id, context.log, { payload, pullNumber: payload.pull_request.number, comment: where });
  });

  // What the team said about foureyes' comments: read when the pull request closes (reactions send no webhook) and when a thread is resolved.
  app.on("pull_request.closed", async (context) => {
    const { payload } = context;
    const trigger = { kind: "closed" } as const;
    await learnFrom(deps.queue, context.id, context.log, { payload, pull: payload.pull_request, trigger });
  });

  app.on("pull_request_review_thread.resolved", async (context) => {
    const { payload } = context;
    const first = payload.thread.comments[0];
    const { sender } = payload;
    if (!first || !sender || sender.type === "Bot") return;
    const trigger = { kind: "thread-resolved", commentId: first.id, resolvedBy: sender.login } as const;
    await learnFrom(deps.queue, context.id, context.log, { payload: { ...payload, sender }, pull: payload.pull_request, trigger });
  });
}

async function learnFrom(
  queue: CommandQueue,
  delivery: string,
  log: Log,
  { payload, pull, trigger }: Pick<Intake, "payload"> & { pull: { number: number; user: { login: string } | null }; trigger: LearnJobData["trigger"] },
): Promise<void> {
  const installationId = payload.installation?.id;
  if (installationId === undefined || !pull.user) return;
  const data: LearnJobData = {
    installationId,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    pullNumber: pull.number,
    authorLogin: pull.user.login,
    trigger,
    deliveryId: delivery,
  };
  const queued = await enqueueLearning(queue, data);
  log.info({ delivery, pull: `${payload.repository.full_name}#${pull.number}`, trigger: trigger.kind, job: queued.jobId, queued: queued.status }, "learn job queued");
}

interface Intake {
  payload: { sender: { login: string; type?: string }; installation?: { id: number }; repository: { full_name: string; name: string; owner: { login: string } } };
  pullNumber: number;
  comment: { id: number; body: string; user: Author; where: "conversation" | "review-thread"; inReplyTo?: number };
}

async function intake(queue: CommandQueue, delivery: string, log: Log, { payload, pullNumber, comment }: Intake): Promise<void> {
  // Bots (foureyes included) do not give commands.
  if (payload.sender.type === "Bot" || comment.user?.type === "Bot") return;
  const commands = parseCommands(comment.body);
  if (commands.length === 0) return;
  const where = { delivery, pull: `${payload.repository.full_name}#${pullNumber}`, comment: comment.id, commands: commands.map((command) => command.name) };
  const installationId = payload.installation?.id;
  if (installationId === undefined) {
    log.warn(where, "ignored: webhook carries no installation id (is this a GitHub App delivery?)");
    return;
  }
  const data: CommandJobData = {
    installationId,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    pullNumber,
    commentId: comment.id,
    sender: payload.sender.login,
    commands,
    where: comment.where,
    ...(comment.inReplyTo !== undefined ? { inReplyTo: comment.inReplyTo } : {}),
    deliveryId: delivery,
  };
  const queued = await enqueueCommand(queue, data);
  if (queued.status === "queued") log.info({ ...where, job: queued.jobId }, "command queued");
  else log.info({ ...where, job: queued.jobId }, "not queued: this comment already has a job");
}
