// The command worker in-process on a real Redis, GitHub mocked at the HTTP
// layer: `/foureyes review` from someone with write access queues one rerun
// review job of the current head and reacts "eyes"; without write access it
// reacts "confused" and queues nothing; a closed PR queues nothing and says why; help and
// unknown commands get one reply.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import type { CommandJobData } from "../../src/commands/command-job.js";
import { type CommandQueue, createCommandQueue, createCommandWorker, enqueueCommand } from "../../src/commands/command-queue.js";
import { createCommandProcessor } from "../../src/commands/process-command-job.js";
import { AdvisoryViolationError } from "../../src/github/errors.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub, notFoundReply, pullRequestJson } from "../helpers/github-mock.js";
import { HEAD, INSTALLATION, OWNER, PR_PATH, PULL, REPO } from "../helpers/queue-fixtures.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const COMMENT_ID = 777;
const SENDER = "maria";
const PERMISSION_PATH = `/repos/${OWNER}/${REPO}/collaborators/${SENDER}/permission`;
const REACTIONS_PATH = `/repos/${OWNER}/${REPO}/issues/comments/${COMMENT_ID}/reactions`;
const REPLY_PATH = `/repos/${OWNER}/${REPO}/issues/${PULL}/comments`;

let redis: Redis;
let workerRedis: Redis;
let commandQueue: CommandQueue;
let reviewQueue: ReviewQueue;
let prefix: string;
let gh: GitHubMock;
let worker: Worker | undefined;
let logLines: { msg: string; [key: string]: unknown }[];

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  commandQueue = createCommandQueue(redis, { prefix });
  reviewQueue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
  gh = mockGitHub();
  logLines = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const octokit = createTestOctokit(gh);
  workerRedis = redis.duplicate();
  const limits = { perPull: 5, perInstallation: 60, windowMs: 600_000 };
  const processor = createCommandProcessor({ getOctokit: async () => octokit, app: TEST_APP, reviewQueue, redis: workerRedis, keyPrefix: prefix, limits, logger });
  worker = createCommandWorker(workerRedis, processor, { prefix, logger });
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await Promise.all([commandQueue.obliterate({ force: true }), reviewQueue.obliterate({ force: true })]);
  await Promise.all([commandQueue.close(), reviewQueue.close()]);
  await Promise.all([redis.quit(), workerRedis.quit()]);
  gh.close();
});

function commandJob(overrides: Partial<CommandJobData> = {}): CommandJobData {
  return {
    installationId: INSTALLATION,
    owner: OWNER,
    repo: REPO,
    pullNumber: PULL,
    commentId: COMMENT_ID,
    sender: SENDER,
    command: "review",
    deliveryId: "delivery-c1",
    ...overrides,
  };
}

/** Queues the command and waits until the worker is done with it; the suite's timeout bounds the wait. */
async function runCommand(data: CommandJobData): Promise<{ state: string; returnvalue: unknown }> {
  const { jobId } = await enqueueCommand(commandQueue, data);
  const state = await waitForJobState(commandQueue, jobId);
  return { state, returnvalue: (await commandQueue.getJob(jobId))?.returnvalue };
}

describe("command worker: /foureyes review", () => {
  it.each(["write", "admin"])("with %s permission queues one rerun review of the current head and reacts eyes", async (permission) => {
    gh.on("GET", PERMISSION_PATH, [200, { permission, role_name: permission, user: { login: SENDER } }]);
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD })]);
    const react = gh.on("POST", REACTIONS_PATH, (body) => [201, { id: 1, content: body.content }]);

    const { state, returnvalue } = await runCommand(commandJob());

    expect(state).toBe("completed");
    const jobId = `${OWNER}/${REPO}#${PULL}@${HEAD}/rerun-${COMMENT_ID}`;
    expect(returnvalue).toEqual({ status: "review-queued", reviewJobId: jobId });
    const reviews = await reviewQueue.getJobs();
    expect(reviews.map((job) => job.id)).toEqual([jobId]);
    expect(reviews[0]?.data).toEqual({
      installationId: INSTALLATION,
      owner: OWNER,
      repo: REPO,
      pullNumber: PULL,
      headSha: HEAD,
      event: "issue_comment.created",
      deliveryId: "delivery-c1",
      rerun: { commentId: COMMENT_ID, requestedBy: SENDER },
    });
    expect(react.calls.map((call) => call.body)).toEqual([{ content: "eyes" }]);
    gh.assertDone();
  });

  it("queues a rerun even when the head already has its review job", async () => {
    await reviewQueue.add("review-pull-request", { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL, headSha: HEAD, event: "pull_request.opened" }, { jobId: `${OWNER}/${REPO}#${PULL}@${HEAD}` });
    gh.on("GET", PERMISSION_PATH, [200, { permission: "write" }]);
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD })]);
    gh.on("POST", REACTIONS_PATH, [201, { id: 1, content: "eyes" }]);

    expect((await runCommand(commandJob())).state).toBe("completed");
    expect((await reviewQueue.getJobs()).map((job) => job.id).sort()).toEqual([
      `${OWNER}/${REPO}#${PULL}@${HEAD}`,
      `${OWNER}/${REPO}#${PULL}@${HEAD}/rerun-${COMMENT_ID}`,
    ]);
    gh.assertDone();
  });

  it.each([
    ["read", [200, { permission: "read", role_name: "triage" }]],
    ["none", [200, { permission: "none", role_name: "none" }]],
    ["no collaborator (404)", notFoundReply()],
  ] as const)("with %s permission reacts confused, logs, and queues nothing", async (_what, reply) => {
    gh.on("GET", PERMISSION_PATH, reply);
    const react = gh.on("POST", REACTIONS_PATH, (body) => [201, { id: 2, content: body.content }]);

    const { state, returnvalue } = await runCommand(commandJob());

    expect(state).toBe("completed");
    expect(returnvalue).toMatchObject({ status: "refused" });
    expect(react.calls.map((call) => call.body)).toEqual([{ content: "confused" }]);
    expect(await reviewQueue.getJobs()).toEqual([]);
    expect(gh.requestsTo("GET", PR_PATH)).toEqual([]);
    expect(gh.requests.filter((request) => request.method !== "GET")).toHaveLength(1);
    expect(logLines.map((line) => line.msg)).toContain("re-review refused: the commenter has no write access");
    gh.assertDone();
  });

  it("on a closed pull request queues nothing, replies why, and says so in the log", async () => {
    gh.on("GET", PERMISSION_PATH, [200, { permission: "write" }]);
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD, state: "closed" })]);
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 903, body: body.body }]);

    const { state, returnvalue } = await runCommand(commandJob());

    expect(state).toBe("completed");
    expect(returnvalue).toEqual({ status: "ignored", reason: "pull-closed" });
    expect(await reviewQueue.getJobs()).toEqual([]);
    expect(gh.requests.filter((request) => request.method !== "GET")).toHaveLength(1);
    expect((reply.calls[0]?.body as { body: string }).body).toMatch(/closed/);
    expect(logLines.map((line) => line.msg)).toContain("re-review ignored: the pull request is closed");
    gh.assertDone();
  });

  it("a redelivered comment makes no second command job", async () => {
    await enqueueCommand(commandQueue, commandJob());
    expect(await enqueueCommand(commandQueue, commandJob({ deliveryId: "delivery-c2" }))).toMatchObject({ status: "duplicate" });
    gh.on("GET", PERMISSION_PATH, [200, { permission: "read" }]);
    gh.on("POST", REACTIONS_PATH, [201, { id: 2, content: "confused" }]);
    expect((await runCommand(commandJob())).state).toBe("completed");
    gh.assertDone();
  });
});

describe("command worker: help and unknown commands", () => {
  it.each(["help", "unknown"] as const)("%s: one reply with the command list, no permission check", async (command) => {
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 901, body: body.body }]);

    const { state, returnvalue } = await runCommand(commandJob({ command, sender: "someone-with-read" }));

    expect(state).toBe("completed");
    expect(returnvalue).toEqual({ status: "replied", commentId: 901 });
    expect(reply.calls).toHaveLength(1);
    const body = (reply.calls[0]?.body as { body: string }).body;
    expect(body).toContain("`/foureyes review`");
    expect(body).toMatch(/Advisory only/);
    expect(body).not.toContain("someone-with-read");
    expect(gh.requests).toHaveLength(1);
    expect(await reviewQueue.getJobs()).toEqual([]);
    gh.assertDone();
  });

  it("a reply the advisory guard refuses is a bug: the job fails at once, not retried, and the log asks for a report", async () => {
    await worker?.close();
    const octokit = createTestOctokit(gh);
    // As if a bug built a write the guard must refuse (it throws before anything is sent).
    octokit.hook.before("request", (options) => {
      if (options.method === "POST") throw new AdvisoryViolationError("Refused to send a non-advisory request to GitHub: test");
    });
    const limits = { perPull: 5, perInstallation: 60, windowMs: 600_000 };
    const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    const processor = createCommandProcessor({ getOctokit: async () => octokit, app: TEST_APP, reviewQueue, redis: workerRedis, keyPrefix: prefix, limits, logger });
    worker = createCommandWorker(workerRedis, processor, { prefix, logger });

    const { state } = await runCommand(commandJob({ command: "help" }));

    expect(state).toBe("failed");
    const job = await commandQueue.getJob(`${OWNER}/${REPO}#${PULL}/comment-${COMMENT_ID}`);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.opts.attempts).toBe(4);
    expect(logLines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/bug in foureyes.*report/i) }));
    expect(gh.requests).toEqual([]);
  });

  it("fails a job with invalid data at once, without GitHub calls", async () => {
    const job = await commandQueue.add("slash-command", { ...commandJob(), command: "merge" } as never, { jobId: "bad-command" });
    expect(await waitForJobState(commandQueue, job.id ?? "")).toBe("failed");
    expect((await commandQueue.getJob("bad-command"))?.failedReason).toMatch(/invalid command job data: command/);
    expect(gh.requests).toEqual([]);
  });
});
