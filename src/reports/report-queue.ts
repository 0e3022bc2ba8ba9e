// The report queue and the BullMQ worker that hands its jobs to the report
// job processor.

import type { Queue, Worker } from "bullmq";

import { createJobWorker, type JobProcessor, type JobWorkerOptions } from "../../queues/create-job-worker.js";
import { createQueue } from "../../queues/create-queue.js";
import type { RedisClient } from "../core/redis-client.js";
import { REPORT_QUEUE_NAME, type ReportJobData, type ReportJobResult } from "./report-job.js";

export type ReportQueue = Queue<ReportJobData, ReportJobResult, string>;

export function createReportQueue(connection: RedisClient, options: { prefix?: string } = {}): ReportQueue {
  return createQueue<ReportJobData, ReportJobResult>(REPORT_QUEUE_NAME, connection, {
    prefix: options.prefix,
    defaultJobOptions: {
      // GitHub may be down at 07:00; a few tries over an hour or so, then it waits for next week.
      attempts: 5,
      backoff: { type: "exponential", delay: 60_000, jitter: 0.2 },
      removeOnComplete: { count: 200, age: 90 * 24 * 3600 },
      removeOnFail: { count: 500, age: 90 * 24 * 3600 },
    },
  });
}

/** One job at a time: reports are few and GitHub's rate limit is shared. */
export function createReportWorker(
  connection: RedisClient,
  processor: JobProcessor<ReportJobResult>,
  options: Omit<JobWorkerOptions, "concurrency" | "lockDurationMs">,
): Worker<unknown, ReportJobResult> {
  return createJobWorker(REPORT_QUEUE_NAME, "report job", connection, processor, {
    ...options,
    concurrency: 1,
    // A big installation's backfill can take minutes; a lost lock must not run it twice at once.
    lockDurationMs: 10 * 60_000,
  });
}
