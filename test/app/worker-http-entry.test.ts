// The real worker entry (src/worker.ts, a child process) serves its probes and
// metrics on FOUREYES_WORKER_HTTP_PORT, and counts the job it ran.

import { randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createReviewQueue, enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { type LoopbackGitHub, startLoopbackGitHub } from "../helpers/loopback-github.js";
import { type ModelServer, startModelServer } from "../helpers/model-server.js";
import { MODEL_ANSWER, reviewJob } from "../helpers/queue-fixtures.js";
import { spawnWorker, stopWorkers, waitForWhileRunning, type WorkerProcess } from "../helpers/spawn-worker.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

let redis: Redis;
let queue: ReviewQueue;
let prefix: string;
let github: LoopbackGitHub;
let model: ModelServer;
let worker: WorkerProcess | undefined;

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
  github = await startLoopbackGitHub();
  model = await startModelServer({ content: MODEL_ANSWER });
});

afterEach(async () => {
  await stopWorkers([worker]);
  worker = undefined;
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
  await model.close();
  await github.close();
});

describe("the worker process's HTTP server", () => {
  it("answers /healthz, /readyz and /metrics on its port, with the job it ran counted", { timeout: 90_000 }, async () => {
    worker = spawnWorker({ redisUrl: inject("redisUrl"), prefix, githubHost: github.host, modelUrl: model.url });
    const serving = () => worker?.logs.find((line) => line.msg === "worker serving /healthz, /readyz and /metrics");
    await waitForWhileRunning("the worker's HTTP server", () => serving() !== undefined, worker);
    const url = `http://127.0.0.1:${String(serving()?.port)}`;

    expect([(await fetch(`${url}/healthz`)).status, (await fetch(`${url}/readyz`)).status]).toEqual([200, 200]);
    const { jobId } = await enqueueReview(queue, reviewJob());
    expect(await waitForJobState(queue, jobId)).toBe("completed");
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^foureyes_jobs_total\{queue="review",outcome="completed"\} 1$/m);
    expect(metrics).toMatch(/^foureyes_review_duration_seconds_count 1$/m);
    expect(metrics).toMatch(/^foureyes_model_request_seconds_count\{model="[^"]+",outcome="ok"\} [1-9]/m);
    expect(metrics).toMatch(/^foureyes_github_rate_limit_remaining\{installation="\d+"\} \d+$/m);
  });
});
