// The real worker entry (src/worker.ts, a child process) serves its probes and
// metrics on FOUREYES_WORKER_HTTP_PORT, and counts the job it ran.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { reviewJob } from "../helpers/queue-fixtures.js";
import { openSpawnedWorkerRig, type SpawnedWorkerRig, waitForWhileRunning } from "../helpers/spawn-worker.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

let rig: SpawnedWorkerRig;
let queue: ReviewQueue;

beforeEach(async () => {
  rig = await openSpawnedWorkerRig(inject("redisUrl"), { attempts: 1 });
  ({ queue } = rig);
});

afterEach(() => rig.close());

describe("the worker process's HTTP server", () => {
  it("answers /healthz, /readyz and /metrics on its port, with the job it ran counted", { timeout: 90_000 }, async () => {
    const worker = rig.spawn();
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
