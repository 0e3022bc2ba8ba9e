// The review queue on a real Redis: one job per head commit, whatever the
// webhooks do, and replacement of finished jobs only where a new review may be due.

import { randomUUID } from "node:crypto";

import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis, RedisUnreachableError } from "../../queues/connection.js";
import { REVIEW_QUEUE_NAME, type ReviewJobData, reviewJobId, type ReviewJobResult, reviewJobSchema } from "../../src/review/review-job.js";
import { createReviewQueue, enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

function jobData(overrides: Partial<ReviewJobData> = {}): ReviewJobData {
  return { installationId: 7, owner: "octo-org", repo: "octo-repo", pullNumber: 12, headSha: SHA, event: "pull_request.opened", ...overrides };
}

describe("reviewJobId", () => {
  it("is owner/repo#number@sha", () => {
    expect(reviewJobId(jobData())).toBe(`octo-org/octo-repo#12@${SHA}`);
  });

  it("is owner/repo#number@sha/rerun-<commentId> for a rerun asked for in a comment", () => {
    expect(reviewJobId(jobData({ rerun: { commentId: 77, requestedBy: "maria" } }))).toBe(`octo-org/octo-repo#12@${SHA}/rerun-77`);
  });
});

describe("reviewJobSchema", () => {
  it("accepts a job and rejects one without a proper head SHA", () => {
    expect(reviewJobSchema.safeParse(jobData({ deliveryId: "abc" })).success).toBe(true);
    expect(reviewJobSchema.safeParse(jobData({ headSha: "main" })).success).toBe(false);
    expect(reviewJobSchema.safeParse({ ...jobData(), pullNumber: "12" }).success).toBe(false);
    expect(reviewJobSchema.safeParse(jobData({ rerun: { commentId: 77, requestedBy: "maria" } })).success).toBe(true);
    expect(reviewJobSchema.safeParse({ ...jobData(), rerun: { commentId: 77 } }).success).toBe(false);
  });
});

describe("connectRedis", () => {
  it("names the URL and the variable to check when Redis does not answer", async () => {
    // Port 1 on loopback: nothing listens there.
    const attempt = connectRedis("redis://127.0.0.1:1", { role: "producer" }, 500);
    await expect(attempt).rejects.toBeInstanceOf(RedisUnreachableError);
    await expect(attempt).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*check REDIS_URL/);
  });

  it("hides the password in the message", async () => {
    await expect(connectRedis("redis://user:s3cret@127.0.0.1:1", { role: "producer" }, 300)).rejects.toThrow(
      /redis:\/\/user:\*\*\*@127\.0\.0\.1:1/,
    );
  });
});

describe("enqueueReview", () => {
  let redis: Redis;
  let queue: ReviewQueue;
  let prefix: string;

  beforeEach(async () => {
    prefix = `test-${randomUUID()}`;
    redis = await connectRedis(inject("redisUrl"), { role: "worker" });
    queue = createReviewQueue(redis, { prefix, attempts: 3, backoffMs: 10 });
  });

  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.quit();
  });

  it("queues one job under the head's id with the configured attempts and backoff", async () => {
    const result = await enqueueReview(queue, jobData());
    expect(result).toEqual({ status: "queued", jobId: `octo-org/octo-repo#12@${SHA}` });
    const job = await queue.getJob(result.jobId);
    expect(job?.data).toEqual(jobData());
    expect(job?.opts.attempts).toBe(3);
    expect(job?.opts.backoff).toMatchObject({ type: "exponential", delay: 10 });
    // An automatic review waits with a priority, behind reviews people asked for by command.
    expect(await queue.getJobCounts("prioritized")).toEqual({ prioritized: 1 });
  });

  it("makes no second job for the same head, even from other events and deliveries", async () => {
    await enqueueReview(queue, jobData({ deliveryId: "d-1" }));
    const again = await enqueueReview(queue, jobData({ deliveryId: "d-2" }));
    const ready = await enqueueReview(queue, jobData({ event: "pull_request.ready_for_review", deliveryId: "d-3" }));
    expect(again).toMatchObject({ status: "duplicate", state: "prioritized" });
    expect(ready).toMatchObject({ status: "duplicate", state: "prioritized" });
    expect(await queue.getJobs()).toHaveLength(1);
    expect((await queue.getJobs())[0]?.data.deliveryId).toBe("d-1");
  });

  it("makes one job from many deliveries that arrive at once", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => enqueueReview(queue, jobData({ deliveryId: `d-${i}` }))));
    expect(await queue.getJobs()).toHaveLength(1);
  });

  it("queues a separate job for a new head commit", async () => {
    await enqueueReview(queue, jobData());
    await enqueueReview(queue, jobData({ headSha: "f".repeat(40), event: "pull_request.synchronize" }));
    expect(await queue.getJobs()).toHaveLength(2);
  });

  async function finishWith(outcome: ReviewJobResult | Error): Promise<void> {
    const finished = new Promise<void>((resolve) => {
      const worker = new Worker<ReviewJobData, ReviewJobResult>(
        REVIEW_QUEUE_NAME,
        async () => {
          if (outcome instanceof Error) throw outcome;
          return outcome;
        },
        { connection: redis, prefix, autorun: true },
      );
      const done = () => void worker.close().then(resolve);
      worker.on("completed", done);
      worker.on("failed", (job) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) done();
      });
    });
    await finished;
  }

  it("keeps a published head's job, so a late redelivery does nothing", async () => {
    await enqueueReview(queue, jobData());
    await finishWith({ status: "published", comments: 2 });
    const late = await enqueueReview(queue, jobData({ deliveryId: "late" }));
    expect(late).toMatchObject({ status: "duplicate", state: "completed" });
    expect(await queue.getJobCounts("waiting", "completed")).toEqual({ waiting: 0, completed: 1 });
  });

  it("replaces a job that ended without a review (a draft that is now ready)", async () => {
    await enqueueReview(queue, jobData());
    await finishWith({ status: "not-reviewed", reason: "draft" });
    const ready = await enqueueReview(queue, jobData({ event: "pull_request.ready_for_review" }));
    expect(ready.status).toBe("queued");
    const job = await queue.getJob(ready.jobId);
    expect(await job?.getState()).toBe("prioritized");
    expect(job?.data.event).toBe("pull_request.ready_for_review");
  });

  it("replaces a job that failed after all its attempts", async () => {
    await queue.close();
    queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
    await enqueueReview(queue, jobData());
    await finishWith(new Error("model down"));
    expect(await queue.getJobCounts("failed")).toEqual({ failed: 1 });
    const retry = await enqueueReview(queue, jobData({ event: "pull_request.reopened" }));
    expect(retry.status).toBe("queued");
    expect(await queue.getJobCounts("prioritized", "failed")).toEqual({ prioritized: 1, failed: 0 });
  });
});
