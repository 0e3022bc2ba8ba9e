// The Probot app: a pull request webhook becomes one review job. Nothing
// heavier happens here — no GitHub call, no model call — so the webhook is
// answered fast; drafts and bot authors are decided in the worker, which
// reads the repository's config.

import type { Redis } from "ioredis";
import type { Probot } from "probot";
import type { ReportQueue } from "../queues/report-queue.js";
import { registerReportScheduleHandlers } from "../queues/report-scheduler.js";
import { enqueueReview, type ReviewQueue } from "../queues/review-queue.js";
import type { ReviewJobData } from "../queues/review-job.js";
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

    if (deps.redis) registerReportEventHandlers(app, { redis: deps.redis, keyPrefix: deps.keyPrefix });
    if (deps.reportQueue) registerReportScheduleHandlers(app, { queue: deps.reportQueue });
  };
}
