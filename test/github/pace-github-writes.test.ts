// GitHub's pace, shared through Redis, at the HTTP mock: content-creating
// writes of one installation never exceed the budget in any window, whichever
// Octokit (worker) sends them; a secondary rate limit (403/429 with
// retry-after, or GitHub's "secondary rate limit" message without it) is
// waited out and the write sent again, once, by the production Octokit
// (Probot's, whose throttling plugin only logs a secondary limit).

import { generateKeyPairSync, randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createProbot } from "../../src/app/create-probot.js";
import { contentBudgetSchema } from "../../src/config/content-budget.js";
import { createLogger } from "../../src/core/logger.js";
import type { PullTarget } from "../../src/core/pull-target.js";
import { createCheckRun } from "../../src/github/create-check-run.js";
import { createReview } from "../../src/github/create-review.js";
import { createWritePace, type WritePace } from "../../src/github/create-write-pace.js";
import type { GitHubClient } from "../../src/github/octokit.js";
import { paceGitHubWrites } from "../../src/github/pace-github-writes.js";
import { publishReview } from "../../src/review/github-review-sink.js";
import type { ReviewResult } from "../../src/review/types.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { checkRunReply, createTestOctokit, type GitHubMock, mockGitHub, pullRequestJson } from "../helpers/github-mock.js";

const HEAD = "1".repeat(40);
const target: PullTarget = { owner: "acme", repo: "shop", pullNumber: 7, headSha: HEAD };
const REVIEWS = "/repos/acme/shop/pulls/7/reviews";
const SECONDARY = { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." };
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

let redis: Redis;
let gh: GitHubMock;
let prefix: string;
let installation = 7000;

beforeAll(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  gh = mockGitHub();
  prefix = `test-${randomUUID()}`;
  // The throttling plugin keeps its own in-memory pace per installation id: a fresh id per test.
  installation += 1;
});
afterEach(() => gh.close());

function pace(budget = "80/1m,500/1h"): WritePace {
  return createWritePace(redis, { prefix, budget: contentBudgetSchema.parse(budget) });
}

/** The Octokit a worker gets: Probot's installation client (its throttling and retry plugins as shipped), paced. */
async function productionOctokit(writePace: WritePace, options: { fallbackWaitMs?: number } = {}): Promise<GitHubClient> {
  gh.on("POST", `/app/installations/${installation}/access_tokens`, [201, { token: "ghs_test", expires_at: new Date(Date.now() + 3_600_000).toISOString() }]);
  const probot = createProbot({ appId: 1, privateKey, baseUrl: gh.baseUrl, webhookPath: "/" }, createLogger("silent"));
  return paceGitHubWrites(await probot.auth(installation), installation, writePace, options);
}


/** Arrival times at the mock of the requests an expectation answered. */
function arrivals(times: number[]) {
  return (body: { body?: string }) => {
    times.push(Date.now());
    return [200, { id: times.length, body: body.body }] as const;
  };
}

describe("the content budget, shared by all workers of an installation", () => {
  it("never lets more than the budget of reviews reach GitHub in any window; the rest wait and are all posted", { timeout: 30_000 }, async () => {
    const times: number[] = [];
    gh.on("POST", REVIEWS, arrivals(times), { times: 6 });
    // Three workers: three Octokits, three pace handles, one Redis.
    const workers = [0, 1, 2].map(() => paceGitHubWrites(createTestOctokit(gh), installation, pace("2/1500ms")));

    await Promise.all([...workers, ...workers].map((octokit, n) => createReview(octokit, target, { body: `review ${n}`, comments: [] })));

    expect(times).toHaveLength(6);
    times.sort((a, b) => a - b);
    // Any two reviews after the first two of a window are at least a window apart.
    for (let i = 0; i + 2 < times.length; i += 1) expect((times[i + 2] as number) - (times[i] as number)).toBeGreaterThanOrEqual(1_500);
    gh.assertDone();
  });

  it("does not count check runs against the budget, and counts each installation apart", async () => {
    const shared = pace("1/1h");
    const octokit = paceGitHubWrites(createTestOctokit(gh), installation, shared);
    const other = paceGitHubWrites(createTestOctokit(gh), installation + 100_000, shared);
    gh.on("POST", REVIEWS, arrivals([]), { times: 2 });
    gh.on("POST", "/repos/acme/shop/check-runs", (body) => checkRunReply(body), { times: 3 });

    await createReview(octokit, target, { body: "first", comments: [] });
    await createReview(other, target, { body: "another installation's", comments: [] });
    for (let n = 0; n < 3; n += 1) await createCheckRun(octokit, target, { title: "t", summary: "s" }, { app: TEST_APP });

    gh.assertDone();
    // The budget of an hour is spent: the next review of the installation waits (nothing is sent meanwhile).
    expect(await shared.take(installation, { createsContent: true })).toBeGreaterThan(3_000_000);
  });
});

describe("looking at the budget without spending it", () => {
  it("says how long until a content write of the installation may go, and takes nothing", async () => {
    const shared = pace("1/1h");
    expect(await shared.peek(installation)).toBe(0);
    expect(await shared.peek(installation)).toBe(0);
    expect(await shared.take(installation, { createsContent: true })).toBe(0);
    expect(await shared.peek(installation)).toBeGreaterThan(3_000_000);
    expect(await shared.peek(installation + 100_000)).toBe(0);
  });

  it("counts a hold GitHub asked for", async () => {
    const shared = pace();
    await shared.hold(installation, 60_000);
    expect(await shared.peek(installation)).toBeGreaterThan(50_000);
  });
});

describe("GitHub's secondary rate limit", () => {
  function mockHead() {
    gh.on("GET", "/repos/acme/shop/pulls/7", [200, pullRequestJson({ owner: "acme", repo: "shop", number: 7, headSha: HEAD })]);
    gh.on("GET", REVIEWS, [200, []]);
  }

  it.each([
    ["403 with retry-after", 403, SECONDARY, { "retry-after": "1" }],
    ["429 with retry-after", 429, { message: "Too many requests" }, { "retry-after": "1" }],
    ["403 saying so, without retry-after", 403, SECONDARY, {}],
  ] as const)("%s: the review is waited out and posted exactly once, without looking for what landed", { timeout: 20_000 }, async (_name, status, body, headers) => {
    mockHead();
    const limited = gh.on("POST", REVIEWS, [status, body, headers]);
    const posted = gh.on("POST", REVIEWS, (sent) => [200, { id: 5, body: sent.body }]);
    const octokit = await productionOctokit(pace(), { fallbackWaitMs: 1_000 });

    await publishReview(octokit, target, reviewResult(), { app: TEST_APP });

    expect(posted.calls).toHaveLength(1);
    const [first, second] = [limited, posted].map((expectation) => expectation.calls[0]);
    expect(second?.body).toEqual(first?.body);
    // Exactly what the strict mock expected: no second look at the reviews, no third post.
    gh.assertDone();
  });

  it("holds every worker's writes of the installation until GitHub's wait is over", { timeout: 20_000 }, async () => {
    const times: number[] = [];
    gh.on("POST", REVIEWS, () => {
      times.push(Date.now());
      return [403, SECONDARY, { "retry-after": "2" }];
    });
    gh.on("POST", REVIEWS, arrivals(times), { times: 2 });
    const first = await productionOctokit(pace());
    const second = paceGitHubWrites(createTestOctokit(gh), installation, pace());

    const limited = createReview(first, target, { body: "limited", comments: [] }).then(() => "posted", (error: unknown) => error);
    // Once the first worker heard GitHub's answer, the installation is held.
    await expect.poll(() => pace().take(installation, { createsContent: false })).toBeGreaterThan(0);
    await createReview(second, target, { body: "from another worker", comments: [] });
    expect(await limited).toBe("posted");

    expect(times).toHaveLength(3);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(2_000);
    gh.assertDone();
  });

  it("passes any other 403 on at once (nothing to wait for)", async () => {
    gh.on("POST", REVIEWS, [403, { message: "Resource not accessible by integration" }]);
    const octokit = await productionOctokit(pace());

    await expect(createReview(octokit, target, { body: "b", comments: [] })).rejects.toMatchObject({ status: 403 });
    gh.assertDone();
  });
});

function reviewResult(): ReviewResult {
  return {
    label: "acme/shop#7",
    headSha: HEAD,
    summary: "Nothing to add.",
    comments: [],
    overflow: [],
    skipped: [],
    model: { name: "m", ok: true },
    promptVersion: "test",
    stats: {
      filesChanged: 1,
      filesReviewed: 1,
      filesSkipped: 0,
      chunks: 1,
      promptTokens: 1,
      commentsProposed: 0,
      commentsInvalid: 0,
      commentsDropped: 0,
      commentsMoved: 0,
      commentsMerged: 0,
      commentsOverCap: 0,
      commentsPosted: 0,
      durationMs: 1,
    },
  };
}
