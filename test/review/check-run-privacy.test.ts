// The "review delayed / unavailable" check runs on a public repository say
// that the model server did not answer and that operators find the reason in
// the worker's log: no internal URL, no setting name, no raw server error.
// On a private repository (read by the organisation) they keep the reason.
// The review worker runs for real: Redis, BullMQ, GitHub mocked at HTTP, the
// loopback model server.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { createReviewProcessor } from "../../src/review/process-review-job.js";
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
import { CONFIG_PATH, FILE_CONTENT_PATH, FILE_PATCH, FILE_PATH, FILE_TEXT, HEAD, HEAD_TREE_PATH, headTreeReply, OWNER, PR_PATH, PULL, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { freePort } from "../helpers/redis-server.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
const INTERNAL_ERROR = "upstream http://10.0.0.5:8000/v1 refused: CUDA out of memory on gpu-node-7";
const PUBLIC_REASON = "operators find the reason in the worker's log";

let redis: Redis;
let prefix: string;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;
let worker: Worker | undefined;
let logText: string[];

beforeEach(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  prefix = `test-${randomUUID()}`;
  queue = createReviewQueue(redis, { prefix, attempts: 2, backoffMs: 10 });
  gh = mockGitHub();
  model = await startModelServer({ status: 500, body: { error: { message: INTERNAL_ERROR, type: "server_error" } } });
  logText = [];
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

function startWorker(modelUrl: string): void {
  const logger = pino({ level: "info" }, { write: (line: string) => void logText.push(line) });
  const octokit = createTestOctokit(gh);
  const processor = createReviewProcessor({
    getOctokit: async () => octokit,
    app: TEST_APP,
    modelClient: createModelClient({ baseURL: modelUrl, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512 }),
    limits,
    modelConcurrency: 1,
    logger,
  });
  worker = createReviewWorker(redis, processor, { concurrency: 1, prefix, logger });
}

async function waitForJob(jobId: string): Promise<string> {
  return waitForJobState(queue, jobId);
}

/** Two attempts that never get past the model; the repository is public or private. */
function mockTwoAttempts(visibility: "public" | "private"): void {
  const pr = pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD }) as { base: { repo: { private: boolean } } };
  pr.base.repo.private = visibility === "private";
  gh.on("GET", PR_PATH, [200, pr], { times: 2 });
  gh.on("GET", `${PR_PATH}/files`, [200, [changedFileJson({ filename: FILE_PATH, patch: FILE_PATCH })]], { times: 2 });
  gh.on("GET", CONFIG_PATH, notFoundReply(), { times: 2 });
  gh.on("GET", `${PR_PATH}/comments`, [200, []], { times: 2 });
  gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT), { times: 2 });
  gh.on("GET", HEAD_TREE_PATH, headTreeReply(), { times: 2 });
}

async function checkRunSummaries(modelUrl: string): Promise<string[]> {
  const checkRuns = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => checkRunReply(body), { times: 2 });
  const { jobId } = await enqueueReview(queue, reviewJob());
  startWorker(modelUrl);
  expect(await waitForJob(jobId)).toBe("failed");
  gh.assertDone();
  return checkRuns.calls.map((call) => {
    const { output } = call.body as { output: { title: string; summary: string } };
    return `${output.title}\n${output.summary}`;
  });
}

function expectNothingInternal(texts: string[], modelUrl: string): void {
  for (const text of texts) {
    expect(text).not.toContain(modelUrl);
    expect(text).not.toMatch(/127\.0\.0\.1|10\.0\.0\.5|FOUREYES_|HTTP 500|CUDA|ECONNREFUSED|connection refused/i);
    expect(text).toContain(PUBLIC_REASON);
  }
}

describe("check runs about a model outage", () => {
  it("on a public repository: no internal URL, setting name or server error; the log has them", async () => {
    mockTwoAttempts("public");
    const texts = await checkRunSummaries(model.url);
    expect(texts).toEqual([expect.stringMatching(/delayed/), expect.stringMatching(/unavailable/)]);
    expectNothingInternal(texts, model.url);
    expect(texts[0]).toContain("foureyes could not reach its model server for 111111111111: the model server did not answer; operators find");
    expect(logText.join("\n")).toContain("CUDA out of memory");
  });

  it("on a public repository whose model server refuses connections", async () => {
    const closedUrl = `http://127.0.0.1:${await freePort()}/v1`;
    mockTwoAttempts("public");
    const texts = await checkRunSummaries(closedUrl);
    expect(texts).toHaveLength(2);
    expectNothingInternal(texts, closedUrl);
    expect(logText.join("\n")).toMatch(/connection refused at http:\/\/127\.0\.0\.1:\d+\/v1.*FOUREYES_MODEL_URL/);
  });

  it("on a private repository the organisation reads the reason", async () => {
    mockTwoAttempts("private");
    const texts = await checkRunSummaries(model.url);
    expect(texts[0]).toContain(`model server at ${model.url} kept failing (HTTP 500`);
    expect(texts[0]).toContain(INTERNAL_ERROR);
    expect(texts[1]).toMatch(/Last error: .*HTTP 500/);
    expect(texts.join("\n")).not.toContain(PUBLIC_REASON);
  });
});
