// Three worker processes (the real entry, src/worker.ts) review pull requests
// of one installation against a loopback GitHub that, like GitHub, refuses a
// review beyond its content-creation limit with a 403 "secondary rate limit".
// The limit and foureyes' budget are scaled down to 2 reviews per 7 seconds
// (GitHub: about 80 a minute), so a burst of four reruns must be paced across
// the processes: never more than the budget in any window, no secondary-limit
// answer, every review posted exactly once. And the processes share Octokit's
// own pace (a notifying write 3 s after the last, per installation) through
// Redis: one review after another, never two at once from two processes.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { rerunMarker } from "../../src/core/markers.js";
import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import type { LoopbackGitHub } from "../helpers/loopback-github.js";
import { reviewJob } from "../helpers/queue-fixtures.js";
import { openSpawnedWorkerRig, type SpawnedWorkerRig, waitForWhileRunning, type WorkerProcess } from "../helpers/spawn-worker.js";

const BUDGET = { limit: 2, windowMs: 7_000 };
const REVIEWS = 4;
/** Octokit's pace for writes that notify people is 3 s; less a little for the way from Redis to GitHub. */
const SHARED_PACE_MS = 2_500;

let rig: SpawnedWorkerRig;
let queue: ReviewQueue;
let github: LoopbackGitHub;

beforeEach(async () => {
  rig = await openSpawnedWorkerRig(inject("redisUrl"));
  ({ queue, github } = rig);
  github.reviewLimit = BUDGET;
});

afterEach(() => rig.close());

const started = (worker: WorkerProcess) => worker.logs.filter((line) => line.msg === "review job started").length;

describe("three workers on one installation", () => {
  it("keep to one pace and the content budget together: no secondary-limit answer, each review posted exactly once", { timeout: 120_000 }, async () => {
    const workers = Array.from({ length: 3 }, () => rig.spawn({ FOUREYES_GITHUB_CONTENT_BUDGET: `${BUDGET.limit}/${BUDGET.windowMs}ms`, FOUREYES_JOB_BACKOFF_MS: "10" }));
    for (const worker of workers) await waitForWhileRunning("the review worker to start", () => worker.logs.some((line) => line.msg === "review worker started"), worker);

    // A burst: four `/foureyes review` comments on one pull request of one installation.
    const comments = Array.from({ length: REVIEWS }, (_, n) => 500 + n);
    const jobIds = await Promise.all(comments.map(async (commentId) => (await enqueueReview(queue, reviewJob({ rerun: { commentId, requestedBy: "octocat" } }))).jobId));
    await waitForWhileRunning("every review job to finish", async () => {
      const states = await Promise.all(jobIds.map((jobId) => queue.getJobState(jobId)));
      return states.every((state) => state === "completed" || state === "failed");
    });

    expect(await Promise.all(jobIds.map((jobId) => queue.getJobState(jobId)))).toEqual(jobIds.map(() => "completed"));
    expect(github.limited).toEqual([]);
    // Each rerun comment got exactly one review.
    expect(comments.map((commentId) => github.reviews.filter((review) => review.body.includes(rerunMarker(commentId))).length)).toEqual(comments.map(() => 1));
    const times = [...github.reviewTimes].sort((a, b) => a - b);
    expect(times).toHaveLength(REVIEWS);
    for (let i = 0; i + BUDGET.limit < times.length; i += 1) {
      expect((times[i + BUDGET.limit] as number) - (times[i] as number)).toBeGreaterThanOrEqual(BUDGET.windowMs);
    }
    for (let i = 1; i < times.length; i += 1) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(SHARED_PACE_MS);
    // All three processes reviewed; none of them was refused by GitHub.
    expect(workers.map(started).every((count) => count > 0)).toBe(true);
    expect(workers.flatMap((worker) => worker.logs).filter((line) => /secondary rate limit/.test(String(line.msg)))).toEqual([]);
  });
});
