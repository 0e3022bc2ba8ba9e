// Reconciliation sweep, end to end: a pull request whose webhook never
// arrived (nothing was queued for it) is reviewed after the worker's next
// sweep, exactly once. The real worker entry runs as a child process against
// a loopback GitHub and model server, on real Redis.

import { randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { reviewJobId } from "../../src/review/review-job.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { type LoopbackGitHub, startLoopbackGitHub } from "../helpers/loopback-github.js";
import { type ModelServer, startModelServer } from "../helpers/model-server.js";
import { HEAD, headMarker, INSTALLATION, MODEL_ANSWER, OWNER, PULL, REPO } from "../helpers/queue-fixtures.js";
import { spawnWorker, stopWorkers, waitForWhileRunning, type WorkerProcess } from "../helpers/spawn-worker.js";

let redis: Redis;
let queue: ReviewQueue;
let prefix: string;
let github: LoopbackGitHub;
let model: ModelServer;
let worker: WorkerProcess | undefined;

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 3, backoffMs: 10 });
  github = await startLoopbackGitHub();
  model = await startModelServer({ content: MODEL_ANSWER });
});

afterEach(async () => {
  await stopWorkers([worker]);
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
  await model.close();
  await github.close();
});

describe("the reconciliation sweep", () => {
  it("reviews a pull request whose webhook never arrived, once", { timeout: 120_000 }, async () => {
    github.installations = [INSTALLATION];
    const jobId = reviewJobId({ owner: OWNER, repo: REPO, pullNumber: PULL, headSha: HEAD });
    expect(await queue.getJob(jobId)).toBeUndefined();

    // The first sweep runs when the worker starts, then every FOUREYES_SWEEP_INTERVAL_MS.
    worker = spawnWorker({ redisUrl: inject("redisUrl"), prefix, githubHost: github.host, modelUrl: model.url, env: { FOUREYES_SWEEP_INTERVAL_MS: "600000" } });
    await waitForWhileRunning("the swept pull request to be reviewed", async () => (await queue.getJobState(jobId)) === "completed", worker);

    expect(github.reviews).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: HEAD, body: expect.stringContaining(headMarker(HEAD)) })]);
    const job = await queue.getJob(jobId);
    expect(job?.data).toMatchObject({ installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL, headSha: HEAD, event: "sweep" });
    expect(worker.logs.map((line) => line.msg)).toContain("sweep queued a pull request whose head was never reviewed");
    expect(github.unrouted).toEqual([]);
  });
});
