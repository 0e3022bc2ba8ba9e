// The review worker in-process, as the worker tests run it: a real Redis
// connection under a prefix of its own, the HTTP GitHub mock, loopback model
// servers, a BullMQ review queue and worker, and a log kept in memory. Each
// test says only what differs (attempts, the model's answer, an Octokit
// wrapped for pace or audit, extra processor deps); close() undoes it all.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { type Level, pino } from "pino";

import { connectRedis } from "../../queues/connection.js";
import type { JobWorkerOptions } from "../../queues/create-job-worker.js";
import type { ReviewLimits } from "../../src/config/server-env.js";
import type { Logger } from "../../src/core/logger.js";
import type { GitHubClient } from "../../src/github/octokit.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { createReviewProcessor, type ReviewProcessorDeps } from "../../src/review/process-review-job.js";
import { createReviewQueue, createReviewWorker, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "./app-identity.js";
import {
  changedFileJson,
  createTestOctokit,
  type GitHubMock,
  mockGitHub,
  notFoundReply,
  type PullRequestFields,
  pullRequestJson,
  rawContentReply,
} from "./github-mock.js";
import { MODEL_SERVER_MODEL, type ModelReply, type ModelServer, type ModelServerOptions, type ReplyHandler, startModelServer } from "./model-server.js";
import { CONFIG_PATH, FILE_CONTENT_PATH, FILE_PATCH, FILE_PATH, FILE_TEXT, HEAD, HEAD_TREE_PATH, headTreeReply, OWNER, PR_PATH, PULL, REPO } from "./queue-fixtures.js";

export const RIG_LIMITS: ReviewLimits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };

export interface StartWorkerOptions {
  /** The model server the worker asks (default: the last one `startModel` started). */
  modelUrl?: string;
  /** Default: the test Octokit on the GitHub mock. */
  octokit?: GitHubClient;
  /** What the in-memory log keeps (default debug). */
  logLevel?: Level | "silent";
  /** Requests to the model at once, in the client and the pipeline (default 1). */
  modelConcurrency?: number;
  modelTimeoutMs?: number;
  /** Hands the model client the logger too (it logs every request at trace). */
  modelClientLogs?: boolean;
  /** Deps beyond the defaults: an audit log, learning, pauses, another app identity or limits. */
  deps?: Partial<ReviewProcessorDeps>;
  worker?: Partial<JobWorkerOptions>;
}

export interface ReviewWorkerRig {
  redis: Redis;
  prefix: string;
  gh: GitHubMock;
  /** The queue: made by `openQueue`, or with 3 attempts on first use. */
  readonly queue: ReviewQueue;
  /** Each line the worker logged, as written (JSON). */
  logText: string[];
  /** The same lines, parsed. */
  logLines(): { msg: string; [key: string]: unknown }[];
  openQueue(options?: { attempts?: number }): ReviewQueue;
  startModel(script?: ReplyHandler | ModelReply, options?: ModelServerOptions): Promise<ModelServer>;
  /** Starts the review worker; the logger it got is returned beside it, for steps the test attaches. */
  startWorker(options?: StartWorkerOptions): { worker: Worker; logger: Logger; getOctokit: () => Promise<GitHubClient> };
  close(): Promise<void>;
}

export async function openReviewWorkerRig(redisUrl: string, options: { prefix?: string } = {}): Promise<ReviewWorkerRig> {
  const prefix = `${options.prefix ?? "test"}-${randomUUID()}`;
  const redis = await connectRedis(redisUrl, { role: "worker" });
  const gh = mockGitHub();
  const models: ModelServer[] = [];
  const workers: Worker[] = [];
  const logText: string[] = [];
  let queue: ReviewQueue | undefined;

  const rig: ReviewWorkerRig = {
    redis,
    prefix,
    gh,
    logText,
    get queue() {
      return (queue ??= createReviewQueue(redis, { prefix, attempts: 3, backoffMs: 10 }));
    },
    logLines: () => logText.map((line) => JSON.parse(line) as { msg: string }),
    openQueue(queueOptions = {}) {
      if (queue) throw new Error("The rig's queue is already open; open it before its first use.");
      queue = createReviewQueue(redis, { prefix, attempts: queueOptions.attempts ?? 3, backoffMs: 10 });
      return queue;
    },
    async startModel(script, modelOptions) {
      const model = await startModelServer(script, modelOptions);
      models.push(model);
      return model;
    },
    startWorker(start = {}) {
      const modelUrl = start.modelUrl ?? models[models.length - 1]?.url;
      if (!modelUrl) throw new Error("Start a model server (rig.startModel) or pass modelUrl before starting the worker.");
      const logger = pino({ level: start.logLevel ?? "debug" }, { write: (line: string) => void logText.push(line) });
      const octokit = start.octokit ?? createTestOctokit(gh);
      const getOctokit = async () => octokit;
      const modelConcurrency = start.modelConcurrency ?? 1;
      const modelClient = createModelClient(
        { baseURL: modelUrl, model: MODEL_SERVER_MODEL, concurrency: modelConcurrency, timeoutMs: start.modelTimeoutMs ?? 5_000, maxRetries: 0, maxOutputTokens: 512 },
        start.modelClientLogs ? logger : undefined,
      );
      const processor = createReviewProcessor({ getOctokit, app: TEST_APP, modelClient, limits: RIG_LIMITS, modelConcurrency, logger, ...start.deps });
      const worker = createReviewWorker(redis, processor, { concurrency: 1, prefix, logger, ...start.worker });
      workers.push(worker);
      return { worker, logger, getOctokit };
    },
    async close() {
      for (const worker of workers) await worker.close();
      if (queue) {
        await queue.obliterate({ force: true });
        await queue.close();
      }
      await redis.quit();
      for (const model of models) await model.close();
      gh.close();
    },
  };
  return rig;
}

export interface PullRequestReads {
  /** Reviews (attempts) that read the pull request (default 1; Infinity for tests that retry). */
  times?: number;
  /** Reads of the pull request itself: one for the snapshot and one before posting per review, by default. */
  prReads?: number;
  /** The review comments already on the pull request. */
  comments?: unknown[];
  /** Fields of the pull request beyond the fixture's number, head and repository (a description, a GitHub Enterprise address). */
  pull?: Omit<PullRequestFields, "owner" | "repo" | "number" | "headSha">;
  /** The repository's visibility (default private). */
  visibility?: "public" | "private";
  /** The reply to the repository's config file (default 404: no file). */
  config?: readonly [number, unknown];
}

/** Answers the reads a review of the fixture pull request (queue-fixtures.ts) makes before it posts. */
export function answerPullRequestReads(gh: GitHubMock, reads: PullRequestReads = {}): void {
  const times = reads.times ?? 1;
  const pull = pullRequestJson({ ...reads.pull, owner: OWNER, repo: REPO, number: PULL, headSha: HEAD }) as { base: { repo: { private: boolean } } };
  pull.base.repo.private = reads.visibility !== "public";
  gh.on("GET", PR_PATH, [200, pull], { times: reads.prReads ?? times * 2 });
  gh.on("GET", `${PR_PATH}/files`, [200, [changedFileJson({ filename: FILE_PATH, additions: 1, deletions: 1, patch: FILE_PATCH })]], { times });
  gh.on("GET", CONFIG_PATH, reads.config ?? notFoundReply(), { times });
  gh.on("GET", `${PR_PATH}/comments`, [200, reads.comments ?? []], { times });
  gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT), { times });
  gh.on("GET", HEAD_TREE_PATH, headTreeReply(), { times });
}
