// A review asked for with a command runs before automatic reviews already
// waiting: a person waits on it. Real Redis, a real BullMQ worker that only
// records the order it is given jobs in.

import { randomUUID } from "node:crypto";

import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { REVIEW_QUEUE_NAME, type ReviewJobData } from "../../src/review/review-job.js";
import { createReviewQueue, enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

let redis: Redis;
let queue: ReviewQueue;
let prefix: string;

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
});

afterEach(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
});

function job(pullNumber: number, rerun?: number): ReviewJobData {
  const data: ReviewJobData = { installationId: 7, owner: "octo-org", repo: "octo-repo", pullNumber, headSha: String(pullNumber).repeat(40).slice(0, 40), event: "pull_request.synchronize" };
  return rerun === undefined ? data : { ...data, event: "issue_comment.created", rerun: { commentId: rerun, requestedBy: "maria" } };
}

it("a command's review job overtakes automatic review jobs that were queued before it", async () => {
  const ids: string[] = [];
  for (const pull of [1, 2, 3]) ids.push((await enqueueReview(queue, job(pull))).jobId);
  const command = await enqueueReview(queue, job(4, 900));
  ids.push(command.jobId);

  const order: string[] = [];
  const worker = new Worker(REVIEW_QUEUE_NAME, async (bullJob) => void order.push(String(bullJob.id)), { connection: redis.duplicate(), prefix, concurrency: 1 });
  try {
    for (const id of ids) expect(await waitForJobState(queue, id)).toBe("completed");
  } finally {
    await worker.close();
  }
  expect(order[0]).toBe(command.jobId);
  expect(order.slice(1)).toEqual(ids.slice(0, 3));
});
