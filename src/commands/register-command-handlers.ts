// The slash commands' webhook intake: a `/foureyes …` comment in a pull
// request's conversation, or a reply in one of its review threads, becomes
// one command job with every command it holds. Permissions and the pull
// request's state are checked in the job, not here.

import type { Probot } from "probot";

import type { CommandJobData } from "./command-job.js";
import { type CommandQueue, enqueueCommand } from "./command-queue.js";
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
