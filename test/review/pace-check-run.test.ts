// A review that is ready while the installation's content budget is spent:
// the worker (in-process, real Redis, GitHub mocked at HTTP) says so in a
// neutral check run before the review waits, posts the review once when the
// budget has room, and then says it was posted.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { contentBudgetSchema } from "../../src/config/content-budget.js";
import { createWritePace } from "../../src/github/create-write-pace.js";
import { paceGitHubWrites } from "../../src/github/pace-github-writes.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { metricsRegistry } from "../../src/metrics/metrics-registry.js";
import { createReviewProcessor } from "../../src/review/process-review-job.js";
import { createReviewQueue, createReviewWorker, enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { changedFileJson, checkRunReply, createTestOctokit, type GitHubMock, mockGitHub, notFoundReply, pullRequestJson, rawContentReply } from "../helpers/github-mock.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { CONFIG_PATH, FILE_CONTENT_PATH, FILE_PATCH, FILE_PATH, FILE_TEXT, HEAD, HEAD_TREE_PATH, headTreeReply, INSTALLATION, MODEL_ANSWER, OWNER, PR_PATH, PULL, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

let redis: Redis;
let queue: ReviewQueue;
let prefix: string;
let gh: GitHubMock;
let model: ModelServer;
let worker: Worker | undefined;

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 3, backoffMs: 10 });
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

/** Content writes that waited longer than a tenth of a second, from /metrics as Prometheus reads it. */
async function waitedWrites(): Promise<number> {
  const series = 'foureyes_github_write_wait_seconds_bucket{le="0.1",kind="content"}';
  const total = 'foureyes_github_write_wait_seconds_count{kind="content"}';
  const lines = (await metricsRegistry.metrics()).split("\n");
  const value = (name: string) => Number(lines.find((line) => line.startsWith(`${name} `))?.split(" ")[1] ?? 0);
  return value(total) - value(series);
}

describe("a review waiting for GitHub's pace", () => {
  it("is announced in the check run, posted once when the budget has room, then marked posted", { timeout: 30_000 }, async () => {
    const order: string[] = [];
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD })], { times: 2 });
    gh.on("GET", `${PR_PATH}/files`, [200, [changedFileJson({ filename: FILE_PATH, additions: 1, deletions: 1, patch: FILE_PATCH })]]);
    gh.on("GET", CONFIG_PATH, notFoundReply());
    gh.on("GET", `${PR_PATH}/comments`, [200, []]);
    gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT));
    gh.on("GET", HEAD_TREE_PATH, headTreeReply());
    // Just before the review is posted, another worker spends the installation's budget of one review per two seconds.
    const pace = createWritePace(redis, { prefix, budget: contentBudgetSchema.parse("1/2s") });
    gh.on("GET", `${PR_PATH}/reviews`, async () => {
      order.push(`budget taken elsewhere: ${await pace.take(INSTALLATION, { createsContent: true })}`);
      return [200, []];
    });
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => {
      order.push("review");
      return [200, { id: 1, body: body.body }];
    });
    const checks = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => {
      order.push(`check: ${String(body.output.title)}`);
      return checkRunReply(body);
    }, { times: 2 });

    const octokit = paceGitHubWrites(createTestOctokit(gh), INSTALLATION, pace, { announceAfterMs: 0 });
    const waitedBefore = await waitedWrites();
    const logger = pino({ level: "silent" });
    const processor = createReviewProcessor({
      getOctokit: async () => octokit,
      app: TEST_APP,
      modelClient: createModelClient({ baseURL: model.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512 }),
      limits: { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 },
      modelConcurrency: 1,
      logger,
    });
    worker = createReviewWorker(redis, processor, { concurrency: 1, prefix, logger });

    const { jobId } = await enqueueReview(queue, reviewJob());
    expect(await waitForJobState(queue, jobId, ["completed", "failed"])).toBe("completed");

    expect(posted.calls).toHaveLength(1);
    expect(order).toEqual(["budget taken elsewhere: 0", "check: Advisory review ready: waiting for GitHub's pace", "review", "check: Advisory review posted"]);
    const waiting = checks.calls[0]?.body as { conclusion: string; output: { summary: string } };
    expect(waiting.conclusion).toBe("neutral");
    expect(waiting.output.summary).toMatch(/finished its advisory review of 111111111111 and posts it within a minute/);
    expect(await waitedWrites()).toBeGreaterThan(waitedBefore);
    gh.assertDone();
  });
});
