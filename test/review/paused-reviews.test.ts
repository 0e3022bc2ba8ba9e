// `/foureyes pause` through the review worker on a real Redis, GitHub mocked
// at the HTTP layer and the loopback model: an automatic review of a paused
// pull request is skipped with a neutral check run that says so (no model
// call, no review); a review asked for with a command still runs and its body
// says reviews are paused; after a resume, the next review says so once.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { createPauseStore, type PauseStore } from "../../src/review/pause-store.js";
import { createReviewProcessor } from "../../src/review/process-review-job.js";
import { createReviewQueue, createReviewWorker, enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { changedFileJson, checkRunReply, createTestOctokit, type GitHubMock, mockGitHub, notFoundReply, pullRequestJson, rawContentReply } from "../helpers/github-mock.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { CONFIG_PATH, FILE_CONTENT_PATH, FILE_PATCH, FILE_PATH, FILE_TEXT, HEAD, HEAD_TREE_PATH, headTreeReply, INSTALLATION, MODEL_ANSWER, OWNER, PR_PATH, PULL, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const PULL_KEY = { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL };

let redis: Redis;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;
let worker: Worker | undefined;
let pauses: PauseStore;

beforeEach(async () => {
  const prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
  pauses = createPauseStore(redis, prefix);
  gh = mockGitHub();
  model = await startModelServer({ content: MODEL_ANSWER });
  const logger = pino({ level: "silent" });
  const octokit = createTestOctokit(gh);
  const modelClient = createModelClient({ baseURL: model.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512 });
  const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
  const processor = createReviewProcessor({ getOctokit: async () => octokit, app: TEST_APP, modelClient, limits, modelConcurrency: 1, logger, pauses });
  worker = createReviewWorker(redis, processor, { concurrency: 1, prefix, logger });
});

afterEach(async () => {
  await worker?.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
  await model.close();
  gh.close();
});

function mockReview() {
  gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD })], { times: 2 });
  gh.on("GET", `${PR_PATH}/files`, [200, [changedFileJson({ filename: FILE_PATH, additions: 1, deletions: 1, patch: FILE_PATCH })]]);
  gh.on("GET", CONFIG_PATH, notFoundReply());
  gh.on("GET", `${PR_PATH}/comments`, [200, []]);
  gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT));
  gh.on("GET", HEAD_TREE_PATH, headTreeReply());
  // The sink (and an incremental review's scope) read the reviews.
  gh.on("GET", `${PR_PATH}/reviews`, [200, []], { times: Infinity });
  return gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);
}

async function run(data: ReturnType<typeof reviewJob>): Promise<unknown> {
  const { jobId } = await enqueueReview(queue, data);
  const state = await waitForJobState(queue, jobId);
  expect(state, (await queue.getJob(jobId))?.failedReason).toBe("completed");
  return (await queue.getJob(jobId))?.returnvalue;
}

it("an automatic review of a paused pull request is skipped with a neutral check run; a command's review still runs and says paused", async () => {
  await pauses.pause(PULL_KEY, "maria");
  const checkRuns = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => checkRunReply(body));

  expect(await run(reviewJob({ event: "pull_request.synchronize" }))).toEqual({ status: "skipped", reason: "paused" });
  const checkRun = checkRuns.calls[0]?.body as { conclusion: string; head_sha: string; output: { title: string; summary: string } };
  expect(checkRun.conclusion).toBe("neutral");
  expect(checkRun.head_sha).toBe(HEAD);
  expect(checkRun.output.title).toMatch(/paused/);
  expect(checkRun.output.summary).toContain("/foureyes resume");
  expect(model.requests).toEqual([]);

  const posted = mockReview();
  await run(reviewJob({ event: "issue_comment.created", rerun: { commentId: 77, requestedBy: "maria" } }));
  expect((posted.calls[0]?.body as { body: string }).body).toMatch(/Automatic reviews of this pull request are paused/);
  gh.assertDone();
});

it("after a resume the next review runs and says once that reviews were resumed", async () => {
  await pauses.pause(PULL_KEY, "maria");
  await pauses.resume(PULL_KEY, "maria");

  const first = mockReview();
  await run(reviewJob());
  expect((first.calls[0]?.body as { body: string }).body).toMatch(/paused and have been resumed/);
  expect(await pauses.takeNote(PULL_KEY)).toBeNull();
  gh.assertDone();
});
