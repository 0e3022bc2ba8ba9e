// Debounce of pushes: a push's review waits in BullMQ's delayed set, and the
// next push to the same pull request inside that wait removes it, so several
// pushes in a row make one model run, for the last head. The pending job's id
// is kept under one Redis key per pull request. Should two pushes race here,
// the job left behind still finds its head gone when it runs and is dropped
// before any model call.

import type { Queue } from "bullmq";

import type { RedisClient } from "../core/redis-client.js";
import type { ReviewJobData } from "./review-job.js";

/** Removes the pull request's earlier push review that is still waiting, and records `jobId` as the one waiting now. */
export async function supersedePendingPush(
  queue: Pick<Queue, "toKey" | "getJob">,
  redis: RedisClient,
  pending: { data: ReviewJobData; jobId: string; waitMs: number },
): Promise<string | null> {
  const { data, jobId, waitMs } = pending;
  const key = queue.toKey(`pending-push:${data.owner}/${data.repo}#${data.pullNumber}`);
  const previous = await redis.set(key, jobId, "PX", waitMs + 60_000, "GET");
  if (previous === null || previous === jobId) return null;
  const job = await queue.getJob(previous);
  if (!job || (await job.getState()) !== "delayed") return null;
  // A job promoted to waiting or taken by a worker in the meantime is left alone: it drops itself (its head moved).
  await job.remove().catch(() => undefined);
  return previous;
}
