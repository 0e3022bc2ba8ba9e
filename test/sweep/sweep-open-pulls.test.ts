// The sweep's choice of pull requests: open, not draft, updated in the last
// seven days, and whose head has neither a review job nor a review by
// foureyes' own account (a marker typed by anyone else does not count).
// Bounded per installation and run. Real Redis and BullMQ; GitHub mocked at HTTP.

import { randomUUID } from "node:crypto";

import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createLogger } from "../../src/core/logger.js";
import { headMarker } from "../../src/core/markers.js";
import { createReviewQueue, enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { createSweepProcessor } from "../../src/sweep/process-sweep-job.js";
import type { SweepJobResult } from "../../src/sweep/sweep-job.js";
import { MAX_QUEUED_PER_INSTALLATION } from "../../src/sweep/sweep-open-pulls.js";
import { APP_USER, TEST_APP } from "../helpers/app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub, pullRequestJson } from "../helpers/github-mock.js";

const NOW = new Date("2026-11-30T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600_000).toISOString();
const sha = (n: number) => n.toString(16).padStart(40, "0");

let gh: GitHubMock;
let redis: Redis;
let reviewQueue: ReviewQueue;
let prefix: string;

beforeEach(async () => {
  gh = mockGitHub();
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  reviewQueue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 1 });
});

afterEach(async () => {
  gh.close();
  await reviewQueue.obliterate({ force: true });
  await reviewQueue.close();
  await redis.quit();
});

function runSweep(): Promise<SweepJobResult> {
  const octokit = createTestOctokit(gh);
  const process = createSweepProcessor({
    getAppOctokit: async () => octokit,
    getOctokit: async () => octokit,
    app: TEST_APP,
    reviewQueue,
    redis,
    keyPrefix: prefix,
    logger: createLogger("silent"),
    now: () => NOW,
  });
  return process({ id: "sweep-1", data: { kind: "pulls" } } as Job<unknown, SweepJobResult>);
}

function pull(number: number, fields: { draft?: boolean; updatedDaysAgo?: number } = {}) {
  return { ...pullRequestJson({ owner: "acme", repo: "shop", number, headSha: sha(number), draft: fields.draft }), updated_at: daysAgo(fields.updatedDaysAgo ?? 1) };
}

function onInstallationWithPulls(pulls: unknown[]): void {
  gh.on("GET", "/app/installations?per_page=100", [200, [{ id: 77, account: { login: "acme" }, suspended_at: null }]]);
  gh.on("GET", "/installation/repositories?per_page=100", [200, { total_count: 1, repositories: [{ name: "shop", full_name: "acme/shop", owner: { login: "acme" }, archived: false }] }]);
  gh.on("GET", "/repos/acme/shop/pulls?state=open&sort=updated&direction=desc&per_page=100", [200, pulls]);
}

const queuedPulls = async () => (await reviewQueue.getJobs(["waiting", "prioritized"])).map((job) => job.data.pullNumber).sort((a, b) => a - b);

describe("sweeping open pull requests", () => {
  it("queues only open, non-draft, recent heads with no job and no review of foureyes' own", async () => {
    onInstallationWithPulls([pull(1), pull(2, { draft: true }), pull(3), pull(4), pull(5), pull(6, { updatedDaysAgo: 8 })]);
    await enqueueReview(reviewQueue, { installationId: 77, owner: "acme", repo: "shop", pullNumber: 5, headSha: sha(5), event: "pull_request.opened" });
    const human = { login: "mallory", type: "User" };
    gh.on("GET", "/repos/acme/shop/pulls/1/reviews?per_page=100", [200, []]);
    gh.on("GET", "/repos/acme/shop/pulls/3/reviews?per_page=100", [200, [{ id: 30, body: `review\n${headMarker(sha(3))}`, user: APP_USER }]]);
    // A marker typed by a person does not stand for a foureyes review.
    gh.on("GET", "/repos/acme/shop/pulls/4/reviews?per_page=100", [200, [{ id: 40, body: headMarker(sha(4)), user: human }]]);

    expect(await runSweep()).toEqual({ kind: "pulls", installations: 1, queued: 2, failedInstallations: 0 });
    expect(await queuedPulls()).toEqual([1, 4, 5]);
    const swept = await reviewQueue.getJobs(["waiting", "prioritized"]);
    expect(swept.find((job) => job.data.pullNumber === 1)?.data).toEqual({ installationId: 77, owner: "acme", repo: "shop", pullNumber: 1, headSha: sha(1), event: "sweep" });
    gh.assertDone();

    // The next run finds jobs for every head it queued, remembers that #3's head was reviewed (no second look at its reviews), and queues nothing.
    onInstallationWithPulls([pull(1), pull(2, { draft: true }), pull(3), pull(4), pull(5)]);
    expect(await runSweep()).toMatchObject({ queued: 0 });
    expect(gh.requestsTo("GET", /\/pulls\/\d+\/reviews/).map((request) => request.pathname)).toEqual([
      "/repos/acme/shop/pulls/1/reviews",
      "/repos/acme/shop/pulls/3/reviews",
      "/repos/acme/shop/pulls/4/reviews",
    ]);
    gh.assertDone();
  });

  it(`queues at most ${MAX_QUEUED_PER_INSTALLATION} per installation and run; the rest wait for the next`, async () => {
    const many = Array.from({ length: MAX_QUEUED_PER_INSTALLATION + 5 }, (_, index) => pull(index + 1));
    onInstallationWithPulls(many);
    gh.on("GET", /^\/repos\/acme\/shop\/pulls\/\d+\/reviews\?per_page=100$/, [200, []], { times: Infinity });
    expect(await runSweep()).toMatchObject({ queued: MAX_QUEUED_PER_INSTALLATION });
    onInstallationWithPulls(many);
    expect(await runSweep()).toMatchObject({ queued: 5 });
    expect(await queuedPulls()).toHaveLength(MAX_QUEUED_PER_INSTALLATION + 5);
  });

  it("goes on with the other installations when one cannot be read", async () => {
    gh.on("GET", "/app/installations?per_page=100", [200, [{ id: 77, account: { login: "acme" }, suspended_at: null }, { id: 78, account: { login: "beta" }, suspended_at: null }]]);
    gh.on("GET", "/installation/repositories?per_page=100", [403, { message: "This installation has been suspended" }]);
    gh.on("GET", "/installation/repositories?per_page=100", [200, { total_count: 1, repositories: [{ name: "shop", full_name: "acme/shop", owner: { login: "acme" }, archived: false }] }]);
    gh.on("GET", "/repos/acme/shop/pulls?state=open&sort=updated&direction=desc&per_page=100", [200, [pull(1)]]);
    gh.on("GET", "/repos/acme/shop/pulls/1/reviews?per_page=100", [200, []]);
    expect(await runSweep()).toEqual({ kind: "pulls", installations: 2, queued: 1, failedInstallations: 1 });
  });
});
