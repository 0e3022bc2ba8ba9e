// Entry point of the worker process: reads the environment, authenticates as
// the GitHub App, and processes review, slash-command and report jobs until
// SIGTERM/SIGINT, then finishes the jobs in hand and exits.

import { InvalidServerEnvError, loadServerEnv, modelSettingsFrom, reviewLimitsFrom } from "../src/config/server-env.js";
import { createProbot } from "../src/github-app/create-probot.js";
import { InvalidAppEnvError, loadAppEnv } from "../src/github-app/load-app-env.js";
import { createModelClient } from "../src/llm/create-model-client.js";
import { createLogger } from "../src/logger.js";
import { connectRedis, RedisUnreachableError } from "./connection.js";
import { createReviewWorker } from "./create-review-worker.js";
import { createReportQueue } from "./report-queue.js";
import { ensureReportSchedules, listInstallationSchedules } from "./report-scheduler.js";
import { createReviewQueue } from "./review-queue.js";
import { createCommandProcessor, createCommandWorker } from "./workers/command.js";
import { createReportProcessor, createReportWorker } from "./workers/report.js";
import { createReviewProcessor } from "./workers/review.js";

async function main(): Promise<void> {
  // 1. Environment
  const env = loadServerEnv();
  const appEnv = loadAppEnv(process.env, { requireWebhookSecret: false });
  const logger = createLogger(env.LOG_LEVEL, "foureyes-worker");

  // 2. GitHub (installation tokens are minted and cached by Probot) and the model
  const probot = createProbot(appEnv, logger);
  const processor = createReviewProcessor({
    getOctokit: (installationId) => probot.auth(installationId),
    modelClient: createModelClient(modelSettingsFrom(env), logger),
    limits: reviewLimitsFrom(env),
    modelConcurrency: env.FOUREYES_MODEL_CONCURRENCY,
    logger,
  });

  // 3. The queue
  const redis = await connectRedis(env.REDIS_URL, { role: "worker" });
  redis.on("error", (error) => logger.warn({ err: error }, "Redis connection error; reconnecting"));
  const worker = createReviewWorker(redis, processor, {
    concurrency: env.FOUREYES_WORKER_CONCURRENCY,
    prefix: env.FOUREYES_QUEUE_PREFIX,
    lockDurationMs: env.FOUREYES_LOCK_DURATION_MS,
    stalledIntervalMs: env.FOUREYES_STALLED_INTERVAL_MS,
    logger,
  });
  logger.info({ concurrency: env.FOUREYES_WORKER_CONCURRENCY, model: env.FOUREYES_MODEL }, "review worker started");

  // Slash commands: `/foureyes review` puts a rerun job on the review queue.
  const reviewQueue = createReviewQueue(redis, {
    attempts: env.FOUREYES_JOB_ATTEMPTS,
    backoffMs: env.FOUREYES_JOB_BACKOFF_MS,
    prefix: env.FOUREYES_QUEUE_PREFIX,
  });
  const commandWorker = createCommandWorker(
    redis.duplicate(),
    createCommandProcessor({ getOctokit: (id) => probot.auth(id), reviewQueue, logger }),
    { prefix: env.FOUREYES_QUEUE_PREFIX, logger },
  );

  // 4. The weekly review-load report: its worker, and one schedule per installation
  // (upserted by id, so several worker processes still make exactly one).
  const reportQueue = createReportQueue(redis, { prefix: env.FOUREYES_QUEUE_PREFIX });
  const reportWorker = createReportWorker(
    redis.duplicate(),
    createReportProcessor({ getOctokit: (id) => probot.auth(id), redis, keyPrefix: env.FOUREYES_QUEUE_PREFIX, queue: reportQueue, logger }),
    { prefix: env.FOUREYES_QUEUE_PREFIX, logger },
  );
  try {
    await ensureReportSchedules(reportQueue, await listInstallationSchedules(await probot.auth()));
  } catch (error) {
    // Reviews must not wait for this; installation webhooks and the next start create missing schedules.
    logger.warn({ err: error }, "could not create the weekly report schedules for existing installations");
  }

  // 5. Shutdown: stop taking jobs, let running ones finish (their locks keep
  // them ours), then close Redis. A second signal exits at once; the jobs in
  // hand then stall and another worker runs them again.
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      logger.warn({ signal }, "second signal: exiting without waiting for running jobs");
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, "shutting down: finishing running review jobs");
    void Promise.all([worker.close(), reportWorker.close(), commandWorker.close()])
      .then(() => Promise.all([reportQueue.close(), reviewQueue.close()]))
      .then(() => redis.quit())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "unclean shutdown");
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof InvalidServerEnvError || error instanceof InvalidAppEnvError || error instanceof RedisUnreachableError) {
    console.error(`foureyes worker: ${error.message}`);
  } else {
    console.error("foureyes worker: failed to start", error);
  }
  process.exit(1);
});
