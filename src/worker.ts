// Entry point of the worker process: reads the environment, authenticates as
// the GitHub App, and runs review, slash-command and report jobs until
// SIGTERM/SIGINT, then finishes the jobs in hand and exits.

import type { Worker } from "bullmq";
import type { Probot } from "probot";

import { connectRedis } from "../queues/connection.js";
import { type GracefulClose, prepareGracefulClose } from "../queues/prepare-graceful-close.js";
import { createProbot } from "./app/create-probot.js";
import { exitOnStartupFailure } from "./app/exit-on-startup-failure.js";
import { loadAppEnv } from "./app/load-app-env.js";
import { startWorkerHttpServer } from "./app/start-worker-http-server.js";
import { auditGitHubWrites } from "./audit/audit-github-writes.js";
import type { AuditLog } from "./audit/create-audit-log.js";
import { openAuditLog } from "./audit/open-audit-log.js";
import { COMMAND_WINDOW_MS } from "./commands/admit-command.js";
import { createCommandWorker } from "./commands/command-queue.js";
import { createCommandProcessor } from "./commands/process-command-job.js";
import { loadServerEnv, modelSettingsFrom, reviewLimitsFrom, type ServerEnv } from "./config/server-env.js";
import type { AppIdentity } from "./core/app-identity.js";
import { createLogger, type Logger } from "./core/logger.js";
import type { RedisClient } from "./core/redis-client.js";
import { createWritePace, type WritePace } from "./github/create-write-pace.js";
import type { GitHubClient } from "./github/octokit.js";
import { paceGitHubWrites } from "./github/pace-github-writes.js";
import { readAppIdentity } from "./github/read-app-identity.js";
import { watchRateLimit } from "./github/watch-rate-limit.js";
import { createLearningStore } from "./learning/learning-store.js";
import { createModelClient } from "./llm/create-model-client.js";
import { measureModelCalls } from "./llm/measure-model-calls.js";
import { modelServerSlots } from "./llm/model-server-slots.js";
import { type ModelContext, resolveModelContext } from "./llm/resolve-model-context.js";
import { createReportProcessor } from "./reports/process-report-job.js";
import { createReportQueue, createReportWorker, type ReportQueue } from "./reports/report-queue.js";
import { ensureReportSchedules, listInstallationSchedules } from "./reports/report-schedules.js";
import { closeAnalysisThreads } from "./review/analysis-threads.js";
import { createPauseStore } from "./review/pause-store.js";
import { createReviewProcessor } from "./review/process-review-job.js";
import { reportStalledReviews } from "./review/report-stalled-reviews.js";
import { createReviewQueue, createReviewWorker, type ReviewQueue } from "./review/review-queue.js";
import { startSweepWorker } from "./sweep/start-sweep-worker.js";

interface Running {
  workers: Worker[];
  graceful: GracefulClose;
  reviewQueue: ReviewQueue;
  reportQueue: ReportQueue;
  redis: RedisClient;
}

async function main(): Promise<void> {
  // 1. Environment
  const env = loadServerEnv();
  const appEnv = loadAppEnv(process.env, { requireWebhookSecret: false });
  const logger = createLogger(env.LOG_LEVEL, "foureyes-worker");

  // 2. Redis, and GitHub (installation tokens are minted and cached by Probot) at one pace per installation for all workers
  const redis = await connectRedis(env, { role: "worker" });
  redis.on("error", (error) => logger.warn({ err: error }, "Redis connection error; reconnecting"));
  const probot = createProbot(appEnv, logger, { redis, prefix: env.FOUREYES_QUEUE_PREFIX });
  // Who foureyes is: only what this account wrote counts as foureyes' (markers can be typed by anyone).
  const app = await readAppIdentity(await probot.auth());
  logger.info({ app: app.login }, "GitHub App identity read");

  // 3. The audit trail: every write to GitHub through an installation's Octokit is recorded.
  const audit = await openAuditLog(
    redis,
    { prefix: env.FOUREYES_QUEUE_PREFIX ?? "foureyes", retentionDays: env.FOUREYES_AUDIT_RETENTION_DAYS, signingKeyPem: env.FOUREYES_AUDIT_SIGNING_KEY },
    logger,
  );
  // Writes go at GitHub's pace, one content budget per installation shared by all workers through Redis.
  const pace = createWritePace(redis, { prefix: env.FOUREYES_QUEUE_PREFIX, budget: env.FOUREYES_GITHUB_CONTENT_BUDGET });
  const getOctokit = async (installationId: number) =>
    auditGitHubWrites(paceGitHubWrites(watchRateLimit(await probot.auth(installationId), installationId), installationId, pace, { logger }), audit, installationId);

  // Probes, metrics and the operator's queue view on FOUREYES_WORKER_HTTP_PORT (a taken port stops the worker before it holds jobs).
  await startWorkerHttpServer(env, redis, logger);

  // 4. The three job workers, their prompts sized to the model server's context window (one line says what was found or what to set)
  const modelContext = await resolveModelContext(modelSettingsFrom(env), env.FOUREYES_MODEL_CONTEXT_TOKENS, logger);
  const running = startWorkers(env, { getOctokit, getAppOctokit: () => probot.auth(), app, audit, modelContext, pace }, redis, logger);

  // 5. Shutdown, as soon as the workers may hold jobs
  handleSignals(running, env.FOUREYES_SHUTDOWN_GRACE_MS, logger);

  // 6. One weekly report schedule per installation (upserted by id, so several processes still make one).
  await scheduleReports(running.reportQueue, probot, logger);
}

interface WorkerContext {
  getOctokit(installationId: number): Promise<GitHubClient>;
  /** Authenticated as the app (JWT): webhook deliveries and installations, for the sweep. */
  getAppOctokit(): Promise<GitHubClient>;
  app: AppIdentity;
  audit: AuditLog;
  modelContext: ModelContext;
  /** GitHub's pace per installation: a review whose post would wait long goes back on the queue. */
  pace: WritePace;
}

function startWorkers(env: ServerEnv, context: WorkerContext, redis: RedisClient, logger: Logger): Running {
  const prefix = env.FOUREYES_QUEUE_PREFIX;
  const { getOctokit, app, audit, modelContext, pace } = context;
  // Every model request counts against the server's limit across all workers; prompts fit its context window.
  const slots = modelServerSlots(redis, env);
  const limits = { ...reviewLimitsFrom(env), maxPromptTokens: modelContext.maxPromptTokens };

  const reviewWorker = createReviewWorker(
    redis,
    createReviewProcessor({
      getOctokit,
      app,
      modelClient: measureModelCalls(createModelClient(modelContext.settings, logger, { slots })),
      limits,
      modelConcurrency: env.FOUREYES_MODEL_CONCURRENCY,
      logger,
      audit,
      auditContent: env.FOUREYES_AUDIT_CONTENT,
      modelUrl: env.FOUREYES_MODEL_URL,
      pauses: createPauseStore(redis, prefix),
      learning: createLearningStore(redis, prefix),
      pace,
    }),
    {
      concurrency: env.FOUREYES_WORKER_CONCURRENCY,
      prefix,
      lockDurationMs: env.FOUREYES_LOCK_DURATION_MS,
      stalledIntervalMs: env.FOUREYES_STALLED_INTERVAL_MS,
      logger,
    },
  );
  // A job whose worker died too often is failed without its processor: still a neutral check run on the commit.
  reportStalledReviews(reviewWorker, { getOctokit, app, logger });
  logger.info({ concurrency: env.FOUREYES_WORKER_CONCURRENCY, model: env.FOUREYES_MODEL }, "review worker started");

  // `/foureyes review` puts a rerun job on the review queue.
  const reviewQueue = createReviewQueue(redis, { attempts: env.FOUREYES_JOB_ATTEMPTS, backoffMs: env.FOUREYES_JOB_BACKOFF_MS, prefix });
  const commandLimits = { perPull: env.FOUREYES_COMMANDS_PER_PULL, perInstallation: env.FOUREYES_COMMANDS_PER_INSTALLATION, windowMs: COMMAND_WINDOW_MS };
  const commandWorker = createCommandWorker(
    redis.duplicate(),
    createCommandProcessor({
      ...{ getOctokit, app, reviewQueue, redis, keyPrefix: prefix, limits: commandLimits, logger, audit },
      // `/foureyes ask` answers through the model, under the same limits as reviews.
      model: createModelClient(modelContext.settings, logger, { slots }),
      reviewLimits: limits,
    }),
    { prefix, logger },
  );

  const reportQueue = createReportQueue(redis, { prefix });
  const reportWorker = createReportWorker(
    redis.duplicate(),
    createReportProcessor({ getOctokit, app, redis, keyPrefix: prefix, queue: reportQueue, logger, audit }),
    { prefix, logger },
  );
  const sweep = { ...context, reviewQueue, redis, keyPrefix: prefix, logger };
  const workers = [reviewWorker, commandWorker, reportWorker, startSweepWorker(redis.duplicate(), sweep, { prefix, everyMs: env.FOUREYES_SWEEP_INTERVAL_MS, logger })];
  return { workers, graceful: prepareGracefulClose(workers, logger), reviewQueue, reportQueue, redis };
}

async function scheduleReports(reportQueue: ReportQueue, probot: Probot, logger: Logger): Promise<void> {
  try {
    await ensureReportSchedules(reportQueue, await listInstallationSchedules(await probot.auth()));
  } catch (error) {
    // Reviews must not wait for this; installation webhooks and the next start create missing schedules.
    logger.warn({ err: error }, "could not create the weekly report schedules for existing installations");
  }
}

/**
 * Stop taking jobs, let running ones finish within the grace period (their
 * locks keep them ours), hand the rest back to the queue, then close Redis. A
 * second signal exits at once; the jobs in hand then stall and another worker
 * runs them again.
 */
function handleSignals(running: Running, graceMs: number, logger: Logger): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      logger.warn({ signal }, "second signal: exiting without waiting for running jobs");
      process.exit(1);
    }
    closing = true;
    logger.info({ signal, graceMs }, "shutting down: finishing running jobs");
    void running.graceful
      .close(graceMs)
      .then((outcome) => {
        if (!outcome.finished) logger.warn({ jobs: outcome.handedBack }, "grace period over: running jobs handed back to the queue");
      })
      .then(() => Promise.all([running.reviewQueue.close(), running.reportQueue.close()]))
      .then(() => running.redis.quit())
      .then(() => closeAnalysisThreads())
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

main().catch((error: unknown) => exitOnStartupFailure("worker", error));
