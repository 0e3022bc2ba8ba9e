// Redis Sentinel: a master (with a password) and one sentinel on loopback. The
// web and worker processes are told only where the sentinel is and the
// master's name (REDIS_URL points nowhere); a pull request's webhook reaches
// the web process, and the worker posts its review.

import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { loadServerEnv } from "../../src/config/server-env.js";
import type { RedisClient } from "../../src/core/redis-client.js";
import { reviewJobId } from "../../src/review/review-job.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { type LoopbackGitHub, startLoopbackGitHub } from "../helpers/loopback-github.js";
import { type ModelServer, startModelServer } from "../helpers/model-server.js";
import { HEAD, headMarker, INSTALLATION, MODEL_ANSWER, OWNER, PULL, REPO } from "../helpers/queue-fixtures.js";
import { type RedisSentinel, SENTINEL_MASTER, startRedisSentinel } from "../helpers/redis-sentinel.js";
import { spawnWeb, type WebProcess } from "../helpers/spawn-web.js";
import { spawnWorker, stopWorkers, waitForWhileRunning as waitFor, type WorkerProcess } from "../helpers/spawn-worker.js";
import { webhookPayload } from "../helpers/webhook-payloads.js";

const PASSWORD = "sentinel-test-password";
const prefix = `test-${randomUUID()}`;

let sentinel: RedisSentinel;
let github: LoopbackGitHub;
let model: ModelServer;
let redis: RedisClient;
let queue: ReviewQueue;
let web: WebProcess | undefined;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  [sentinel, github, model] = await Promise.all([startRedisSentinel({ password: PASSWORD }), startLoopbackGitHub(), startModelServer({ content: MODEL_ANSWER })]);
  const settings = loadServerEnv({ REDIS_SENTINELS: sentinel.sentinels, REDIS_SENTINEL_MASTER: SENTINEL_MASTER, REDIS_PASSWORD: PASSWORD });
  redis = await connectRedis(settings, { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 1 });
}, 30_000);

afterAll(async () => {
  await stopWorkers([worker]);
  await web?.stop();
  await queue?.close();
  await redis?.quit();
  await Promise.all([model?.close(), github?.close(), sentinel?.stop()]);
});

describe("foureyes through Redis Sentinel", () => {
  it("takes a webhook in the web process and posts the review from the worker, both finding the master through the sentinel", { timeout: 90_000 }, async () => {
    const env = { REDIS_URL: "redis://127.0.0.1:1", REDIS_SENTINELS: sentinel.sentinels, REDIS_SENTINEL_MASTER: SENTINEL_MASTER, REDIS_PASSWORD: PASSWORD };
    worker = spawnWorker({ prefix, githubHost: github.host, modelUrl: model.url, env });
    web = await spawnWeb({ prefix, githubHost: github.host, env });

    const payload = webhookPayload("pull_request", "opened", {
      number: PULL,
      headSha: HEAD,
      installationId: INSTALLATION,
      patch: (body) => {
        Object.assign(body.repository as object, { name: REPO, full_name: `${OWNER}/${REPO}` });
        Object.assign((body.repository as { owner: object }).owner, { login: OWNER });
      },
    });
    expect(await web.deliver("pull_request", payload)).toBeLessThan(300);
    const jobId = reviewJobId({ owner: OWNER, repo: REPO, pullNumber: PULL, headSha: HEAD });
    await waitFor("the review job to complete", async () => (await queue.getJobState(jobId)) === "completed", worker);

    expect(github.reviews).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: HEAD, body: expect.stringContaining(headMarker(HEAD)) })]);
    expect(github.unrouted).toEqual([]);
  });

  it("names the sentinels and the master when the sentinel does not know that master", async () => {
    const wrong = loadServerEnv({ REDIS_SENTINELS: sentinel.sentinels, REDIS_SENTINEL_MASTER: "no-such-master" });
    await expect(connectRedis(wrong, { role: "producer" }, 1_500)).rejects.toThrow(
      new RegExp(`cannot reach the Redis master "no-such-master" through the sentinels at ${sentinel.sentinels} — check REDIS_SENTINELS, REDIS_SENTINEL_MASTER`),
    );
  });
});
