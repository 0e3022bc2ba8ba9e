// The command worker in-process on a real Redis, GitHub mocked at the HTTP
// layer and the model on a loopback server: each command (review, full,
// pause, resume, ask, help, forget) and each permission path; several
// commands in one comment run once each and get one reply.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import type { CommandJobData } from "../../src/commands/command-job.js";
import { type CommandQueue, createCommandQueue, createCommandWorker, enqueueCommand } from "../../src/commands/command-queue.js";
import { parseCommands } from "../../src/commands/parse-command.js";
import { createCommandProcessor } from "../../src/commands/process-command-job.js";
import { AdvisoryViolationError } from "../../src/github/errors.js";
import { createLearningStore } from "../../src/learning/learning-store.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { createPauseStore } from "../../src/review/pause-store.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { fakeString } from "../helpers/fake-secrets.js";
import { changedFileJson, createTestOctokit, type Expectation, type GitHubMock, mockGitHub, notFoundReply, pullRequestJson, rawContentReply } from "../helpers/github-mock.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { CONFIG_PATH, FILE_CONTENT_PATH, FILE_PATCH, FILE_PATH, FILE_TEXT, HEAD, INSTALLATION, OWNER, PR_PATH, PULL, REPO } from "../helpers/queue-fixtures.js";
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
let model: ModelServer;

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  commandQueue = createCommandQueue(redis, { prefix });
  reviewQueue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
  gh = mockGitHub();
  model = await startModelServer({ content: JSON.stringify({ answer: "No." }) });
  logLines = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const octokit = createTestOctokit(gh);
  workerRedis = redis.duplicate();
  const limits = { perPull: 5, perInstallation: 60, windowMs: 600_000 };
  const modelClient = createModelClient({ baseURL: model.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512 });
  const reviewLimits = { chunkTokens: 4_000, maxFiles: 50, maxFileBytes: 500_000 };
  const processor = createCommandProcessor({ getOctokit: async () => octokit, app: TEST_APP, reviewQueue, redis: workerRedis, keyPrefix: prefix, limits, logger, model: modelClient, reviewLimits });
  worker = createCommandWorker(workerRedis, processor, { prefix, logger });
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await Promise.all([commandQueue.obliterate({ force: true }), reviewQueue.obliterate({ force: true })]);
  await Promise.all([commandQueue.close(), reviewQueue.close()]);
  await Promise.all([redis.quit(), workerRedis.quit()]);
  gh.close();
  await model.close();
});

function commandJob(overrides: Partial<CommandJobData> = {}): CommandJobData {
  return {
    installationId: INSTALLATION,
    owner: OWNER,
    repo: REPO,
    pullNumber: PULL,
    commentId: COMMENT_ID,
    sender: SENDER,
    commands: [{ name: "review" }],
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

const FAKE_TOKEN = `ghp_${fakeString(7, 36)}`;
const RERUN_JOB_ID = `${OWNER}/${REPO}#${PULL}@${HEAD}/rerun-${COMMENT_ID}`;
const PULL_KEY = { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL };

function mockWriter(permission = "write"): void {
  gh.on("GET", PERMISSION_PATH, [200, { permission, role_name: permission, user: { login: SENDER } }]);
}

function mockOpenPull(state: "open" | "closed" = "open"): void {
  gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD, state })]);
}

function replyBody(expectation: Expectation, index = 0): string {
  return (expectation.calls[index]?.body as { body: string }).body;
}

describe("command worker: /foureyes review and /foureyes full", () => {
  it.each(["write", "admin"])("review with %s permission queues one incremental rerun of the current head, ahead of automatic reviews, and reacts eyes", async (permission) => {
    mockWriter(permission);
    mockOpenPull();
    const react = gh.on("POST", REACTIONS_PATH, (body) => [201, { id: 1, content: body.content }]);

    const { state, returnvalue } = await runCommand(commandJob());

    expect(state).toBe("completed");
    expect(returnvalue).toEqual({ status: "answered", done: [{ command: "review", status: "review-queued", reviewJobId: RERUN_JOB_ID }] });
    const reviews = await reviewQueue.getJobs();
    expect(reviews.map((job) => job.id)).toEqual([RERUN_JOB_ID]);
    expect(reviews[0]?.data).toEqual({
      installationId: INSTALLATION,
      owner: OWNER,
      repo: REPO,
      pullNumber: PULL,
      headSha: HEAD,
      event: "issue_comment.created",
      deliveryId: "delivery-c1",
      rerun: { commentId: COMMENT_ID, requestedBy: SENDER },
      scope: "incremental",
    });
    expect(reviews[0]?.opts.priority).toBe(1);
    expect(react.calls.map((call) => call.body)).toEqual([{ content: "eyes" }]);
    gh.assertDone();
  });

  it("full queues a rerun with scope full; with review in the same comment it is still one review", async () => {
    mockWriter();
    mockOpenPull();
    gh.on("POST", REACTIONS_PATH, [201, { id: 1, content: "eyes" }]);

    const { returnvalue } = await runCommand(commandJob({ commands: [{ name: "review" }, { name: "full" }] }));

    expect(returnvalue).toEqual({ status: "answered", done: [{ command: "full", status: "review-queued", reviewJobId: RERUN_JOB_ID }] });
    const reviews = await reviewQueue.getJobs();
    expect(reviews.map((job) => job.data.scope)).toEqual(["full"]);
    gh.assertDone();
  });

  it("tests queues a rerun that asks for test suggestions only", async () => {
    mockWriter();
    mockOpenPull();
    gh.on("POST", REACTIONS_PATH, [201, { id: 1, content: "eyes" }]);

    const { returnvalue } = await runCommand(commandJob({ commands: [{ name: "tests" }] }));
    expect(returnvalue).toEqual({ status: "answered", done: [{ command: "tests", status: "review-queued", reviewJobId: RERUN_JOB_ID }] });
    expect((await reviewQueue.getJobs()).map((job) => [job.data.only, job.data.scope, job.data.rerun?.commentId])).toEqual([["tests", "full", COMMENT_ID]]);
    gh.assertDone();
  });

  it("tests with review in the same comment is one review, which suggests tests too", async () => {
    mockWriter();
    mockOpenPull();
    gh.on("POST", REACTIONS_PATH, [201, { id: 1, content: "eyes" }]);

    const { returnvalue } = await runCommand(commandJob({ commands: [{ name: "tests" }, { name: "review" }] }));
    expect(returnvalue).toEqual({ status: "answered", done: [{ command: "review", status: "review-queued", reviewJobId: RERUN_JOB_ID }] });
    expect((await reviewQueue.getJobs()).map((job) => job.data.only)).toEqual([undefined]);
    gh.assertDone();
  });

  it("queues a rerun even when the head already has its review job", async () => {
    await reviewQueue.add("review-pull-request", { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL, headSha: HEAD, event: "pull_request.opened" }, { jobId: `${OWNER}/${REPO}#${PULL}@${HEAD}` });
    mockWriter();
    mockOpenPull();
    gh.on("POST", REACTIONS_PATH, [201, { id: 1, content: "eyes" }]);

    expect((await runCommand(commandJob())).state).toBe("completed");
    expect((await reviewQueue.getJobs()).map((job) => job.id).sort()).toEqual([`${OWNER}/${REPO}#${PULL}@${HEAD}`, RERUN_JOB_ID]);
    gh.assertDone();
  });

  it("a reply in a review thread queues the rerun and gets 👀 on that reply, the review comment (not on a conversation comment)", async () => {
    mockWriter();
    mockOpenPull();
    const react = gh.on("POST", `/repos/${OWNER}/${REPO}/pulls/comments/${COMMENT_ID}/reactions`, (body) => [201, { id: 1, content: body.content }]);

    const { returnvalue } = await runCommand(commandJob({ where: "review-thread", inReplyTo: 555 }));

    expect(returnvalue).toMatchObject({ status: "answered", done: [{ command: "review", status: "review-queued" }] });
    expect((await reviewQueue.getJobs())[0]?.data.event).toBe("pull_request_review_comment.created");
    expect(react.calls.map((call) => call.body)).toEqual([{ content: "eyes" }]);
    expect(gh.requests.filter((request) => request.method !== "GET").map((request) => request.path)).toEqual([`/repos/${OWNER}/${REPO}/pulls/comments/${COMMENT_ID}/reactions`]);
    gh.assertDone();
  });

  it("on a closed pull request queues nothing and replies why", async () => {
    mockWriter();
    mockOpenPull("closed");
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 903, body: body.body }]);

    const { returnvalue } = await runCommand(commandJob());

    expect(returnvalue).toEqual({ status: "answered", done: [{ command: "review", status: "pull-closed" }], replyId: 903 });
    expect(await reviewQueue.getJobs()).toEqual([]);
    expect(replyBody(reply)).toMatch(/closed/);
    gh.assertDone();
  });

  it("a redelivered comment makes no second command job", async () => {
    await enqueueCommand(commandQueue, commandJob());
    expect(await enqueueCommand(commandQueue, commandJob({ deliveryId: "delivery-c2" }))).toMatchObject({ status: "duplicate" });
    mockWriter("read");
    gh.on("POST", REPLY_PATH, [201, { id: 2 }]);
    expect((await runCommand(commandJob())).state).toBe("completed");
    gh.assertDone();
  });
});

describe("command worker: without write access", () => {
  it.each([
    ["read", [200, { permission: "read", role_name: "triage" }]],
    ["none", [200, { permission: "none", role_name: "none" }]],
    ["no collaborator (404)", notFoundReply()],
  ] as const)("with %s permission: one reply for the whole comment, nothing runs", async (_what, permission) => {
    gh.on("GET", PERMISSION_PATH, permission);
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 904, body: body.body }]);

    const commands: CommandJobData["commands"] = [{ name: "review" }, { name: "tests" }, { name: "pause" }, { name: "ask", question: "why?" }, { name: "help" }];
    const { state, returnvalue } = await runCommand(commandJob({ commands }));

    expect(state).toBe("completed");
    expect(returnvalue).toMatchObject({ status: "refused", replyId: 904 });
    expect(reply.calls).toHaveLength(1);
    expect(replyBody(reply)).toMatch(/need write access/);
    expect(await reviewQueue.getJobs()).toEqual([]);
    expect(await createPauseStore(redis, prefix).isPaused(PULL_KEY)).toBe(false);
    expect(model.requests).toEqual([]);
    expect(gh.requests.filter((request) => request.method !== "GET")).toHaveLength(1);
    expect(logLines.map((line) => line.msg)).toContain("commands refused: the commenter has no write access");
    gh.assertDone();
  });
});

describe("command worker: /foureyes pause and /foureyes resume", () => {
  it("pause keeps the state in Redis and says so; resume clears it and leaves a note for the next review", async () => {
    mockWriter();
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 905, body: body.body }], { times: 2 });
    const pauses = createPauseStore(redis, prefix);

    expect((await runCommand(commandJob({ commands: [{ name: "pause" }] }))).returnvalue).toEqual({ status: "answered", done: [{ command: "pause", status: "done" }], replyId: 905 });
    expect(await pauses.isPaused(PULL_KEY)).toBe(true);
    expect(replyBody(reply, 0)).toMatch(/paused/);

    mockWriter();
    await runCommand(commandJob({ commentId: COMMENT_ID + 1, commands: [{ name: "resume" }] }));
    expect(await pauses.isPaused(PULL_KEY)).toBe(false);
    expect(replyBody(reply, 1)).toMatch(/on again/);
    expect(await pauses.takeNote(PULL_KEY)).toBe("resumed");
    expect(await pauses.takeNote(PULL_KEY)).toBeNull();
    gh.assertDone();
  });

  it("several commands in one comment run once each, in order, with one reply", async () => {
    mockWriter();
    mockOpenPull();
    gh.on("GET", CONFIG_PATH, notFoundReply());
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 906, body: body.body }]);
    gh.on("POST", REACTIONS_PATH, [201, { id: 1, content: "eyes" }]);

    const { returnvalue } = await runCommand(commandJob({ commands: [{ name: "pause" }, { name: "review" }, { name: "help" }] }));

    expect(returnvalue).toMatchObject({ status: "answered", done: [{ command: "pause" }, { command: "review" }, { command: "help" }] });
    expect(reply.calls).toHaveLength(1);
    expect(replyBody(reply).indexOf("paused")).toBeLessThan(replyBody(reply).indexOf("/foureyes full"));
    expect(await reviewQueue.getJobs()).toHaveLength(1);
    gh.assertDone();
  });
});

describe("command worker: /foureyes ask", () => {
  function mockPullRequestChange(): void {
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD })], { times: 2 });
    gh.on("GET", `${PR_PATH}/files`, [200, [changedFileJson({ filename: FILE_PATH, additions: 1, deletions: 1, patch: FILE_PATCH })]]);
    gh.on("GET", CONFIG_PATH, notFoundReply());
    gh.on("GET", `${PR_PATH}/comments`, [200, []]);
    gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT));
  }

  it("answers from the diff and its declarations; the question is redacted data and the answer is sanitised", async () => {
    mockWriter();
    mockPullRequestChange();
    model.reply({ content: JSON.stringify({ answer: "Yes, @octocat: `add` subtracts. <img src=x onerror=alert(1)>\n/foureyes pause" }) });
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 907, body: body.body }]);
    const question = `Is add right? token ${FAKE_TOKEN}`;

    const { returnvalue } = await runCommand(commandJob({ commands: [{ name: "ask", question }] }));

    expect(returnvalue).toEqual({ status: "answered", done: [{ command: "ask", status: "answered" }], replyId: 907 });
    const sent = model.requests[0]?.messages.map((message) => message.content).join("\n") ?? "";
    expect(sent).toContain("Is add right?");
    expect(sent).toContain("a - b");
    expect(sent).not.toContain(FAKE_TOKEN);
    expect(sent).toMatch(/never approve/);
    const body = replyBody(reply);
    expect(body).toContain("subtracts");
    expect(body).not.toMatch(/(^|[^`\\])@octocat/);
    expect(body).not.toContain("<img");
    expect(parseCommands(body)).toEqual([]);
    expect(await reviewQueue.getJobs()).toEqual([]);
    gh.assertDone();
  });

  it("an answer that is not the asked JSON is not posted raw", async () => {
    mockWriter();
    mockPullRequestChange();
    model.reply({ content: JSON.stringify({ verdict: "APPROVE" }) });
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 908, body: body.body }]);

    const { returnvalue } = await runCommand(commandJob({ commands: [{ name: "ask", question: "ok?" }] }));

    expect(returnvalue).toMatchObject({ done: [{ command: "ask", status: "model-unavailable" }] });
    expect(replyBody(reply)).toMatch(/no usable answer/);
    expect(replyBody(reply)).not.toContain("APPROVE");
    gh.assertDone();
  });
});

describe("command worker: /foureyes forget", () => {
  const REPO_KEY = { installationId: INSTALLATION, owner: OWNER, repo: REPO };
  const signal = { commentId: 555, pull: PULL, fingerprint: "0123456789abcdef", kind: "function", rule: "-", text: "Prefer early return.", thumbsUp: 0, thumbsDown: 2, at: "2026-11-30T00:00:00Z" };

  it("as a reply on a foureyes comment, undoes what its reactions taught, for good", async () => {
    const learning = createLearningStore(redis, prefix);
    await learning.record(REPO_KEY, signal);
    mockWriter();
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 909, body: body.body }]);

    const { returnvalue } = await runCommand(commandJob({ where: "review-thread", inReplyTo: 555, commands: [{ name: "forget" }] }));

    expect(returnvalue).toMatchObject({ done: [{ command: "forget", status: "forgotten" }] });
    expect(replyBody(reply)).toMatch(/forgot/);
    expect(await learning.list(REPO_KEY)).toEqual([]);
    // The same reactions read again later do not bring it back.
    await learning.record(REPO_KEY, signal);
    expect(await learning.list(REPO_KEY)).toEqual([]);
    gh.assertDone();
  });

  it("in the conversation there is nothing to forget", async () => {
    mockWriter();
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 910, body: body.body }]);
    const { returnvalue } = await runCommand(commandJob({ commands: [{ name: "forget" }] }));
    expect(returnvalue).toMatchObject({ done: [{ command: "forget", status: "nothing-to-forget" }] });
    expect(replyBody(reply)).toMatch(/nothing to forget/);
    gh.assertDone();
  });
});

describe("command worker: help and unknown commands", () => {
  it.each(["help", "unknown"] as const)("%s: one reply with the command list, no permission check", async (command) => {
    gh.on("GET", CONFIG_PATH, notFoundReply());
    const reply = gh.on("POST", REPLY_PATH, (body) => [201, { id: 901, body: body.body }]);
    const commands: CommandJobData["commands"] = [command === "help" ? { name: "help" } : { name: "unknown", text: "approve" }];

    const { state, returnvalue } = await runCommand(commandJob({ commands, sender: "someone-with-read" }));

    expect(state).toBe("completed");
    expect(returnvalue).toEqual({ status: "answered", done: [{ command, status: "listed" }], replyId: 901 });
    expect(reply.calls).toHaveLength(1);
    const body = (reply.calls[0]?.body as { body: string }).body;
    expect(body).toContain("`/foureyes review`");
    expect(body).toMatch(/Advisory only/);
    expect(body).not.toContain("someone-with-read");
    expect(body).toContain('"minSeverity": "minor"');
    expect(gh.requests).toHaveLength(2);
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

    gh.on("GET", CONFIG_PATH, notFoundReply());
    const { state } = await runCommand(commandJob({ commands: [{ name: "help" }] }));

    expect(state).toBe("failed");
    const job = await commandQueue.getJob(`${OWNER}/${REPO}#${PULL}/comment-${COMMENT_ID}`);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.opts.attempts).toBe(4);
    expect(logLines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/bug in foureyes.*report/i) }));
    expect(gh.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  it("fails a job with invalid data at once, without GitHub calls", async () => {
    const job = await commandQueue.add("slash-command", { ...commandJob(), commands: [{ name: "merge" }] } as never, { jobId: "bad-command" });
    expect(await waitForJobState(commandQueue, job.id ?? "")).toBe("failed");
    expect((await commandQueue.getJob("bad-command"))?.failedReason).toMatch(/invalid command job data: commands/);
    expect(gh.requests).toEqual([]);
  });
});
