// Beyond one machine: two web and three worker processes (the real entries)
// share a three-node Redis Cluster started here on loopback, through
// REDIS_CLUSTER_NODES and the hash-tagged prefix. 200 pull requests arrive as
// signed webhooks, spread over both web processes; one worker is SIGKILLed
// mid-run. Each pull request ends with exactly one review, for its head.

import { randomUUID } from "node:crypto";

import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { loadServerEnv } from "../../src/config/server-env.js";
import type { RedisClient } from "../../src/core/redis-client.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { headOf, type LoopbackPullsGitHub, startLoopbackPullsGitHub } from "../helpers/loopback-github-pulls.js";
import { type ModelServer, startModelServer } from "../helpers/model-server.js";
import { INSTALLATION, MODEL_ANSWER, OWNER, REPO } from "../helpers/queue-fixtures.js";
import { type RedisCluster, startRedisCluster } from "../helpers/redis-cluster.js";
import { spawnWeb, type WebProcess } from "../helpers/spawn-web.js";
import { spawnWorker, stopWorkers, waitForWhileRunning as waitFor, type WorkerProcess } from "../helpers/spawn-worker.js";
import { webhookPayload } from "../helpers/webhook-payloads.js";

const PULLS = 200;
const prefix = `{fleet-${randomUUID().slice(0, 8)}}`;

let cluster: RedisCluster;
let github: LoopbackPullsGitHub;
let model: ModelServer;
let redis: RedisClient;
let queue: ReviewQueue;
const webs: WebProcess[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  [cluster, github, model] = await Promise.all([startRedisCluster(), startLoopbackPullsGitHub(PULLS), startModelServer({ content: MODEL_ANSWER, delayMs: 40 })]);
  redis = await connectRedis(loadServerEnv({ REDIS_CLUSTER_NODES: cluster.nodeList, FOUREYES_QUEUE_PREFIX: prefix }), { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 3, backoffMs: 10 });
}, 30_000);

afterAll(async () => {
  await stopWorkers(workers);
  await Promise.all(webs.map((web) => web.stop()));
  await queue?.close();
  await redis?.quit();
  await Promise.all([model?.close(), github?.close(), cluster?.stop()]);
});

function openedPayload(number: number) {
  return webhookPayload("pull_request", "opened", {
    number,
    headSha: headOf(number),
    // One installation each: GitHub's write pace is kept per installation, and this test is about the queue, not that pace.
    installationId: INSTALLATION + number,
    state: "open",
    draft: false,
    patch: (body) => {
      Object.assign(body.repository as object, { name: REPO, full_name: `${OWNER}/${REPO}` });
      Object.assign((body.repository as { owner: object }).owner, { login: OWNER });
    },
  });
}

const reviewsPosted = () => [...github.reviews.values()].reduce((sum, reviews) => sum + reviews.length, 0);

describe("two web and three worker processes on a three-node Redis Cluster", () => {
  // About 30 CPU-seconds start the five processes and 20 more run the reviews; the timeout leaves room for a shared machine.
  it("review 200 pull requests exactly once each, also when a worker is killed mid-run", { timeout: 180_000 }, async () => {
    const env = { REDIS_CLUSTER_NODES: cluster.nodeList, FOUREYES_DEBOUNCE_SECONDS: "0" };
    const workerEnv = {
      ...env,
      FOUREYES_WORKER_CONCURRENCY: "4",
      FOUREYES_MODEL_MAX_CONCURRENCY: "12",
      // A dead worker's jobs are taken over within about 12 s; a shorter lock can run out while a busy machine starts five processes.
      FOUREYES_LOCK_DURATION_MS: "10000",
      FOUREYES_STALLED_INTERVAL_MS: "2000",
    };
    const startedAt = Date.now();
    for (let index = 0; index < 3; index += 1) workers.push(spawnWorker({ prefix, githubHost: github.host, modelUrl: model.url, env: workerEnv }));
    webs.push(...(await Promise.all([0, 1].map(() => spawnWeb({ prefix, githubHost: github.host, env })))));

    // The webhooks, alternating between the two web processes, ten on the wire at a time.
    const limit = pLimit(10);
    const statuses = await Promise.all(
      Array.from({ length: PULLS }, (_, index) => limit(() => webs[index % 2]!.deliver("pull_request", openedPayload(index + 1)))),
    );
    expect(statuses.filter((status) => status < 200 || status >= 300)).toEqual([]);
    const deliveredAt = Date.now();
    for (const worker of workers) await waitFor("the worker to start", () => worker.logs.some((line) => line.msg === "review worker started"), worker);
    const workersUpAt = Date.now();

    // Mid-run: a fifth of the reviews are out, most pull requests still wait.
    const [victim, ...survivors] = workers as [WorkerProcess, ...WorkerProcess[]];
    await waitFor("a fifth of the reviews", () => reviewsPosted() >= PULLS / 5, victim);
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toEqual({ code: null, signal: "SIGKILL" });
    const postedAtKill = reviewsPosted();

    await waitFor("every job to complete", async () => (await queue.getJobCounts("completed")).completed === PULLS, survivors[0]);
    const doneAt = Date.now();

    // Exactly one advisory review per pull request, for its head.
    for (let number = 1; number <= PULLS; number += 1) {
      expect(github.reviews.get(number), `pull request #${number}`).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: headOf(number) })]);
    }
    expect(github.unrouted).toEqual([]);
    // The kill caught jobs in flight: they stalled and a surviving worker ran them again.
    const jobs = await queue.getJobs(["completed"], 0, PULLS);
    expect(jobs.filter((job) => job.stalledCounter > 0).length).toBeGreaterThan(0);
    expect(survivors.flatMap((worker) => worker.logs).map((line) => line.msg)).toContain("review job stalled (its worker died or hung); it will run again");
    expect(postedAtKill).toBeLessThan(PULLS);
    // Figures for the README, not assertions.
    const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
    console.info(
      `cluster fleet: web processes up and ${PULLS} webhooks answered ${seconds(startedAt, deliveredAt)} s, workers up ${seconds(startedAt, workersUpAt)} s, ` +
        `all reviewed ${seconds(workersUpAt, doneAt)} s after the workers were up; ${postedAtKill} posted when one of three workers was killed, ` +
        `${jobs.filter((job) => job.stalledCounter > 0).length} of its jobs run again elsewhere`,
    );
  });
});
