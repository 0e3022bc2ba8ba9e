// On a Redis Cluster every command or script that touches several keys must
// find them in one hash slot. Each of foureyes' multi-key operations (the
// audit chain's append, the command limits, the pause and learning stores,
// the review-load record and its pipelined read, the model request slots,
// the push debounce, GitHub's write pace, BullMQ's queue) runs here against a
// real three-node cluster through the connection factory: with the
// hash-tagged prefix each works; with the plain default prefix the same
// operations are refused CROSSSLOT, which is what the hash tag is for.

import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { appendAuditRecords } from "../../src/audit/append-audit-record.js";
import { exportAudit } from "../../src/audit/export-audit.js";
import { admitCommand } from "../../src/commands/admit-command.js";
import { loadServerEnv } from "../../src/config/server-env.js";
import type { RedisClient } from "../../src/core/redis-client.js";
import { createWritePace } from "../../src/github/create-write-pace.js";
import { createLearningStore } from "../../src/learning/learning-store.js";
import { modelServerSlots } from "../../src/llm/model-server-slots.js";
import { readRecordedPulls } from "../../src/reports/record/read-recorded-pulls.js";
import { recordReportEvent } from "../../src/reports/record/record-report-event.js";
import { createPauseStore } from "../../src/review/pause-store.js";
import { createReviewQueue, createReviewWorker, enqueueReview } from "../../src/review/review-queue.js";
import { reviewJob } from "../helpers/queue-fixtures.js";
import { type RedisCluster, startRedisCluster } from "../helpers/redis-cluster.js";
import { webhookPayload } from "../helpers/webhook-payloads.js";

let cluster: RedisCluster;
let redis: RedisClient;

beforeAll(async () => {
  cluster = await startRedisCluster();
  redis = await connectRedis(loadServerEnv({ REDIS_CLUSTER_NODES: cluster.nodeList, FOUREYES_QUEUE_PREFIX: "{foureyes}" }), { role: "worker" });
}, 30_000);

afterAll(async () => {
  await redis?.quit();
  await cluster?.stop();
});

const INSTALLATION = 4242;
const pull = { installationId: INSTALLATION, owner: "octo-org", repo: "octo-repo", pullNumber: 12 };
const repo = { installationId: INSTALLATION, owner: "octo-org", repo: "octo-repo" };
const NOW = new Date("2026-11-25T09:00:00Z");

/** Each of foureyes' operations on more than one key, under `prefix`. */
const operations: Record<string, (prefix: string) => Promise<unknown>> = {
  "audit chain append (script: stream, head, installations)": async (prefix) => {
    await appendAuditRecords(redis, prefix, INSTALLATION, [{ type: "command", data: { n: 1 }, at: NOW }]);
    const lines: string[] = [];
    for await (const line of exportAudit(redis, prefix)) lines.push(line);
    expect(lines).toHaveLength(2);
  },
  "command limits (script: four counters)": async (prefix) => {
    const admission = await admitCommand(redis, { ...pull, commands: [{ name: "help" }] } as never, { perPull: 5, perInstallation: 60, windowMs: 60_000 }, prefix);
    expect(admission).toEqual({ status: "allowed" });
  },
  "pause store (MULTI: paused, resumed)": async (prefix) => {
    const pauses = createPauseStore(redis, prefix);
    await pauses.pause(pull, "octocat");
    await pauses.resume(pull, "octocat");
    expect(await pauses.takeNote(pull)).toBe("resumed");
  },
  "learning store (MULTI: signals, forgotten; SCAN over every master)": async (prefix) => {
    const learning = createLearningStore(redis, prefix);
    const signal = { commentId: 7, pull: 12, fingerprint: "f", kind: "function", rule: "-", text: "t", thumbsUp: 1, thumbsDown: 0, at: NOW.toISOString() };
    await learning.record(repo, signal);
    expect(await learning.repositories()).toEqual([repo]);
    expect(await learning.forget(repo, 7)).toBe(true);
  },
  "review-load record (script: pull hash, index; pipelined read)": async (prefix) => {
    const payload = webhookPayload("pull_request", "opened", {
      installationId: INSTALLATION,
      number: 9,
      patch: (body) => Object.assign(body.pull_request as object, { created_at: "2026-11-25T08:00:00Z", updated_at: "2026-11-25T08:00:00Z" }),
    });
    const outcome = await recordReportEvent(redis, { installationId: INSTALLATION, name: "pull_request", payload }, { now: NOW, keyPrefix: prefix });
    expect(outcome.recorded).toBe(true);
    const pulls = await readRecordedPulls(redis, INSTALLATION, { since: new Date(0), keyPrefix: prefix });
    expect(pulls.map((recorded) => recorded.number)).toEqual([9]);
  },
  "model request slots (script)": async (prefix) => {
    const slots = modelServerSlots(redis, { FOUREYES_QUEUE_PREFIX: prefix, FOUREYES_MODEL_URL: "http://127.0.0.1:1/v1", FOUREYES_MODEL_MAX_CONCURRENCY: 1 });
    const release = await slots.acquire();
    await release();
  },
  "GitHub write pace (script: hold, one window per budget)": async (prefix) => {
    const pace = createWritePace(redis, { prefix, budget: [{ limit: 2, windowMs: 60_000 }, { limit: 500, windowMs: 3_600_000 }] });
    expect(await pace.take(INSTALLATION, { createsContent: true })).toBe(0);
    expect(await pace.take(INSTALLATION, { createsContent: true })).toBe(0);
    expect(await pace.take(INSTALLATION, { createsContent: true })).toBeGreaterThan(0);
  },
  "review queue: debounced push, then a worker runs the job (BullMQ's scripts)": async (prefix) => {
    const queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 1, debounceMs: 50 });
    const connection = redis.duplicate();
    const worker = createReviewWorker(connection, async (job: Job) => ({ status: "published", comments: (job.data as { pullNumber: number }).pullNumber }) as never, {
      concurrency: 1,
      prefix,
      logger: { info() {}, warn() {}, error() {} },
    });
    try {
      await enqueueReview(queue, reviewJob({ event: "pull_request.synchronize", headSha: "2".repeat(40) }));
      const { jobId } = await enqueueReview(queue, reviewJob({ event: "pull_request.synchronize", headSha: "3".repeat(40) }));
      await new Promise<void>((done) => worker.on("completed", (job) => job.id === jobId && done()));
      expect(await queue.getJobCounts("completed", "delayed", "wait")).toEqual({ completed: 1, delayed: 0, wait: 0 });
    } finally {
      await worker.close();
      await connection.quit();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  },
};

describe("foureyes on a three-node Redis Cluster", () => {
  it.each(Object.keys(operations))("with the hash-tagged prefix {foureyes}: %s", { timeout: 20_000 }, async (name) => {
    await operations[name]!("{foureyes}");
  });

  // The same operations under the plain prefix foureyes used before: keys spread over the slots, and Redis refuses them.
  // The model request slots are one key, and the write pace tags its keys with the installation, so only the others are refused.
  it.each(Object.keys(operations).filter((name) => !name.startsWith("model request slots") && !name.startsWith("GitHub write pace")))("without a hash tag the cluster refuses it: %s", { timeout: 20_000 }, async (name) => {
    await expect(operations[name]!("foureyes")).rejects.toThrow(/CROSSSLOT|same slot/);
  });

  it("refuses to start on a cluster with a prefix that has no hash tag, and says what to set", () => {
    expect(() => loadServerEnv({ REDIS_CLUSTER_NODES: cluster.nodeList, FOUREYES_QUEUE_PREFIX: "foureyes" })).toThrow(
      /FOUREYES_QUEUE_PREFIX: on a Redis Cluster the prefix must be a hash tag such as \{foureyes\}/,
    );
    expect(() => loadServerEnv({ REDIS_CLUSTER_NODES: cluster.nodeList })).toThrow(/FOUREYES_QUEUE_PREFIX/);
  });
});
