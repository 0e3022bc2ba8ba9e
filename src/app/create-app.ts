// The Probot app: each feature registers its own webhook handlers. Nothing
// heavier happens in any of them (no GitHub call, no model call), so webhooks
// are answered fast and the work happens in the worker process.

import type { Probot } from "probot";

import type { CommandQueue } from "../commands/command-queue.js";
import { registerCommandHandlers } from "../commands/register-command-handlers.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { RedisClient } from "../core/redis-client.js";
import { registerReportEventHandlers } from "../reports/record/register-report-event-handlers.js";
import type { ReportQueue } from "../reports/report-queue.js";
import { registerReportScheduleHandlers } from "../reports/report-schedules.js";
import { registerReviewHandlers } from "../review/register-review-handlers.js";
import type { ReviewQueue } from "../review/review-queue.js";

export interface AppDeps {
  /** foureyes' own account (read once at start): the event record counts only its reviews as foureyes'. */
  app: AppIdentity;
  queue: ReviewQueue;
  /** The review-load report's event record (pull_request and pull_request_review webhooks). */
  redis?: RedisClient;
  /** First part of the event record's keys (FOUREYES_QUEUE_PREFIX; default "foureyes"). */
  keyPrefix?: string;
  /** Weekly report schedules, created and removed with installations. */
  reportQueue?: ReportQueue;
  /** Slash commands (`/foureyes review`, `/foureyes help`) in pull request conversations. */
  commandQueue?: CommandQueue;
}

export function createApp(deps: AppDeps): (app: Probot) => void {
  return (app) => {
    registerReviewHandlers(app, { queue: deps.queue });
    if (deps.commandQueue) registerCommandHandlers(app, { queue: deps.commandQueue });
    if (deps.redis) registerReportEventHandlers(app, { redis: deps.redis, keyPrefix: deps.keyPrefix, app: deps.app });
    if (deps.reportQueue) registerReportScheduleHandlers(app, { queue: deps.reportQueue });
  };
}
