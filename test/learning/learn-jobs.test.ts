// The learn jobs through the command worker on a real Redis, GitHub mocked at
// the HTTP layer: a closed pull request has the team's reactions on foureyes'
// comments recorded; a thread on a foureyes comment resolved by the team while
// the line is unchanged records the finding as set aside (and its pattern is
// then dismissed), resolved after a change as acted on; the author's own
// resolution teaches nothing.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { type CommandQueue, createCommandQueue, createCommandWorker, enqueueLearning } from "../../src/commands/command-queue.js";
import type { LearnJobData } from "../../src/commands/learn-job.js";
import { createCommandProcessor } from "../../src/commands/process-command-job.js";
import { findingMarker } from "../../src/core/markers.js";
import { dismissedPatterns } from "../../src/learning/dismissed-patterns.js";
import { createLearningStore, type LearningStore } from "../../src/learning/learning-store.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { APP_USER, TEST_APP } from "../helpers/app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub } from "../helpers/github-mock.js";
import { INSTALLATION, OWNER, PR_PATH, PULL, REPO } from "../helpers/queue-fixtures.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const AUTHOR = "octocat";
const REPO_KEY = { installationId: INSTALLATION, owner: OWNER, repo: REPO };
const BODY = `**Major** · bug\n\nThe lock is released before the write completes.\n\n<!-- foureyes:comment -->\n${findingMarker({ fingerprint: "0123456789abcdef", kind: "method", rule: "-" })}`;

let redis: Redis;
let commandQueue: CommandQueue;
let reviewQueue: ReviewQueue;
let gh: GitHubMock;
let worker: Worker | undefined;
let learning: LearningStore;

beforeEach(async () => {
  const prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  commandQueue = createCommandQueue(redis, { prefix });
  reviewQueue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
  learning = createLearningStore(redis, prefix);
  gh = mockGitHub();
  const logger = pino({ level: "silent" });
  const octokit = createTestOctokit(gh);
  const limits = { perPull: 5, perInstallation: 60, windowMs: 600_000 };
  const processor = createCommandProcessor({ getOctokit: async () => octokit, app: TEST_APP, reviewQueue, redis, keyPrefix: prefix, limits, logger, learning });
  worker = createCommandWorker(redis.duplicate(), processor, { prefix, logger });
});

afterEach(async () => {
  await worker?.close();
  await Promise.all([commandQueue.obliterate({ force: true }), reviewQueue.obliterate({ force: true })]);
  await Promise.all([commandQueue.close(), reviewQueue.close()]);
  await redis.quit();
  gh.close();
});

async function learn(trigger: LearnJobData["trigger"]): Promise<unknown> {
  const data: LearnJobData = { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL, authorLogin: AUTHOR, trigger, deliveryId: randomUUID() };
  const { jobId } = await enqueueLearning(commandQueue, data);
  expect(await waitForJobState(commandQueue, jobId)).toBe("completed");
  return (await commandQueue.getJob(jobId))?.returnvalue;
}

function mockComment(line: number | null): void {
  gh.on("GET", `/repos/${OWNER}/${REPO}/pulls/comments/601`, [200, { id: 601, body: BODY, user: APP_USER, line, original_line: 3, path: "src/lock.ts" }]);
}

describe("a resolved thread on a foureyes comment", () => {
  it("resolved by the team with the line unchanged: set aside, and its pattern is dismissed for the repository", async () => {
    mockComment(3);
    gh.on("GET", `/repos/${OWNER}/${REPO}/collaborators/lead/permission`, [200, { permission: "write" }]);

    expect(await learn({ kind: "thread-resolved", commentId: 601, resolvedBy: "lead" })).toEqual({ status: "resolution", outcome: "set-aside" });

    const signals = await learning.list(REPO_KEY);
    expect(signals).toMatchObject([{ commentId: 601, resolved: "unchanged", kind: "method", rule: "-", text: "The lock is released before the write completes." }]);
    expect(dismissedPatterns(signals)).toEqual([{ rule: "-", kind: "method", text: "The lock is released before the write completes." }]);
    gh.assertDone();
  });

  it("resolved after the line changed: acted on, nothing dismissed", async () => {
    mockComment(null);
    gh.on("GET", `/repos/${OWNER}/${REPO}/collaborators/lead/permission`, [200, { permission: "admin" }]);

    expect(await learn({ kind: "thread-resolved", commentId: 601, resolvedBy: "lead" })).toEqual({ status: "resolution", outcome: "acted-on" });
    expect(dismissedPatterns(await learning.list(REPO_KEY))).toEqual([]);
    gh.assertDone();
  });

  it("resolved by the pull request's author: nothing recorded", async () => {
    mockComment(3);
    expect(await learn({ kind: "thread-resolved", commentId: 601, resolvedBy: AUTHOR })).toEqual({ status: "resolution", outcome: "not-counted" });
    expect(await learning.list(REPO_KEY)).toEqual([]);
    gh.assertDone();
  });
});

describe("a closed pull request", () => {
  it("has the team's 👍 and 👎 on foureyes' comments recorded", async () => {
    const human = { id: 602, path: "src/lock.ts", line: 4, body: "/foureyes review", user: { login: "lead", type: "User" }, in_reply_to_id: null };
    gh.on("GET", `${PR_PATH}/comments`, [200, [{ id: 601, path: "src/lock.ts", line: 3, body: BODY, user: APP_USER, in_reply_to_id: null }, human]]);
    gh.on("GET", `/repos/${OWNER}/${REPO}/pulls/comments/601/reactions`, [
      200,
      [
        { id: 1, content: "+1", user: { login: "lead", type: "User" } },
        { id: 2, content: "-1", user: { login: "reviewer", type: "User" } },
        { id: 3, content: "-1", user: { login: "ci-bot", type: "Bot" } },
      ],
    ]);
    gh.on("GET", `/repos/${OWNER}/${REPO}/collaborators/lead/permission`, [200, { permission: "write" }]);
    gh.on("GET", `/repos/${OWNER}/${REPO}/collaborators/reviewer/permission`, [200, { permission: "maintain" }]);

    expect(await learn({ kind: "closed" })).toEqual({ status: "learned", comments: 1 });
    expect(await learning.list(REPO_KEY)).toMatchObject([{ commentId: 601, thumbsUp: 1, thumbsDown: 1 }]);
    // As many 👍 as 👎: not dismissed.
    expect(dismissedPatterns(await learning.list(REPO_KEY))).toEqual([]);
    gh.assertDone();
  });
});
