// The Probot app: a pull request webhook becomes one review job, and a slash
// command in a pull request's conversation one command job. Nothing heavier
// happens here — no GitHub call, no model call — so the webhook is answered
// fast; drafts, bot authors and commenters' permissions are decided in the
// worker.

import type { Redis } from "ioredis";
import type { Probot } from "probot";
import { enqueueCommand, type CommandQueue } from "../queues/command-queue.js";
import type { ReportQueue } from "../queues/report-queue.js";
import { registerReportScheduleHandlers } from "../queues/report-scheduler.js";
import { enqueueReview, type ReviewQueue } from "../queues/review-queue.js";
import type { ReviewJobData } from "../queues/review-job.js";
import { parseCommand } from "./commands/parse-command.js";
import { registerReportEventHandlers } from "./reports/record/register-report-event-handlers.js";

export const REVIEW_TRIGGERS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

export interface AppDeps {
  queue: ReviewQueue;
  /** The review-load report's event record (pull_request and pull_request_review webhooks). */
  redis?: Redis;
  /** First part of the event record's keys (FOUREYES_QUEUE_PREFIX; default "foureyes"). */
  keyPrefix?: string;
  /** Weekly report schedules, created and removed with installations. */
  reportQueue?: ReportQueue;
  /** Slash commands (`/foureyes review`, `/foureyes help`) in pull request conversations. */
  commandQueue?: CommandQueue;
}

export function createApp(deps: AppDeps): (app: Probot) => void {
  return (app) => {
    app.on([...REVIEW_TRIGGERS], async (context) => {
      const { payload } = context;
      const pull = payload.pull_request;
      const event = `${context.name}.${payload.action}`;
      const where = {
        delivery: context.id,
        event,
        pull: `${payload.repository.full_name}#${pull.number}`,
        head: pull.head.sha,
      };

      // A PR can be closed by the time a redelivered or late webhook arrives.
      if (pull.state !== "open") {
        context.log.info(where, "ignored: pull request is closed");
        return;
      }
      const installationId = payload.installation?.id;
      if (installationId === undefined) {
        context.log.warn(where, "ignored: webhook carries no installation id (is this a GitHub App delivery?)");
        return;
      }

      const data: ReviewJobData = {
        installationId,
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        pullNumber: pull.number,
        headSha: pull.head.sha,
        event,
        deliveryId: context.id,
      };
      const queued = await enqueueReview(deps.queue, data);
      if (queued.status === "queued") context.log.info({ ...where, job: queued.jobId }, "review queued");
      else context.log.info({ ...where, job: queued.jobId, state: queued.state }, "not queued: this head already has a job");
    });

    const { commandQueue } = deps;
    if (commandQueue) {
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
        const queued = await enqueueCommand(commandQueue, {
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

    if (deps.redis) registerReportEventHandlers(app, { redis: deps.redis, keyPrefix: deps.keyPrefix });
    if (deps.reportQueue) registerReportScheduleHandlers(app, { queue: deps.reportQueue });
  };
}
