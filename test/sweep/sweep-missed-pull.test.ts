// Reconciliation sweep, end to end: a pull request whose webhook never
// arrived (nothing was queued for it) is reviewed after the worker's next
// sweep, exactly once. The real worker entry runs as a child process against
// a loopback GitHub and model server, on real Redis.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { reviewJobId } from "../../src/review/review-job.js";
import type { ReviewQueue } from "../../src/review/review-queue.js";
import type { LoopbackGitHub } from "../helpers/loopback-github.js";
import { HEAD, headMarker, INSTALLATION, OWNER, PULL, REPO } from "../helpers/queue-fixtures.js";
import { openSpawnedWorkerRig, type SpawnedWorkerRig, waitForWhileRunning } from "../helpers/spawn-worker.js";

let rig: SpawnedWorkerRig;
let queue: ReviewQueue;
let github: LoopbackGitHub;

beforeEach(async () => {
  rig = await openSpawnedWorkerRig(inject("redisUrl"));
  ({ queue, github } = rig);
});

afterEach(() => rig.close());

describe("the reconciliation sweep", () => {
  it("reviews a pull request whose webhook never arrived, once", { timeout: 120_000 }, async () => {
    github.installations = [INSTALLATION];
    const jobId = reviewJobId({ owner: OWNER, repo: REPO, pullNumber: PULL, headSha: HEAD });
    expect(await queue.getJob(jobId)).toBeUndefined();

    // The first sweep runs when the worker starts, then every FOUREYES_SWEEP_INTERVAL_MS.
    const worker = rig.spawn({ FOUREYES_SWEEP_INTERVAL_MS: "600000" });
    await waitForWhileRunning("the swept pull request to be reviewed", async () => (await queue.getJobState(jobId)) === "completed", worker);

    expect(github.reviews).toEqual([expect.objectContaining({ event: "COMMENT", commit_id: HEAD, body: expect.stringContaining(headMarker(HEAD)) })]);
    const job = await queue.getJob(jobId);
    expect(job?.data).toMatchObject({ installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL, headSha: HEAD, event: "sweep" });
    expect(worker.logs.map((line) => line.msg)).toContain("sweep queued a pull request whose head was never reviewed");
    expect(github.unrouted).toEqual([]);
  });
});
