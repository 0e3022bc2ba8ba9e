// A prompt is never cut: against a loopback server that serves a small
// context window, a whole review of a large pull request sends only requests
// whose prompt (estimated) and answer fit the window, and still sends them all.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import type { ModelSettings, ReviewLimits } from "../../src/config/server-env.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { resolveModelContext } from "../../src/llm/resolve-model-context.js";
import { askModel } from "../../src/review/ask-model.js";
import { estimateTokens } from "../../src/review/estimate-tokens.js";
import type { ReviewSource } from "../../src/review/ports.js";
import { runReview } from "../../src/review/run.js";
import type { ReviewResult } from "../../src/review/types.js";
import { corpusChangedFiles, corpusHeadText, loadCorpus } from "../helpers/corpus.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";

const SERVED_TOKENS = 8192;
let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({ content: '{"comments": []}' }, { served: { kind: "ollama", contextLength: 131_072, numCtx: SERVED_TOKENS } });
});
afterAll(async () => {
  await server.close();
});

function largestPullRequest() {
  const corpus = loadCorpus();
  const code = (path: string) => /\.(?:ts|tsx|js|py|go|java|rs)$/.test(path);
  const size = (pr: (typeof corpus)[number]) =>
    corpusChangedFiles(pr).reduce((sum, file) => sum + (file.status !== "removed" && code(file.path) ? (file.patch?.length ?? 0) : 0), 0);
  return corpus.reduce((best, pr) => (size(pr) > size(best) ? pr : best));
}

function source(description: string): ReviewSource {
  const pr = largestPullRequest();
  const files = corpusChangedFiles(pr);
  return {
    async loadSnapshot() {
      return {
        label: "acme/app#9",
        title: "A large change",
        description,
        baseSha: "b".repeat(40),
        headSha: "a".repeat(40),
        draft: false,
        authorIsBot: false,
        files,
        config: { ...DEFAULT_REPO_CONFIG, instructions: "Mind the money paths. ".repeat(40) },
        priorComments: [],
      };
    },
    async readHeadFile(path) {
      const text = corpusHeadText(pr, path);
      return text === null ? { kind: "absent" } : { kind: "text", text };
    },
  };
}

describe("the served context window", () => {
  it("sizes every request of a large review to fit, prompt and answer together", async () => {
    const configured: ModelSettings = { baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 2, timeoutMs: 5000, maxRetries: 0, maxOutputTokens: 4096 };
    const { settings, maxPromptTokens } = await resolveModelContext(configured, undefined);
    const limits: ReviewLimits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000, maxPromptTokens };
    const published: ReviewResult[] = [];
    server.requests.length = 0;

    await runReview({
      source: source("Why this change: ".repeat(300)),
      sink: { async publish(result) { published.push(result); } },
      model: createModelClient(settings),
      limits,
      modelConcurrency: 2,
    });

    expect(server.requests.length).toBeGreaterThan(1);
    for (const request of server.requests) {
      const prompt = estimateTokens(request.messages.map((message) => message.content).join("\n"));
      expect(prompt + (request.max_tokens ?? 0)).toBeLessThanOrEqual(SERVED_TOKENS);
    }
    // Nothing was refused for size: every chunk went to the model (test suggestions are requests of their own).
    const reviewRequests = server.requests.filter((request) => request.response_format?.json_schema?.name !== "test_suggestion");
    expect(published[0]?.stats.chunks).toBe(reviewRequests.length);
    expect(published[0]?.model.ok).toBe(true);
  });

  it("does not send a prompt that would not fit; the chunk fails with what to do", async () => {
    server.requests.length = 0;
    const settings: ModelSettings = { baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 5000, maxRetries: 0, maxOutputTokens: 512 };
    const chunk = { id: "chunk-1", paths: ["src/a.ts"], context: "10 + const a = 1;\n".repeat(400), estimatedTokens: 2000 };

    const result = await askModel({
      client: createModelClient(settings),
      chunks: [chunk],
      systemPrompt: "Review.",
      title: "t",
      description: "",
      concurrency: 1,
      maxPromptTokens: 1000,
    });

    expect(server.requests).toHaveLength(0);
    expect(result.failedChunks).toEqual([{ chunkId: "chunk-1", error: expect.stringMatching(/not sent .*serve a larger context.*FOUREYES_MODEL_CONTEXT_TOKENS/) }]);
  });
});
