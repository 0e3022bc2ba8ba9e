// A whole review flow in one process: a real Probot receives recorded
// pull_request webhooks and queues jobs on a real BullMQ/Redis; the review
// worker runs them against the HTTP GitHub mock (a PullRequestWorld) and the
// loopback model server. For tests of reviews across several pushes.

import { randomUUID } from "node:crypto";

import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { Probot } from "probot";

import { connectRedis } from "../../queues/connection.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { createReviewProcessor } from "../../src/review/process-review-job.js";
import { registerReviewHandlers } from "../../src/review/register-review-handlers.js";
import { reviewJobId } from "../../src/review/review-job.js";
import { createReviewQueue, createReviewWorker, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "./app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub } from "./github-mock.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "./model-server.js";
import type { PullRequestWorld } from "./pull-request-world.js";
import { INSTALLATION, OWNER, PULL, REPO } from "./queue-fixtures.js";
import { waitForJobState } from "./wait-for-job.js";
import { webhookPayload } from "./webhook-payloads.js";

export interface ReviewFlow {
  gh: GitHubMock;
  model: ModelServer;
  queue: ReviewQueue;
  logLines: { msg: string; [key: string]: unknown }[];
  /** Delivers pull_request.<action> for the world's head as a webhook; resolves once it was handled. */
  deliver(action: string, headSha: string): Promise<string>;
  /** Waits until the job of `headSha` finished, and returns its state. */
  finished(headSha: string): Promise<string>;
  startWorker(): void;
  close(): Promise<void>;
}

export async function startReviewFlow(world: PullRequestWorld, redisUrl: string, options: { debounceMs?: number } = {}): Promise<ReviewFlow> {
  const prefix = `test-${randomUUID()}`;
  const redis: Redis = await connectRedis(redisUrl, { role: "worker" });
  const gh = mockGitHub();
  world.serve(gh);
  const model = await startModelServer();
  const queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 10, debounceMs: options.debounceMs ?? 0 });
  const logLines: ReviewFlow["logLines"] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const probot = new Probot({ appId: 1, privateKey: "unused", secret: "unused", log: logger });
  await probot.load((app) => registerReviewHandlers(app, { queue }));
  let worker: Worker | undefined;

  return {
    gh,
    model,
    queue,
    logLines,
    async deliver(action, headSha) {
      const payload = webhookPayload("pull_request", action, {
        installationId: INSTALLATION,
        number: PULL,
        headSha,
        patch: (body) => {
          const repository = body.repository as { name: string; full_name: string; owner: { login: string } };
          repository.name = REPO;
          repository.full_name = `${OWNER}/${REPO}`;
          repository.owner.login = OWNER;
        },
      });
      await probot.receive({ id: randomUUID(), name: "pull_request", payload } as Parameters<Probot["receive"]>[0]);
      return reviewJobId({ owner: OWNER, repo: REPO, pullNumber: PULL, headSha });
    },
    finished: (headSha) => waitForJobState(queue, reviewJobId({ owner: OWNER, repo: REPO, pullNumber: PULL, headSha })),
    startWorker() {
      const octokit = createTestOctokit(gh);
      const processor = createReviewProcessor({
        getOctokit: async () => octokit,
        app: TEST_APP,
        modelClient: createModelClient({ baseURL: model.url, model: MODEL_SERVER_MODEL, concurrency: 2, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 512 }),
        limits: { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 },
        modelConcurrency: 2,
        logger,
      });
      worker = createReviewWorker(redis, processor, { concurrency: 1, prefix, logger });
    },
    async close() {
      await worker?.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await redis.quit();
      await model.close();
      gh.close();
    },
  };
}
