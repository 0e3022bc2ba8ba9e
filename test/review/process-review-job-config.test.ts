// The review worker in-process (real Redis, real BullMQ, GitHub mocked at the
// HTTP layer, a loopback model server) against a repository whose
// `.github/foureyes.yml` has a typo or cannot be read at all: the repository's
// opt-outs hold, and the neutral check run says what to fix.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { createReviewProcessor } from "../../src/review/process-review-job.js";
import { createReviewQueue, createReviewWorker, enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import {
  changedFileJson,
  checkRunReply,
  contentJson,
  createTestOctokit,
  type GitHubMock,
  mockGitHub,
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
const APP = { id: 1, slug: "foureyes", login: "foureyes[bot]" };

let redis: Redis;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;
let worker: Worker | undefined;

beforeEach(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  queue = createReviewQueue(redis, { prefix: `test-${randomUUID()}`, attempts: 1, backoffMs: 10 });
  gh = mockGitHub();
  model = await startModelServer({ content: MODEL_ANSWER });
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

/** Runs one review job against a repository whose config file says `configText`; answers every read and write it may make. */
async function reviewWithConfig(configText: string) {
  gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD })], { times: Infinity });
  gh.on("GET", `${PR_PATH}/files`, [200, [changedFileJson({ filename: FILE_PATH, additions: 1, deletions: 1, patch: FILE_PATCH })]], { times: Infinity });
  gh.on("GET", CONFIG_PATH, [200, contentJson(".github/foureyes.yml", configText)], { times: Infinity });
  gh.on("GET", `${PR_PATH}/comments`, [200, []], { times: Infinity });
  gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT), { times: Infinity });
  gh.on("GET", HEAD_TREE_PATH, headTreeReply(), { times: Infinity });
  gh.on("GET", `${PR_PATH}/reviews`, [200, []], { times: Infinity });
  const reviews = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }], { times: Infinity });
  const checkRuns = gh.on("POST", CHECK_RUNS, (body) => checkRunReply(body), { times: Infinity });

  const octokit = createTestOctokit(gh);
  const logger = pino({ level: "silent" });
  const modelClient = createModelClient({ baseURL: model.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512 });
  const deps = { getOctokit: async () => octokit, app: APP, modelClient, limits, modelConcurrency: 1, logger };
  const processor = createReviewProcessor(deps);
  worker = createReviewWorker(redis, processor, { concurrency: 1, prefix: queue.opts.prefix, logger });

  const { jobId } = await enqueueReview(queue, reviewJob());
  const job = await waitForJob(jobId);
  expect(gh.unmatched).toEqual([]);
  const checkRunBodies = checkRuns.calls.map((call) => call.body as { conclusion: string; output: { title: string; summary: string } });
  return { job, reviews: reviews.calls.map((call) => call.body as { event: string; body: string; comments: unknown[] }), checkRuns: checkRunBodies };
}

/** Polls the job until it has finished; the suite's timeout bounds the wait. */
async function waitForJob(jobId: string) {
  const state = await waitForJobState(queue, jobId);
  return { state, returnvalue: (await queue.getJob(jobId))?.returnvalue };
}

describe("review worker: the repository's config file", () => {
  it("keeps `enabled: false` although another key is misspelt: no review, no model call, no check run", async () => {
    const run = await reviewWithConfig("enabled: false\nmaxComents: 3\n");
    expect(run.reviews).toEqual([]);
    expect(model.requests).toEqual([]);
    expect(run.checkRuns).toEqual([]);
    expect(run.job).toEqual({ state: "completed", returnvalue: { status: "not-reviewed", reason: "disabled" } });
  });

  it("keeps `exclude` beside a typo, reviews with the rest, and names the typo in the body and a neutral check run", async () => {
    const run = await reviewWithConfig("exclude: [src/**]\nmaxComents: 3\n");
    expect(model.requests).toEqual([]); // the only changed file is excluded
    expect(run.reviews).toHaveLength(1);
    expect(run.reviews[0]).toMatchObject({ event: "COMMENT", comments: [] });
    expect(run.reviews[0]?.body).toContain("maxComents: unknown key (did you mean maxComments?)");
    expect(run.checkRuns).toEqual([
      expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ summary: expect.stringContaining("maxComents: unknown key") }) }),
    ]);
  });

  it("does not review while the file cannot be parsed, and a neutral check run says why and what to fix", async () => {
    const run = await reviewWithConfig("enabled: false\nexclude: [src/**\n");
    expect(run.reviews).toEqual([]);
    expect(model.requests).toEqual([]);
    expect(run.job).toEqual({ state: "completed", returnvalue: { status: "not-reviewed", reason: "config-halted" } });
    expect(run.checkRuns).toHaveLength(1);
    const [check] = run.checkRuns;
    expect(check?.conclusion).toBe("neutral");
    expect(check?.output.title).toMatch(/No advisory review.*\.github\/foureyes\.yml/);
    expect(check?.output.summary).toMatch(/YAML syntax error at line \d+/);
    expect(check?.output.summary).toMatch(/until the file on the default branch is fixed/);
  });
});
