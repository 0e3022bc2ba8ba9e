// The review worker in-process (real Redis, real BullMQ, GitHub mocked at the
// HTTP layer, a loopback model server) when things go wrong in the queue
// rather than in the review: a model call that outlasts the job lock keeps
// its job; a write the advisory guard refuses is a bug and is not retried; a
// job whose worker died too often ends with a neutral "unavailable" check run.

import { randomUUID } from "node:crypto";

import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import type { JobWorkerOptions } from "../../queues/create-job-worker.js";
import { AdvisoryViolationError } from "../../src/github/errors.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { createReviewProcessor } from "../../src/review/process-review-job.js";
import { reportStalledReviews } from "../../src/review/report-stalled-reviews.js";
import { REVIEW_QUEUE_NAME } from "../../src/review/review-job.js";
import { createReviewQueue, createReviewWorker, enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import {
  changedFileJson,
  checkRunReply,
  createTestOctokit,
  type GitHubMock,
  mockGitHub,
  notFoundReply,
  pullRequestJson,
  rawContentReply,
} from "../helpers/github-mock.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import {
  CONFIG_PATH,
  FILE_CONTENT_PATH,
  FILE_PATCH,
  FILE_PATH,
  FILE_TEXT,
  HEAD,
  HEAD_TREE_PATH,
  headTreeReply,
  MODEL_ANSWER,
  OWNER,
  PR_PATH,
  PULL,
  REPO,
  reviewJob,
} from "../helpers/queue-fixtures.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
const CHECK_RUNS = `/repos/${OWNER}/${REPO}/check-runs`;

let redis: Redis;
let queue: ReviewQueue;
let prefix: string;
let gh: GitHubMock;
let model: ModelServer;
let worker: Worker | undefined;
let logLines: { msg: string; [key: string]: unknown }[];

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 3, backoffMs: 10 });
  gh = mockGitHub();
  model = await startModelServer({ content: MODEL_ANSWER });
  logLines = [];
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
  await model.close();
  gh.close();
});

function startWorker(options: Partial<JobWorkerOptions> = {}, octokit = createTestOctokit(gh)): Worker {
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const getOctokit = async () => octokit;
  const processor = createReviewProcessor({
    getOctokit,
    app: TEST_APP,
    modelClient: createModelClient({ baseURL: model.url, model: MODEL_SERVER_MODEL, concurrency: 2, timeoutMs: 20_000, maxRetries: 0, maxOutputTokens: 512 }),
    limits,
    modelConcurrency: 2,
    logger,
  });
  const started = createReviewWorker(redis, processor, { concurrency: 1, prefix, logger, ...options });
  reportStalledReviews(started, { getOctokit, app: TEST_APP, logger });
  worker = started;
  return started;
}

/** Polls the job until it reaches one of `states`; the suite's timeout bounds the wait. */
async function waitForJob(jobId: string, states: string[]): Promise<string> {
  return waitForJobState(queue, jobId, states);
}

function mockPullRequestReads(): void {
  gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD })], { times: Infinity });
  gh.on("GET", `${PR_PATH}/files`, [200, [changedFileJson({ filename: FILE_PATH, additions: 1, deletions: 1, patch: FILE_PATCH })]], { times: Infinity });
  gh.on("GET", CONFIG_PATH, notFoundReply(), { times: Infinity });
  gh.on("GET", `${PR_PATH}/comments`, [200, []], { times: Infinity });
  gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT), { times: Infinity });
  gh.on("GET", HEAD_TREE_PATH, headTreeReply(), { times: Infinity });
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
    expect(logLines.map((line) => line.msg)).not.toContain("review job stalled (its worker died or hung); it will run again");
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
    expect(logLines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/bug in foureyes.*report/i) }));
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
    expect(logLines.map((line) => line.msg)).toContainEqual(expect.stringMatching(/stopped .* too often/));
    gh.assertDone();
  });
});

/** Polls until `condition` holds; the suite's timeout bounds the wait. */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
