// The slash commands' webhook intake: a `/foureyes …` comment in a pull
// request's conversation becomes one command job. Permissions and the pull
// request's state are checked in the job, not here.

import type { Probot } from "probot";

import { type CommandQueue, enqueueCommand } from "./command-queue.js";
import { parseCommand } from "./parse-command.js";

export function registerCommandHandlers(app: Probot, deps: { queue: CommandQueue }): void {
  app.on("issue_comment.created", async (context) => {
    const { payload } = context;
    // Plain issues have no head to review; bots (foureyes included) do not give commands.
    if (!payload.issue.pull_request) return;
    if (payload.sender.type === "Bot" || payload.comment.user?.type === "Bot") return;
    const command = parseCommand(payload.comment.body);
    if (!command) return;
    const where = {
      delivery: context.id,
      pull: `${payload.repository.full_name}#${payload.issue.number}`,
      comment: payload.comment.id,
      command: command.name,
    };
    const installationId = payload.installation?.id;
    if (installationId === undefined) {
      context.log.warn(where, "ignored: webhook carries no installation id (is this a GitHub App delivery?)");
      return;
    }
    const queued = await enqueueCommand(deps.queue, {
      installationId,
      owner: payload.repository.owner.login,
      repo: payload.repository.name,
      pullNumber: payload.issue.number,
      commentId: payload.comment.id,
      sender: payload.sender.login,
      command: command.name,
      deliveryId: context.id,
    });
    if (queued.status === "queued") context.log.info({ ...where, job: queued.jobId }, "command queued");
    else context.log.info({ ...where, job: queued.jobId }, "not queued: this comment already has a job");
  });
}
