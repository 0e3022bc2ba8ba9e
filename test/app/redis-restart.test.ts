// Redis restarted mid-run (a deploy of Redis itself, or a node move): with
// append-only persistence no job and no audit record is lost, and the worker
// reconnects by itself. A private redis-server with appendonly is shut down
// while the worker waits on the model for a review, and started again on the
// same port and data directory; the real worker entry runs as a child process.

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { exportAudit } from "../../src/audit/export-audit.js";
import { createChainVerifier } from "../../src/audit/verify-audit-chain.js";
import { createReviewQueue, enqueueReview } from "../../src/review/review-queue.js";
import { type LoopbackGitHub, startLoopbackGitHub } from "../helpers/loopback-github.js";
import { type ModelReply, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { HEAD, MODEL_ANSWER, reviewJob } from "../helpers/queue-fixtures.js";
import { type RedisProcess, startRedis } from "../helpers/redis-server.js";
import { spawnWorker, stopWorkers, waitForWhileRunning, type WorkerProcess } from "../helpers/spawn-worker.js";

let dir: string;
let redisServer: RedisProcess;
let github: LoopbackGitHub;
let model: ModelServer;
let worker: WorkerProcess | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "foureyes-redis-restart-"));
  redisServer = await startRedis({ dir, appendonly: true });
  github = await startLoopbackGitHub();
  model = await startModelServer({ content: MODEL_ANSWER });
});

afterEach(async () => {
  await stopWorkers([worker]);
  await redisServer.stop();
  await model.close();
  await github.close();
  rmSync(dir, { recursive: true, force: true });
});

/** SHUTDOWN writes the append-only file and exits, as redis-server does on SIGTERM. */
async function restartRedis(): Promise<void> {
  const admin = new Redis(redisServer.url, { maxRetriesPerRequest: 0, lazyConnect: true });
  await admin.connect();
  await admin.call("SHUTDOWN").catch(() => undefined);
  admin.disconnect();
  await redisServer.stop();
  redisServer = await startRedis({ port: redisServer.port, dir, appendonly: true });
}

describe("a Redis restart mid-run", () => {
  it("loses no job and no audit record, and the worker reconnects by itself", { timeout: 120_000 }, async () => {
    const prefix = `test-${randomUUID()}`;
    const redis = await connectRedis(redisServer.url, { role: "worker" });
    // This test's own connection drops with the restart too; ioredis reconnects it.
    redis.on("error", () => {});
    const queue = createReviewQueue(redis, { prefix, attempts: 3, backoffMs: 10 });
    let answer: (reply: ModelReply) => void = () => {};
    model.reply((_body, call) => (call === 0 ? new Promise<ModelReply>((done) => (answer = done)) : { content: MODEL_ANSWER }));
    // The head under review, and older heads of the same pull request queued behind it (dropped as stale, still each a job with its records).
    const current = await enqueueReview(queue, reviewJob());
    const stale = await Promise.all(["2", "3", "4"].map((digit) => enqueueReview(queue, reviewJob({ headSha: digit.repeat(40), deliveryId: `delivery-${digit}` }))));

    worker = spawnWorker({ redisUrl: redisServer.url, prefix, githubHost: github.host, modelUrl: model.url });
    await waitForWhileRunning("the worker to ask the model", () => model.requests.length === 1, worker);
    await restartRedis();
    answer({ content: MODEL_ANSWER });

    const jobIds = [current.jobId, ...stale.map((entry) => entry.jobId)];
    await waitForWhileRunning("every job to complete", async () => (await Promise.all(jobIds.map((id) => queue.getJobState(id)))).every((state) => state === "completed"), worker);

    expect(github.reviews).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: HEAD })]);
    expect((await queue.getJob(current.jobId))?.returnvalue).toEqual({ status: "published", comments: 1 });
    for (const { jobId } of stale) expect((await queue.getJob(jobId))?.returnvalue).toEqual({ status: "dropped", reason: "head-moved" });

    // The audit chain survived whole: a start and a finish for every job, and it verifies.
    const lines: string[] = [];
    for await (const line of exportAudit(redis, prefix)) lines.push(line);
    const verifier = createChainVerifier();
    lines.forEach((line, index) => verifier.push(line, index + 1));
    expect(verifier.finish()).toMatchObject({ ok: true });
    const types = lines.slice(0, -1).map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types.filter((type) => type === "review.started")).toHaveLength(jobIds.length);
    expect(types.filter((type) => type === "review.finished")).toHaveLength(jobIds.length);
    expect(worker.child.exitCode).toBeNull();

    await queue.close();
    await redis.quit();
  });
});
