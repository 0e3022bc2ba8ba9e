// The sweep queue, its two schedules, and the BullMQ worker that hands its
// jobs to the sweep job processor.

import type { Queue, Worker } from "bullmq";

import { createJobWorker, type JobProcessor, type JobWorkerOptions } from "../../queues/create-job-worker.js";
import { createQueue } from "../../queues/create-queue.js";
import type { RedisClient } from "../core/redis-client.js";
import { SWEEP_QUEUE_NAME, type SweepJobData, type SweepJobResult } from "./sweep-job.js";

export type SweepQueue = Queue<SweepJobData, SweepJobResult, string>;

export function createSweepQueue(connection: RedisClient, options: { prefix?: string } = {}): SweepQueue {
  return createQueue<SweepJobData, SweepJobResult>(SWEEP_QUEUE_NAME, connection, {
    prefix: options.prefix,
    defaultJobOptions: {
      // The next scheduled run catches up anyway; a couple of tries cover a GitHub hiccup.
      attempts: 2,
      backoff: { type: "exponential", delay: 30_000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 500 },
    },
  });
}

/**
 * Upserts both schedules by fixed id (an atomic script in Redis), so any
 * number of worker processes starting at once still make one of each.
 */
export async function ensureSweepSchedules(queue: SweepQueue, everyMs: number): Promise<void> {
  for (const kind of ["redeliver", "pulls"] as const) {
    await queue.upsertJobScheduler(`sweep:${kind}`, { every: everyMs }, { name: `sweep-${kind}`, data: { kind } });
  }
}

/** One job at a time: both walk GitHub's lists and share its rate limit with the reviews. */
export function createSweepWorker(
  connection: RedisClient,
  processor: JobProcessor<SweepJobResult>,
  options: Omit<JobWorkerOptions, "concurrency" | "lockDurationMs">,
): Worker<unknown, SweepJobResult> {
  return createJobWorker(SWEEP_QUEUE_NAME, "sweep job", connection, processor, {
    ...options,
    concurrency: 1,
    // Walking many repositories takes minutes; a lost lock must not run it twice at once.
    lockDurationMs: 5 * 60_000,
  });
}
