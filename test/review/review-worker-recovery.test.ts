// The review worker in-process (real Redis, real BullMQ, GitHub mocked at the
// HTTP layer, a loopback model server) when things go wrong in the queue
// rather than in the review: a model call that outlasts the job lock keeps
// its job; a write the advisory guard refuses is a bug and is not retried; a
// job whose worker died too often ends with a neutral "unavailable" check run.

import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import type { JobWorkerOptions } from "../../queues/create-job-worker.js";
import { AdvisoryViolationError } from "../../src/github/errors.js";
import type { GitHubClient } from "../../src/github/octokit.js";
import { reportStalledReviews } from "../../src/review/report-stalled-reviews.js";
import { REVIEW_QUEUE_NAME } from "../../src/review/review-job.js";
import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { checkRunReply, createTestOctokit, type GitHubMock } from "../helpers/github-mock.js";
import type { ModelServer } from "../helpers/model-server.js";
import { HEAD, MODEL_ANSWER, OWNER, PR_PATH, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { answerPullRequestReads, openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const CHECK_RUNS = `/repos/${OWNER}/${REPO}/check-runs`;

let rig: ReviewWorkerRig;
let redis: Redis;
let prefix: string;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  ({ redis, prefix, gh, queue } = rig);
  model = await rig.startModel({ content: MODEL_ANSWER });
});

afterEach(() => rig.close());

/** The review worker with the stalled-job reporter the worker process attaches. */
function startWorker(options: Partial<JobWorkerOptions> = {}, octokit?: GitHubClient): void {
  const { worker, logger, getOctokit } = rig.startWorker({ worker: options, modelConcurrency: 2, modelTimeoutMs: 20_000, ...(octokit ? { octokit } : {}) });
  reportStalledReviews(worker, { getOctokit, app: TEST_APP, logger });
}

/** Polls the job until it reaches one of `states`; the suite's timeout bounds the wait. */
async function waitForJob(jobId: string, states: string[]): Promise<string> {
  return waitForJobState(queue, jobId, states);
}

function mockPullRequestReads(): void {
  answerPullRequestReads(gh, { times: Infinity });
  gh.on("GET", `${PR_PATH}/reviews`, [200, []], { times: Infinity });
}

const checkRunTitles = (calls: { body: unknown }[]) => calls.map((call) => (call.body as { output: { title: string } }).output.title);

describe("review worker: the job lock", () => {
  it("keeps its job through a model call longer than the lock: no stall, one review", { timeout: 30_000 }, async () => {
    // Lock 2 s, the model answers after 5 s: the lock must be renewed while the call is open.
    model.reply({ content: MODEL_ANSWER, delayMs: 5_000 });
    mockPullRequestReads();
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker({ lockDurationMs: 2_000, stalledIntervalMs: 300 });
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("completed");

    const job = await queue.getJob(jobId);
    expect(job?.stalledCounter).toBe(0);
    expect(job?.attemptsMade).toBe(1);
    expect(model.requests).toHaveLength(1);
    expect(posted.calls).toHaveLength(1);
    expect(rig.logLines().map((line) => line.msg)).not.toContain("review job stalled (its worker died or hung); it will run again");
  });
});

describe("review worker: a write the advisory guard refuses", () => {
  it("is a bug: the job fails at once, is not retried, says so in the log, and leaves a neutral check run", async () => {
    mockPullRequestReads();
    const checkRuns = gh.on("POST", CHECK_RUNS, (body) => checkRunReply(body), { times: Infinity });
    const octokit = createTestOctokit(gh);
    // As if a bug built a review the guard must refuse (the guard throws before anything is sent).
    octokit.hook.before("request", (options) => {
      if (options.method === "POST" && String(options.url).endsWith("/reviews")) throw new AdvisoryViolationError("Refused to send a non-advisory request to GitHub: test");
    });

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker({}, octokit);
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("failed");

    const job = await queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.opts.attempts).toBe(3);
    expect(job?.failedReason).toMatch(/non-advisory/);
    expect(model.requests).toHaveLength(1);
    expect(gh.requestsTo("POST", `${PR_PATH}/reviews`)).toEqual([]);
    expect(rig.logLines()).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/bug in foureyes.*report/i) }));
    expect(checkRuns.calls.map((call) => (call.body as { conclusion: string }).conclusion)).toEqual(["neutral"]);
    expect(checkRunTitles(checkRuns.calls)).toEqual([expect.stringMatching(/unavailable/)]);
  });
});

describe("review worker: a job that stalled more often than allowed", () => {
  it("ends with a neutral 'unavailable' check run on its head, not silence", async () => {
    const checkRuns = gh.on("POST", CHECK_RUNS, (body) => checkRunReply(body));

    // A worker takes the job and dies: nobody renews its 500 ms lock.
    const { jobId } = await enqueueReview(queue, reviewJob());
    const dead = new Worker(REVIEW_QUEUE_NAME, null, { connection: redis.duplicate(), prefix, lockDuration: 500, autorun: false });
    expect((await dead.getNextJob("dead-worker-token"))?.id).toBe(jobId);
    await dead.close(true);

    // Allowed no stall at all, so this one is past the limit.
    startWorker({ lockDurationMs: 1_000, stalledIntervalMs: 300, maxStalledCount: 0 });
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("failed");
    expect((await queue.getJob(jobId))?.failedReason).toBe("job stalled more than allowable limit");

    await waitFor(() => checkRuns.calls.length > 0);
    const body = checkRuns.calls[0]?.body as { head_sha: string; conclusion: string; output: { title: string; summary: string } };
    expect(body).toMatchObject({ head_sha: HEAD, conclusion: "neutral", output: { title: expect.stringMatching(/unavailable/) } });
    expect(body.output.summary).toMatch(/Nothing blocks this pull request/);
    expect(model.requests).toEqual([]);
    expect(gh.requestsTo("POST", /\/reviews$/)).toEqual([]);
    expect(rig.logLines().map((line) => line.msg)).toContainEqual(expect.stringMatching(/stopped .* too often/));
    gh.assertDone();
  });
});

/** Polls until `condition` holds; the suite's timeout bounds the wait. */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
