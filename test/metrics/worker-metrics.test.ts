// The worker's metrics, each fed by the real part it measures: model requests
// through the openai SDK against the loopback model server, GitHub's rate
// limit from an Octokit's responses (GitHub mocked at HTTP), job outcomes from
// a real BullMQ worker on Redis, findings and review duration from the
// pipeline's numbers. Attack: what a model says, or what a server claims to
// be, never becomes a label value.

import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { UnrecoverableError } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createJobWorker } from "../../queues/create-job-worker.js";
import { createQueue } from "../../queues/create-queue.js";
import { watchRateLimit } from "../../src/github/watch-rate-limit.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { measureModelCalls } from "../../src/llm/measure-model-calls.js";
import { metricsRegistry } from "../../src/metrics/metrics-registry.js";
import { observeReviewDuration } from "../../src/metrics/observe-review-duration.js";
import { countFindings } from "../../src/review/count-findings.js";
import { createTestOctokit, mockGitHub } from "../helpers/github-mock.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const HOSTILE = 'evil"} 1\nfoureyes_injected{a="b';

async function sample(series: string): Promise<number | undefined> {
  const line = (await metricsRegistry.metrics()).split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("model request metrics", () => {
  let server: ModelServer;
  beforeAll(async () => {
    server = await startModelServer();
  });
  afterAll(() => server.close());

  const request = { system: "s", user: "u", schemaName: "review_comments", schema: { type: "object" }, chunkId: "chunk-1" };
  const client = () =>
    measureModelCalls(
      createModelClient({ baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 256 }),
    );

  it("times each request by configured model and outcome and counts the tokens the server reports", async () => {
    server.reply({ content: JSON.stringify({ comments: [], note: HOSTILE }) });
    const answer = await client().complete(request);
    server.reply({ content: `no JSON at all ${HOSTILE}` });
    await expect(client().complete(request)).rejects.toThrow(/held no JSON/);
    server.reply({ status: 500 });
    await expect(client().complete(request)).rejects.toThrow();

    const model = `model="${MODEL_SERVER_MODEL}"`;
    expect(await sample(`foureyes_model_request_seconds_count{${model},outcome="ok"}`)).toBe(1);
    expect(await sample(`foureyes_model_request_seconds_count{${model},outcome="unusable"}`)).toBe(1);
    expect(await sample(`foureyes_model_request_seconds_count{${model},outcome="unavailable"}`)).toBe(1);
    // The unusable answer's tokens were spent too.
    expect(await sample(`foureyes_model_tokens_total{${model},kind="prompt"}`)).toBeGreaterThan(answer.promptTokens ?? 0);
    expect(await sample(`foureyes_model_tokens_total{${model},kind="completion"}`)).toBeGreaterThan(answer.completionTokens ?? 0);
    const text = await metricsRegistry.metrics();
    expect(text).not.toContain("foureyes_injected");
    expect([...text.matchAll(/^foureyes_model_\w+\{model="([^"]*)"/gm)].every((match) => match[1] === MODEL_SERVER_MODEL)).toBe(true);
  });
});

describe("a server that claims another model name", () => {
  it("is still labelled with the configured model", async () => {
    // The loopback model server echoes the requested name; this one answers with its own.
    const server = createServer((_request, response) => {
      const completion = {
        id: "c1",
        object: "chat.completion",
        created: 0,
        model: HOSTILE,
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: '{"comments": []}' } }],
        usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
      };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      const client = measureModelCalls(createModelClient({ baseURL, model: "configured-model", concurrency: 1, timeoutMs: 5_000, maxRetries: 0, maxOutputTokens: 64 }));
      const answer = await client.complete({ system: "s", user: "u", schemaName: "review_comments", schema: { type: "object" }, chunkId: "c" });
      expect(answer.model).toBe(HOSTILE);
      expect(await sample('foureyes_model_tokens_total{model="configured-model",kind="prompt"}')).toBe(7);
      expect(await metricsRegistry.metrics()).not.toContain("foureyes_injected");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("GitHub rate-limit metric", () => {
  it("keeps the latest x-ratelimit-remaining per installation, also from an error response", async () => {
    const gh = mockGitHub();
    try {
      gh.on("GET", "/repos/o/r/pulls/1", [200, { number: 1 }, { "x-ratelimit-remaining": "4321" }]);
      gh.on("GET", "/repos/o/r/pulls/2", [404, { message: "Not Found" }, { "x-ratelimit-remaining": "4320" }]);
      gh.on("GET", "/repos/o/r/pulls/3", [200, { number: 3 }, { "x-ratelimit-remaining": "lots" }]);
      const octokit = watchRateLimit(createTestOctokit(gh), 31);
      await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "o", repo: "r", pull_number: 1 });
      expect(await sample('foureyes_github_rate_limit_remaining{installation="31"}')).toBe(4321);
      await expect(octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "o", repo: "r", pull_number: 2 })).rejects.toThrow();
      expect(await sample('foureyes_github_rate_limit_remaining{installation="31"}')).toBe(4320);
      // A header that is not a count is ignored, not turned into a value.
      await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "o", repo: "r", pull_number: 3 });
      expect(await sample('foureyes_github_rate_limit_remaining{installation="31"}')).toBe(4320);
    } finally {
      gh.close();
    }
  });
});

describe("job metrics", () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  });
  afterAll(() => redis.quit());

  it("counts completed, retried and failed attempts per queue", async () => {
    const prefix = `test-${randomUUID()}`;
    const queue = createQueue<{ kind: string }, string>("review", redis, { prefix, defaultJobOptions: { attempts: 2, backoff: { type: "fixed", delay: 1 } } });
    const worker = createJobWorker<string>(
      "review",
      "review job",
      redis.duplicate(),
      async (job) => {
        const { kind } = job.data as { kind: string };
        if (kind === "flaky" && job.attemptsMade === 0) throw new Error("once");
        if (kind === "bug") throw new UnrecoverableError("a bug");
        return "done";
      },
      { concurrency: 2, prefix, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } },
    );
    try {
      const jobs = await Promise.all(["ok", "flaky", "bug"].map((kind) => queue.add(kind, { kind }, { jobId: kind })));
      for (const job of jobs) await waitForJobState(queue, job.id ?? "");
      expect(await sample('foureyes_jobs_total{queue="review",outcome="completed"}')).toBe(2);
      expect(await sample('foureyes_jobs_total{queue="review",outcome="retrying"}')).toBe(1);
      expect(await sample('foureyes_jobs_total{queue="review",outcome="failed"}')).toBe(1);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

describe("review metrics", () => {
  it("counts findings per source and outcome, from the pipeline's steps", async () => {
    const model = { source: "model" };
    const rule = { source: "rule:committed-secret" };
    countFindings({
      candidates: [model, model, model, model, model, rule, rule],
      proposed: [model, model, model, model, rule, rule],
      anchored: [model, model, model, rule, rule],
      posted: [model, rule],
      overflow: [model],
      invalid: 2,
    });
    const count = (source: string, outcome: string) => sample(`foureyes_comments_total{source="${source}",outcome="${outcome}"}`);
    expect(await count("model", "posted")).toBe(1);
    expect(await count("model", "over-cap")).toBe(1);
    expect(await count("model", "below-severity")).toBe(1);
    expect(await count("model", "off-diff")).toBe(1);
    expect(await count("model", "duplicate")).toBe(1);
    expect(await count("model", "invalid")).toBe(2);
    expect(await count("rule", "posted")).toBe(1);
    expect(await count("rule", "duplicate")).toBe(1);
    // Outcomes that did not happen leave no series.
    expect(await count("rule", "below-severity")).toBeUndefined();
    expect(await count("rule", "off-diff")).toBeUndefined();
  });

  it("observes the time from the webhook to the posted review", async () => {
    observeReviewDuration(1_000_000, 1_000_000 + 42_000);
    expect(await sample("foureyes_review_duration_seconds_count")).toBe(1);
    expect(await sample("foureyes_review_duration_seconds_sum")).toBe(42);
    expect(await sample('foureyes_review_duration_seconds_bucket{le="30"}')).toBe(0);
    expect(await sample('foureyes_review_duration_seconds_bucket{le="60"}')).toBe(1);
  });
});
