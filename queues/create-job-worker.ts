// The one way to make a BullMQ worker (the thing that takes jobs off a queue
// and hands them to a feature's job processor), with the lock and stalled-job
// settings that make a killed process's job run again elsewhere, and one log
// line per job outcome.

import { type Job, Worker } from "bullmq";

import type { Logger } from "../src/core/logger.js";
import type { RedisClient } from "../src/core/redis-client.js";
import { countJob } from "../src/metrics/count-job.js";

export interface JobWorkerOptions {
  concurrency: number;
  prefix?: string;
  /**
   * How long a job stays locked without a renewal. The lock is renewed every
   * half of it while the process lives, so this only bounds how long a job of
   * a dead process waits before another picks it up.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired (stalled). */
  stalledIntervalMs?: number;
  /**
   * How often a job may stall before it is failed. 2: one crash is
   * recovered, a job that kills its process again and again is not retried forever.
   */
  maxStalledCount?: number;
  logger: Pick<Logger, "info" | "warn" | "error">;
}

/*
 * A dead process's jobs wait for their lock to run out and for the next
 * stalled check, so these two bound how late a crash makes a review (about
 * 45 s at most). Locks are renewed every half lock while the process lives,
 * so a long model call keeps its job; only an event loop blocked for more than
 * about 15 s at once could lose it.
 */
export const DEFAULT_LOCK_DURATION_MS = 30_000;
export const DEFAULT_STALLED_INTERVAL_MS = 15_000;

/** `token` is the job's lock, for a processor that moves its own job (back to delayed). */
export type JobProcessor<Result> = (job: Job<unknown, Result>, token?: string) => Promise<Result>;

/** `what` names the jobs in log lines, e.g. "review job". */
export function createJobWorker<Result>(
  queueName: string,
  what: string,
  connection: RedisClient,
  processor: JobProcessor<Result>,
  options: JobWorkerOptions,
): Worker<unknown, Result> {
  const worker = new Worker<unknown, Result>(queueName, processor, {
    connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
    stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
    maxStalledCount: options.maxStalledCount ?? 2,
  });
  const log = options.logger;
  // A failed job with finishedOn set will not run again (attempts used up, or a bug that stops retrying).
  worker.on("completed", () => countJob(queueName, "completed"));
  worker.on("failed", (job) => countJob(queueName, job?.finishedOn ? "failed" : "retrying"));
  worker.on("stalled", () => countJob(queueName, "stalled"));
  worker.on("completed", (job, result) => log.info({ job: job.id, result }, `${what} completed`));
  worker.on("failed", (job, error) => log.warn({ job: job?.id, attemptsMade: job?.attemptsMade, err: error }, `${what} attempt failed`));
  worker.on("stalled", (jobId) => log.warn({ job: jobId }, `${what} stalled (its worker died or hung); it will run again`));
  worker.on("error", (error) => log.error({ err: error }, `${what} worker error`));
  return worker;
}
