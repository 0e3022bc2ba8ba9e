// Slash commands cannot be used to flood a pull request, an installation's
// GitHub budget or the model: `/foureyes review` and `/foureyes help` are
// counted per pull request and per installation in Redis; over the limit one
// reply says when to try again (once per pull request and window), `help`
// answers once per pull request and window, and a command on a closed pull
// request is told why nothing happens. The command worker runs in-process on a
// real Redis; GitHub is mocked at the HTTP layer.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import type { CommandLimits } from "../../src/commands/admit-command.js";
import type { CommandJobData } from "../../src/commands/command-job.js";
import { type CommandQueue, createCommandQueue, createCommandWorker, enqueueCommand } from "../../src/commands/command-queue.js";
import { parseCommands } from "../../src/commands/parse-command.js";
import { createCommandProcessor } from "../../src/commands/process-command-job.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub, notFoundReply, pullRequestJson } from "../helpers/github-mock.js";
import { HEAD, INSTALLATION, OWNER, PULL, REPO } from "../helpers/queue-fixtures.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const SENDER = "maria";
const LIMITS: CommandLimits = { perPull: 5, perInstallation: 60, windowMs: 10 * 60_000 };
const prPath = (pull: number) => `/repos/${OWNER}/${REPO}/pulls/${pull}`;
const repliesPath = (pull: number) => `/repos/${OWNER}/${REPO}/issues/${pull}/comments`;
const REACTIONS = new RegExp(`^/repos/${OWNER}/${REPO}/issues/comments/\\d+/reactions$`);
const PERMISSION = `/repos/${OWNER}/${REPO}/collaborators/${SENDER}/permission`;

let redis: Redis;
let workerRedis: Redis;
let commandQueue: CommandQueue;
let reviewQueue: ReviewQueue;
let prefix: string;
let gh: GitHubMock;
let worker: Worker | undefined;
let logLines: { msg: string; [key: string]: unknown }[];
let nextCommentId = 1000;

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  commandQueue = createCommandQueue(redis, { prefix });
  reviewQueue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10 });
  gh = mockGitHub();
  logLines = [];
  workerRedis = redis.duplicate();
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await Promise.all([commandQueue.obliterate({ force: true }), reviewQueue.obliterate({ force: true })]);
  await Promise.all([commandQueue.close(), reviewQueue.close()]);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await Promise.all([redis.quit(), workerRedis.quit()]);
  gh.close();
});

function startWorker(limits: CommandLimits = LIMITS): void {
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const octokit = createTestOctokit(gh);
  const processor = createCommandProcessor({ getOctokit: async () => octokit, app: TEST_APP, reviewQueue, redis: workerRedis, keyPrefix: prefix, limits, logger });
  worker = createCommandWorker(workerRedis, processor, { prefix, logger, concurrency: 1 });
}

function command(overrides: Partial<CommandJobData> = {}): CommandJobData {
  nextCommentId += 1;
  return { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL, commentId: nextCommentId, sender: SENDER, commands: [{ name: "review" }], ...overrides };
}

/** Runs the commands one after the other, as comments arrive; the suite's timeout bounds the wait. */
async function runCommands(commands: CommandJobData[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const data of commands) {
    const { jobId } = await enqueueCommand(commandQueue, data);
    if ((await waitForJobState(commandQueue, jobId)) === "failed") {
      throw new Error(`command job failed: ${(await commandQueue.getJob(jobId))?.failedReason}`);
    }
    results.push((await commandQueue.getJob(jobId))?.returnvalue);
  }
  return results;
}

function mockOpenPull(pull = PULL): void {
  gh.on("GET", PERMISSION, [200, { permission: "write" }], { times: Infinity });
  gh.on("GET", prPath(pull), [200, pullRequestJson({ owner: OWNER, repo: REPO, number: pull, headSha: HEAD })], { times: Infinity });
  gh.on("POST", REACTIONS, (body) => [201, { id: 1, content: body.content }], { times: Infinity });
}

const bodies = (calls: { body: unknown }[]) => calls.map((call) => (call.body as { body: string }).body);

describe("command limits: /foureyes review", () => {
  it("five per pull request in the window; then one reply that says when to try again, and silence", async () => {
    mockOpenPull();
    const replies = gh.on("POST", repliesPath(PULL), (body) => [201, { id: 901, body: body.body }], { times: Infinity });
    startWorker();

    const results = await runCommands(Array.from({ length: 8 }, () => command()));

    expect(results.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => expect.objectContaining({ done: [expect.objectContaining({ status: "review-queued" })] })));
    expect(results.slice(5)).toEqual([
      { status: "rate-limited", scope: "pull", replied: true },
      { status: "rate-limited", scope: "pull", replied: false },
      { status: "rate-limited", scope: "pull", replied: false },
    ]);
    expect(await reviewQueue.getJobs()).toHaveLength(5);
    expect(replies.calls).toHaveLength(1);
    const [reply] = bodies(replies.calls);
    expect(reply).toMatch(/this pull request/);
    expect(reply).toMatch(/again in about 10 minutes \(after \d\d:\d\d UTC\)/);
    expect(parseCommands(reply ?? "")).toEqual([]);
    expect(reply).not.toContain("@");
    expect(logLines.map((line) => line.msg)).toContain("command not answered: over the limit, and the limit was already announced");
  });

  it("per installation: the limit holds across pull requests, with one reply per pull request", async () => {
    for (const pull of [1, 2, 3]) mockOpenPull(pull);
    const replies2 = gh.on("POST", repliesPath(2), (body) => [201, { id: 902, body: body.body }], { times: Infinity });
    const replies3 = gh.on("POST", repliesPath(3), (body) => [201, { id: 903, body: body.body }], { times: Infinity });
    startWorker({ ...LIMITS, perInstallation: 3 });

    const results = await runCommands([1, 1, 2, 2, 2, 3].map((pullNumber) => command({ pullNumber })));

    expect(results.map((result) => (result as { status: string }).status)).toEqual([
      "answered",
      "answered",
      "answered",
      "rate-limited",
      "rate-limited",
      "rate-limited",
    ]);
    expect(await reviewQueue.getJobs()).toHaveLength(3);
    expect(bodies(replies2.calls)).toEqual([expect.stringMatching(/this installation/)]);
    expect(bodies(replies3.calls)).toEqual([expect.stringMatching(/again in about/)]);
  });

  it("a command job retried after a GitHub error is counted once", async () => {
    // More 500s than the client's own retries: the attempt fails and the queue tries the job again.
    gh.on("GET", PERMISSION, [500, { message: "Server Error" }], { times: 4 });
    mockOpenPull();
    startWorker({ ...LIMITS, perPull: 1 });

    // The first attempt counts and fails reading the permission; the retry must not count again.
    expect(await runCommands([command()])).toEqual([expect.objectContaining({ done: [expect.objectContaining({ status: "review-queued" })] })]);
    expect(await reviewQueue.getJobs()).toHaveLength(1);
    expect(gh.requestsTo("GET", PERMISSION)).toHaveLength(5);
    expect(logLines.map((line) => line.msg)).toContain("command job attempt failed");
  }, 20_000);
});

describe("command limits: /foureyes help", () => {
  it("answers once per pull request in the window; another pull request gets its own answer", async () => {
    const replies = gh.on("POST", repliesPath(PULL), (body) => [201, { id: 901, body: body.body }], { times: Infinity });
    const elsewhere = gh.on("POST", repliesPath(PULL + 1), (body) => [201, { id: 902, body: body.body }], { times: Infinity });
    gh.on("GET", new RegExp(`^/repos/${OWNER}/${REPO}/contents/`), notFoundReply(), { times: Infinity });
    startWorker();

    const results = await runCommands([
      command({ commands: [{ name: "help" }] }),
      command({ commands: [{ name: "help" }] }),
      command({ commands: [{ name: "unknown", text: "approve" }] }),
      command({ commands: [{ name: "help" }], pullNumber: PULL + 1 }),
    ]);

    expect(results).toEqual([
      { status: "answered", done: [{ command: "help", status: "listed" }], replyId: 901 },
      { status: "ignored", reason: "help-answered" },
      { status: "ignored", reason: "help-answered" },
      { status: "answered", done: [{ command: "help", status: "listed" }], replyId: 902 },
    ]);
    expect(replies.calls).toHaveLength(1);
    expect(elsewhere.calls).toHaveLength(1);
  });
});

describe("a command on a closed pull request", () => {
  it("gets a reply that says why nothing happens, and queues nothing", async () => {
    gh.on("GET", PERMISSION, [200, { permission: "write" }]);
    gh.on("GET", prPath(PULL), [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD, state: "closed" })]);
    const replies = gh.on("POST", repliesPath(PULL), (body) => [201, { id: 904, body: body.body }]);
    startWorker();

    expect(await runCommands([command()])).toEqual([{ status: "answered", done: [{ command: "review", status: "pull-closed" }], replyId: 904 }]);

    expect(await reviewQueue.getJobs()).toEqual([]);
    const [reply] = bodies(replies.calls);
    expect(reply).toMatch(/closed/);
    expect(reply).toMatch(/[Rr]eopen/);
    expect(parseCommands(reply ?? "")).toEqual([]);
    gh.assertDone();
  });
});
