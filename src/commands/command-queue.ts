// The command queue and the BullMQ worker that hands its jobs to the command
// job processor. The web process only queues; the worker process answers.

import type { Queue, Worker } from "bullmq";

import { createJobWorker, type JobProcessor, type JobWorkerOptions } from "../../queues/create-job-worker.js";
import { createQueue } from "../../queues/create-queue.js";
import type { RedisClient } from "../core/redis-client.js";
import { COMMAND_JOB_NAME, COMMAND_QUEUE_NAME, type CommandJobData, commandJobId, type CommandJobResult } from "./command-job.js";
import { LEARN_JOB_NAME, type LearnJobData, learnJobId, type LearnJobResult } from "./learn-job.js";

/** Slash-command jobs, and the learn jobs of closed pull requests and resolved threads (learn-job.ts). */
export type CommandQueue = Queue<CommandJobData | LearnJobData, CommandJobResult | LearnJobResult, string>;

export function createCommandQueue(connection: RedisClient, options: { prefix?: string } = {}): CommandQueue {
  return createQueue<CommandJobData | LearnJobData, CommandJobResult | LearnJobResult>(COMMAND_QUEUE_NAME, connection, {
    prefix: options.prefix,
    defaultJobOptions: {
      // A command answers a person who is waiting; a GitHub hiccup gets a few quick tries.
      attempts: 4,
      backoff: { type: "exponential", delay: 2_000, jitter: 0.2 },
      // Kept a week, so a redelivery of the same comment finds its job and adds nothing.
      removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
      removeOnFail: { count: 1_000, age: 30 * 24 * 3600 },
    },
  });
}

export type EnqueueCommandResult = { status: "queued"; jobId: string } | { status: "duplicate"; jobId: string };

/** Queues the command of one comment, unless that comment already has a job. */
export async function enqueueCommand(queue: CommandQueue, data: CommandJobData): Promise<EnqueueCommandResult> {
  const jobId = commandJobId(data);
  if (await queue.getJob(jobId)) return { status: "duplicate", jobId };
  // An id that exists already makes `add` a no-op, so two deliveries racing here still make one job.
  await queue.add(COMMAND_JOB_NAME, data, { jobId });
  return { status: "queued", jobId };
}

/** Queues what a closed pull request or a resolved thread may teach; a redelivery adds nothing. */
export async function enqueueLearning(queue: CommandQueue, data: LearnJobData): Promise<EnqueueCommandResult> {
  const jobId = learnJobId(data);
  if (await queue.getJob(jobId)) return { status: "duplicate", jobId };
  await queue.add(LEARN_JOB_NAME, data, { jobId });
  return { status: "queued", jobId };
}

/** Commands answer people who wait, and are light: a few at once. */
export function createCommandWorker(
  connection: RedisClient,
  processor: JobProcessor<CommandJobResult | LearnJobResult>,
  options: Omit<JobWorkerOptions, "concurrency"> & { concurrency?: number },
): Worker<unknown, CommandJobResult | LearnJobResult> {
  return createJobWorker(COMMAND_QUEUE_NAME, "command job", connection, processor, { ...options, concurrency: options.concurrency ?? 4 });
}
