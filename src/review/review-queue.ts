// The review queue, the one way to put a pull request head on it, and the
// BullMQ worker that hands its jobs to the review job processor.

import type { Queue, Worker } from "bullmq";

import { createJobWorker, type JobProcessor, type JobWorkerOptions } from "../../queues/create-job-worker.js";
import { createQueue } from "../../queues/create-queue.js";
import { loadServerEnv } from "../config/server-env.js";
import type { RedisClient } from "../core/redis-client.js";
import {
  REVIEW_JOB_NAME,
  REVIEW_QUEUE_NAME,
  type ReviewJobData,
  reviewJobId,
  type ReviewJobResult,
} from "./review-job.js";
import { supersedePendingPush } from "./supersede-pending-push.js";

export type ReviewQueue = Queue<ReviewJobData, ReviewJobResult, string>;

export interface ReviewQueueOptions {
  /** Redis key prefix; tests use a unique one each. */
  prefix?: string;
  /** Defaults to FOUREYES_JOB_ATTEMPTS. */
  attempts?: number;
  /** First retry delay, doubled on each further attempt. Defaults to FOUREYES_JOB_BACKOFF_MS. */
  backoffMs?: number;
  /** How long a push's review waits for another push to the same pull request (FOUREYES_DEBOUNCE_SECONDS); 0 waits not. */
  debounceMs?: number;
}

/** Each queue's debounce and Redis, set where the queue is made so every producer of it waits alike. */
const debounces = new WeakMap<ReviewQueue, { waitMs: number; redis: RedisClient }>();

/*
 * Job history. A finished job keeps its id in Redis, and while it is there
 * BullMQ silently ignores an `add` with the same id. That is what we want for
 * a head that was reviewed (a redelivered webhook does nothing), and what we do
 * NOT want when the job ended without a review (a draft that is now ready for
 * review, a head that became current again, a model outage that outlasted every
 * attempt): `enqueueReview` replaces those. The history is bounded so Redis
 * does not grow without end; once a job has aged out, a new event for the same
 * head makes a new job, and the review's hidden head marker (checked by the
 * sink before posting) keeps it to one review per head.
 *
 * Known gap: an event that arrives while the head's job is running is
 * absorbed by it. That is right for redeliveries, but a draft marked ready
 * for review in the second its draft job runs stays unreviewed until the
 * next push (a second job could not run safely beside the first: the
 * marker check before posting is not atomic).
 */
const KEEP_COMPLETED = { count: 1_000, age: 7 * 24 * 3600 };
/** Failed jobs are what an operator wants to look at, so they stay longer. */
const KEEP_FAILED = { count: 5_000, age: 30 * 24 * 3600 };

export function createReviewQueue(connection: RedisClient, options: ReviewQueueOptions = {}): ReviewQueue {
  const env = options.attempts === undefined || options.backoffMs === undefined ? loadServerEnv() : undefined;
  const attempts = options.attempts ?? env?.FOUREYES_JOB_ATTEMPTS ?? 1;
  const backoffMs = options.backoffMs ?? env?.FOUREYES_JOB_BACKOFF_MS ?? 0;
  const queue = createQueue<ReviewJobData, ReviewJobResult>(REVIEW_QUEUE_NAME, connection, {
    prefix: options.prefix,
    defaultJobOptions: {
      attempts,
      // Jitter spreads the retries of many PRs that failed in the same model outage.
      backoff: { type: "exponential", delay: backoffMs, jitter: 0.2 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    },
  });
  debounces.set(queue, { waitMs: options.debounceMs ?? 0, redis: connection });
  return queue;
}

export type EnqueueResult =
  | { status: "queued"; jobId: string }
  | { status: "duplicate"; jobId: string; state: string };

/** Queues a review of one head commit, unless a job for that head is pending, running or already published. */
export async function enqueueReview(queue: ReviewQueue, data: ReviewJobData): Promise<EnqueueResult> {
  const jobId = reviewJobId(data);
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (!mayReplace(state, existing.returnvalue)) return { status: "duplicate", jobId, state };
    // Finished jobs hold no lock, so this only fails if another delivery replaced it first.
    await queue.remove(jobId).catch(() => undefined);
  }
  // A push waits for the next one (debounce); the pull request's earlier push review still waiting is removed.
  const debounce = data.event === "pull_request.synchronize" && !data.rerun ? debounces.get(queue) : undefined;
  const delay = debounce?.waitMs ?? 0;
  if (debounce && delay > 0) await supersedePendingPush(queue, debounce.redis, { data, jobId, waitMs: delay });
  // An id that exists already makes `add` a no-op, so two deliveries racing here still make one job.
  await queue.add(REVIEW_JOB_NAME, data, { jobId, priority: data.rerun ? COMMAND_PRIORITY : AUTOMATIC_PRIORITY, ...(delay > 0 ? { delay } : {}) });
  return { status: "queued", jobId };
}

/** BullMQ runs lower numbers first: a person who typed `/foureyes review` waits less than a push. */
const COMMAND_PRIORITY = 1;
const AUTOMATIC_PRIORITY = 10;

function mayReplace(state: string, result: ReviewJobResult | undefined): boolean {
  if (state === "failed") return true;
  if (state === "completed") return result?.status !== "published";
  // waiting, delayed, prioritized, active, waiting-children, or gone between the two calls
  return state === "unknown";
}

export function createReviewWorker(
  connection: RedisClient,
  processor: JobProcessor<ReviewJobResult>,
  options: JobWorkerOptions,
): Worker<unknown, ReviewJobResult> {
  return createJobWorker(REVIEW_QUEUE_NAME, "review job", connection, processor, options);
}
