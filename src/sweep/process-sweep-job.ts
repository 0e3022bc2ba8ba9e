// The sweep job processor: one job = one catch-up run, either redelivering
// missed webhooks or sweeping open pull requests (src/sweep/sweep-job.ts).

import type { Job } from "bullmq";

import { parseJobData } from "../../queues/parse-job-data.js";
import { stopRetryingBugs } from "../../queues/stop-retrying-bugs.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import type { GitHubClient } from "../github/octokit.js";
import type { ReviewQueue } from "../review/review-queue.js";
import { redeliverMissedWebhooks } from "./redeliver-missed-webhooks.js";
import { type SweepJobResult, sweepJobSchema } from "./sweep-job.js";
import { sweepOpenPulls } from "./sweep-open-pulls.js";

export interface SweepProcessorDeps {
  /** Authenticated as the app itself (Probot's `auth()` without an id): deliveries and installations. */
  getAppOctokit(): Promise<GitHubClient>;
  getOctokit(installationId: number): Promise<GitHubClient>;
  app: AppIdentity;
  reviewQueue: ReviewQueue;
  redis: RedisClient;
  /** FOUREYES_QUEUE_PREFIX (default "foureyes"), for the keys that remember redeliveries. */
  keyPrefix?: string;
  logger: Logger;
  now?: () => Date;
}

export function createSweepProcessor(deps: SweepProcessorDeps): (job: Job<unknown, SweepJobResult>) => Promise<SweepJobResult> {
  return async (job) => {
    const { kind } = parseJobData(sweepJobSchema, job, "sweep job");
    const logger = deps.logger.child({ job: job.id });
    const now = deps.now?.() ?? new Date();
    try {
      const appOctokit = await deps.getAppOctokit();
      if (kind === "redeliver") {
        return await redeliverMissedWebhooks({ appOctokit, redis: deps.redis, keyPrefix: deps.keyPrefix ?? "foureyes", logger, now });
      }
      const { getOctokit, app, reviewQueue, redis } = deps;
      return await sweepOpenPulls({ appOctokit, getOctokit, app, reviewQueue, redis, keyPrefix: deps.keyPrefix ?? "foureyes", logger, now });
    } catch (error) {
      throw stopRetryingBugs(error, logger);
    }
  };
}
