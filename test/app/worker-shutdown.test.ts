// A worker process told to stop (SIGTERM, as a deploy or a node drain does):
// it takes no new job, lets the running review finish within its grace period,
// and hands a review that outlasts the grace back to the queue so another
// worker takes it at once. Either way exactly one review is posted, and the job
// is never left to stall until its lock expires.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import type { LoopbackGitHub } from "../helpers/loopback-github.js";
import type { ModelReply, ModelServer } from "../helpers/model-server.js";
import { HEAD, headMarker, MODEL_ANSWER, reviewJob } from "../helpers/queue-fixtures.js";
import { openSpawnedWorkerRig, type SpawnedWorkerRig, waitForWhileRunning, type WorkerProcess } from "../helpers/spawn-worker.js";

let rig: SpawnedWorkerRig;
let queue: ReviewQueue;
let github: LoopbackGitHub;
let model: ModelServer;

beforeEach(async () => {
  rig = await openSpawnedWorkerRig(inject("redisUrl"));
  ({ queue, github, model } = rig);
});

afterEach(() => rig.close());

/** The shipped lock settings (30 s lock): a job left locked by the stopped worker would wait for it. */
const spawnWorker = (env: Record<string, string> = {}): WorkerProcess => rig.spawn(env);

const reviewPosts = () => github.requests.filter((request) => request.method === "POST" && request.path.endsWith("/reviews"));

describe("a worker stopped with SIGTERM mid-review", () => {
  it("finishes the running review within its grace period, posts it once and exits 0", { timeout: 120_000 }, async () => {
    let answer: (reply: ModelReply) => void = () => {};
    model.reply((_body, call) => (call === 0 ? new Promise<ModelReply>((done) => (answer = done)) : { content: MODEL_ANSWER }));
    const { jobId } = await enqueueReview(queue, reviewJob());

    const worker = spawnWorker({ FOUREYES_SHUTDOWN_GRACE_MS: "60000" });
    await waitForWhileRunning("the worker to call the model", () => model.requests.length === 1, worker);
    worker.child.kill("SIGTERM");
    await waitForWhileRunning("the worker to begin shutting down", () => worker.logs.some((line) => line.msg?.startsWith("shutting down")), worker);
    answer({ content: MODEL_ANSWER });

    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await queue.getJobState(jobId)).toBe("completed");
    expect(reviewPosts()).toHaveLength(1);
    expect(github.reviews).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: HEAD, body: expect.stringContaining(headMarker(HEAD)) })]);
    expect((await queue.getJob(jobId))?.stalledCounter).toBe(0);
  });

  it("hands a review that outlasts the grace period back to the queue; the next worker posts it once, without a stall", { timeout: 120_000 }, async () => {
    // The first model call never answers: the review cannot finish within the grace period.
    model.reply((_body, call) => (call === 0 ? { hang: true } : { content: MODEL_ANSWER }));
    const { jobId } = await enqueueReview(queue, reviewJob());

    const first = spawnWorker({ FOUREYES_SHUTDOWN_GRACE_MS: "300" });
    await waitForWhileRunning("the first worker to call the model", () => model.requests.length === 1, first);
    first.child.kill("SIGTERM");
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.logs.map((line) => line.msg)).toContain("grace period over: running jobs handed back to the queue");
    // Back in the queue (a prioritized job waits in its own list), not left active under the stopped worker's lock.
    expect(["waiting", "prioritized"]).toContain(await queue.getJobState(jobId));
    expect(reviewPosts()).toEqual([]);

    const second = spawnWorker();
    await waitForWhileRunning("the job to complete", async () => (await queue.getJobState(jobId)) === "completed", second);

    expect(reviewPosts()).toHaveLength(1);
    expect(github.reviews).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: HEAD })]);
    const job = await queue.getJob(jobId);
    expect(job?.returnvalue).toEqual({ status: "published", comments: 1 });
    expect(job?.stalledCounter).toBe(0);
    expect(second.logs.map((line) => line.msg)).not.toContain("review job stalled (its worker died or hung); it will run again");
    expect(github.unrouted).toEqual([]);
  });
});
