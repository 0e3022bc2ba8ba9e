// The review body's focus list links each critical and major finding to its
// line in the pull request's "Files changed" view, on the host GitHub names
// for the pull request (a GitHub Enterprise host too): the real worker on a
// real Redis, GitHub mocked at the HTTP layer, the loopback model server.

import { createHash, randomUUID } from "node:crypto";

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
  createTestOctokit,
  type GitHubMock,
  mockGitHub,
  notFoundReply,
  pullRequestJson,
  rawContentReply,
} from "../helpers/github-mock.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import {
  CONFIG_PATH,
  FILE_CONTENT_PATH,
  FILE_PATCH,
  FILE_PATH,
  FILE_TEXT,
  HEAD,
  HEAD_TREE_PATH,
  headMarker,
  headTreeReply,
  MODEL_ANSWER,
  OWNER,
  PR_PATH,
  PULL,
  REPO,
  reviewJob,
} from "../helpers/queue-fixtures.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const ENTERPRISE_PULL = `https://ghe.bank.example/${OWNER}/${REPO}/pull/${PULL}`;

let redis: Redis;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;
let worker: Worker | undefined;

beforeEach(async () => {
  const prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  gh = mockGitHub();
  model = await startModelServer({ content: MODEL_ANSWER });
  queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
  const octokit = createTestOctokit(gh);
  const modelClient = createModelClient({ baseURL: model.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512 });
  const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
  const logger = pino({ level: "silent" });
  const processor = createReviewProcessor({ getOctokit: async () => octokit, app: TEST_APP, modelClient, limits, modelConcurrency: 1, logger });
  worker = createReviewWorker(redis, processor, { concurrency: 1, prefix, logger });
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

describe("the posted review body", () => {
  it("links the major finding to its line under the pull request's own (GitHub Enterprise) address, with its title", async () => {
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD, htmlUrl: ENTERPRISE_PULL })], { times: 2 });
    gh.on("GET", `${PR_PATH}/files`, [200, [changedFileJson({ filename: FILE_PATH, additions: 1, deletions: 1, patch: FILE_PATCH })]]);
    gh.on("GET", CONFIG_PATH, notFoundReply());
    gh.on("GET", `${PR_PATH}/comments`, [200, []]);
    gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT));
    gh.on("GET", HEAD_TREE_PATH, headTreeReply());
    gh.on("GET", `${PR_PATH}/reviews`, [200, []]);
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    expect(await waitForJobState(queue, jobId, ["completed", "failed"])).toBe("completed");

    const review = posted.calls[0]?.body as { body: string; comments: { body: string }[] };
    const anchor = `${ENTERPRISE_PULL}/files#diff-${createHash("sha256").update(FILE_PATH).digest("hex")}R2`;
    expect(review.body).toContain(`- **Major** [\`${FILE_PATH}:2\`](<${anchor}>): \`add\` subtracts: \`a - b\` should be \`a + b\``);
    expect(review.body).not.toContain("https://github.com/");
    expect(review.comments[0]?.body).toMatch(/^\*\*Major\*\* · bug — \*\*`add` subtracts: `a - b` should be `a \+ b`\*\*\n/);
    expect(judgeRenderedMarkdown(review.body, { own: [headMarker(HEAD), "<sub>", "</sub>"] })).toEqual([]);
  });
});
