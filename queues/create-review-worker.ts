// The BullMQ worker for the review queue, with the lock and stalled-job
// settings that make a killed worker's job run again on another worker.

import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../src/logger.js";
import { REVIEW_QUEUE_NAME, type ReviewJobResult } from "./review-job.js";
import type { ReviewJob } from "./workers/review.js";

export interface ReviewWorkerOptions {
  concurrency: number;
  prefix?: string;
  /**
   * How long a job stays locked without a renewal. The lock is renewed every
   * half of it while the process lives, so this only bounds how long a job of
   * a dead worker waits before another picks it up; it is long because a
   * blocked event loop (a big tree-sitter parse) must not look like a death.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired (stalled). */
  stalledIntervalMs?: number;
  /**
   * How often a job may stall before it is failed. 2: one crash is
   * recovered, a job that kills its worker again and again is not retried forever.
   */
  maxStalledCount?: number;
  logger: Logger;
}

export const DEFAULT_LOCK_DURATION_MS = 5 * 60_000;
export const DEFAULT_STALLED_INTERVAL_MS = 60_000;

export function createReviewWorker(
  connection: Redis,
  processor: (job: ReviewJob) => Promise<ReviewJobResult>,
  options: ReviewWorkerOptions,
): Worker<unknown, ReviewJobResult> {
  const worker = new Worker<unknown, ReviewJobResult>(REVIEW_QUEUE_NAME, processor, {
    connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
    stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
    maxStalledCount: options.maxStalledCount ?? 2,
  });
  const log = options.logger;
  worker.on("completed", (job, result) => log.info({ job: job.id, result }, "review job completed"));
  worker.on("failed", (job, error) =>
    log.warn({ job: job?.id, attemptsMade: job?.attemptsMade, err: error }, "review job attempt failed"),
  );
  worker.on("stalled", (jobId) => log.warn({ job: jobId }, "review job stalled (its worker died or hung); it will run again"));
  worker.on("error", (error) => log.error({ err: error }, "review worker error"));
  return worker;
}
