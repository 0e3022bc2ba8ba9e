// A worker process killed mid-job: the real worker entry (src/worker.ts)
// runs as a child process against a loopback GitHub and a loopback model
// server; it is SIGKILLed, a second worker recovers the stalled job, and in
// the end exactly one review is posted for the head — also when the first
// worker died right after posting, before it could acknowledge the job.

import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { exportAudit } from "../../src/audit/export-audit.js";
import { createChainVerifier } from "../../src/audit/verify-audit-chain.js";
import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import type { LoopbackGitHub } from "../helpers/loopback-github.js";
import type { ModelServer } from "../helpers/model-server.js";
import { HEAD, headMarker, MODEL_ANSWER, reviewJob } from "../helpers/queue-fixtures.js";
import { openSpawnedWorkerRig, type SpawnedWorkerRig, waitForWhileRunning as waitFor, type WorkerProcess } from "../helpers/spawn-worker.js";

let rig: SpawnedWorkerRig;
let redis: Redis;
let queue: ReviewQueue;
let prefix: string;
let github: LoopbackGitHub;
let model: ModelServer;

beforeEach(async () => {
  rig = await openSpawnedWorkerRig(inject("redisUrl"));
  ({ redis, queue, prefix, github, model } = rig);
});

afterEach(() => rig.close());

/**
 * Short locks take over a dead worker's job within a few seconds; `{ lockSettings: "default" }` runs with the shipped defaults.
 * Not shorter: the live worker renews its lock every half duration, and on a loaded machine a 1 s lock
 * expired under it (a second stall, the job run a third time).
 */
function spawnWorker(options: { lockSettings?: "short" | "default" } = {}): WorkerProcess {
  const lockEnv: Record<string, string> = options.lockSettings === "default" ? {} : { FOUREYES_LOCK_DURATION_MS: "3000", FOUREYES_STALLED_INTERVAL_MS: "500" };
  return rig.spawn(lockEnv);
}

const reviewPosts = () => github.requests.filter((request) => request.method === "POST" && request.path.endsWith("/reviews"));

describe("a worker killed mid-job", () => {
  it("is recovered by another worker, and exactly one review is posted", { timeout: 60_000 }, async () => {
    // The first model call never answers: the first worker is inside the model call when it dies.
    model.reply((_body, call) => (call === 0 ? { hang: true } : { content: MODEL_ANSWER }));
    const { jobId } = await enqueueReview(queue, reviewJob());

    const first = spawnWorker();
    await waitFor("the first worker to call the model", () => model.requests.length === 1, first);
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    // Still active: its lock belongs to a process that no longer exists.
    expect(await queue.getJobState(jobId)).toBe("active");
    expect(reviewPosts()).toEqual([]);

    const second = spawnWorker();
    await waitFor("the job to complete", async () => (await queue.getJobState(jobId)) === "completed", second);

    expect(reviewPosts()).toHaveLength(1);
    expect(github.reviews).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: HEAD, body: expect.stringContaining(headMarker(HEAD)) })]);
    const job = await queue.getJob(jobId);
    expect(job?.returnvalue).toEqual({ status: "published", comments: 1 });
    expect(job?.stalledCounter).toBe(1);
    expect(second.logs.map((line) => line.msg)).toContain("review job stalled (its worker died or hung); it will run again");
    expect(github.unrouted).toEqual([]);

    // The audit chain survived the kill whole (appends are atomic) and the retried job continued it.
    const lines: string[] = [];
    for await (const line of exportAudit(redis, prefix)) lines.push(line);
    const verifier = createChainVerifier();
    lines.forEach((line, index) => verifier.push(line, index + 1));
    expect(verifier.finish()).toMatchObject({ ok: true });
    const story = lines.slice(0, -1).map((line) => JSON.parse(line) as { type: string; data: { attempt?: number; outcome?: string; event?: string; route?: string } });
    expect(story.filter((record) => record.type === "review.started").map((record) => record.data.attempt)).toEqual([1, 1]);
    expect(story.filter((record) => record.type === "review.finished").map((record) => record.data.outcome)).toEqual(["posted"]);
    const writes = story.filter((record) => record.type === "github.write");
    expect(writes.filter((record) => record.data.route?.endsWith("/reviews")).map((record) => record.data.event)).toEqual(["COMMENT"]);
    // Each process minted its installation token: a write too, and recorded as one.
    expect(writes.filter((record) => record.data.route === "/app/installations/{installation_id}/access_tokens")).toHaveLength(2);

    // Graceful shutdown on SIGTERM: the idle worker closes and exits 0.
    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });

  it("with the default lock settings, the killed worker's review is posted well within a minute", { timeout: 90_000 }, async () => {
    model.reply((_body, call) => (call === 0 ? { hang: true } : { content: MODEL_ANSWER }));
    const { jobId } = await enqueueReview(queue, reviewJob());
    let postedAt: number | undefined;
    github.onReviewStored = () => void (postedAt = Date.now());

    const first = spawnWorker({ lockSettings: "default" });
    await waitFor("the first worker to call the model", () => model.requests.length === 1, first);
    first.child.kill("SIGKILL");
    const killedAt = Date.now();
    await first.exited;
    // The restarted process: what it waits for is the dead one's lock and the next stalled check.
    const second = spawnWorker({ lockSettings: "default" });

    await waitFor("the job to complete", async () => (await queue.getJobState(jobId)) === "completed", second);
    expect(github.reviews).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: HEAD })]);
    expect((await queue.getJob(jobId))?.stalledCounter).toBe(1);
    // A figure for the operator's documentation, not an assertion: the suite's timeout bounds the wait.
    console.info(`worker SIGKILL -> review posted: ${(((postedAt ?? Date.now()) - killedAt) / 1000).toFixed(1)} s (default lock settings)`);
  });

  it("posts nothing more when the first worker died after posting, before acknowledging the job", { timeout: 60_000 }, async () => {
    const { jobId } = await enqueueReview(queue, reviewJob());
    const first = spawnWorker();
    github.onReviewStored = async () => {
      // The review is on GitHub; its worker dies before it hears back or marks the job done.
      first.child.kill("SIGKILL");
      await first.exited;
    };
    await first.exited;
    github.onReviewStored = () => {};
    expect(github.reviews).toHaveLength(1);
    expect(await queue.getJobState(jobId)).toBe("active");

    const second = spawnWorker();
    await waitFor("the job to complete", async () => (await queue.getJobState(jobId)) === "completed", second);

    expect(reviewPosts()).toHaveLength(1);
    expect(github.reviews).toHaveLength(1);
    expect(second.logs.map((line) => line.msg)).toContain("review for this head already posted; not posting again");
    expect(github.unrouted).toEqual([]);
  });
});
