// askModel: one request per chunk under bounded concurrency, against the real
// `openai` SDK and the loopback model server.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createModelClient } from "../../src/llm/create-model-client.js";
import { ModelUnavailableError } from "../../src/llm/errors.js";
import { askModel } from "../../src/review/ask-model.js";
import type { ReviewChunk } from "../../src/review/types.js";
import { type ChatRequestBody, MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";

let server: ModelServer;

beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

function client(maxRetries = 0) {
  return createModelClient({ baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 4, timeoutMs: 2000, maxRetries, maxOutputTokens: 256 });
}

function chunk(index: number): ReviewChunk {
  return { id: `chunk-${index}`, paths: [`src/file${index}.ts`], context: `CHUNK ${index}\n10 + const value${index} = load();`, estimatedTokens: 20 };
}

/** Which chunk a request is for, read from the user message. */
function chunkIndex(body: ChatRequestBody): number {
  return Number(/CHUNK (\d+)/.exec(body.messages.at(-1)?.content ?? "")?.[1] ?? -1);
}

function commentOn(index: number, line = 10) {
  return { path: `src/file${index}.ts`, line, startLine: null, side: "RIGHT", severity: "major", category: "bug", body: `Problem in chunk ${index}.` };
}

const input = { systemPrompt: "SYSTEM PROMPT: answer with JSON.", title: "Add loader", description: "Loads things." };

describe("askModel", () => {
  it("asks once per chunk with the system prompt, the wrapped chunk and the schema, and gathers the comments", async () => {
    server.reply((body) => ({ content: JSON.stringify({ comments: [commentOn(chunkIndex(body))] }) }));
    const result = await askModel({ ...input, client: client(), chunks: [0, 1, 2].map(chunk), concurrency: 2 });

    expect(result.comments.map((comment) => comment.path).sort()).toEqual(["src/file0.ts", "src/file1.ts", "src/file2.ts"]);
    expect(result).toMatchObject({ invalid: 0, failedChunks: [] });
    expect(result.exchanges.map((exchange) => exchange.chunkId)).toEqual(["chunk-0", "chunk-1", "chunk-2"]);
    expect(result.exchanges[0]).toMatchObject({ mode: "json_schema", raw: expect.stringContaining("Problem in chunk 0") });
    expect(result.exchanges[0]?.promptTokens).toBeGreaterThan(0);

    expect(server.requests.map(chunkIndex).sort()).toEqual([0, 1, 2]);
    const [first] = server.requests;
    expect(first?.messages[0]?.content).toBe(input.systemPrompt);
    expect(first?.messages[1]?.content).toMatch(/<untrusted_pr_title>\nAdd loader\n<\/untrusted_pr_title>/);
    expect(first?.messages[1]?.content).toMatch(/<untrusted_code>\nCHUNK \d/);
    expect(first?.response_format?.json_schema?.name).toBe("review_comments");
  });

  it("drops and counts invalid items and comments on files outside the chunk, keeping the rest", async () => {
    server.reply((body) => {
      const index = chunkIndex(body);
      return { content: JSON.stringify({ comments: [commentOn(index), { ...commentOn(index), line: -1 }, commentOn(index + 1, 5)] }) };
    });
    const result = await askModel({ ...input, client: client(), chunks: [chunk(0), chunk(7)], concurrency: 2 });
    expect(result.comments.map((comment) => `${comment.path}:${comment.line}`).sort()).toEqual(["src/file0.ts:10", "src/file7.ts:10"]);
    expect(result.invalid).toBe(4);
  });

  it("goes on when one chunk answers garbage: that chunk is failed and audited, the others count", async () => {
    server.reply((body) => {
      const index = chunkIndex(body);
      return index === 1 ? { content: "As an AI I cannot review this." } : { content: JSON.stringify({ comments: [commentOn(index)] }) };
    });
    const result = await askModel({ ...input, client: client(), chunks: [0, 1, 2].map(chunk), concurrency: 3 });

    expect(result.comments.map((comment) => comment.path).sort()).toEqual(["src/file0.ts", "src/file2.ts"]);
    expect(result.failedChunks).toEqual([{ chunkId: "chunk-1", error: expect.stringMatching(/chunk-1.*no JSON/) }]);
    expect(result.exchanges[1]).toMatchObject({ chunkId: "chunk-1", mode: "json_schema", raw: "As an AI I cannot review this.", error: expect.any(String) });
  });

  it("still resolves when every chunk fails with unusable output; the caller decides", async () => {
    server.reply({ content: '{"comments": [', finishReason: "length" });
    const result = await askModel({ ...input, client: client(), chunks: [0, 1].map(chunk), concurrency: 2 });
    expect(result.comments).toEqual([]);
    expect(result.failedChunks.map((failed) => failed.chunkId)).toEqual(["chunk-0", "chunk-1"]);
  });

  it("rejects with ModelUnavailableError when the model is down for any chunk, and stops asking for the rest", async () => {
    server.reply((_body, call) => (call === 1 ? { status: 503 } : { content: JSON.stringify({ comments: [] }) }));
    const error = await askModel({ ...input, client: client(0), chunks: [0, 1, 2, 3, 4].map(chunk), concurrency: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(server.requests).toHaveLength(2);
  });

  it("keeps at most `concurrency` requests open at the server", async () => {
    server.reply({ content: JSON.stringify({ comments: [] }), delayMs: 40 });
    const result = await askModel({ ...input, client: client(), chunks: Array.from({ length: 12 }, (_, index) => chunk(index)), concurrency: 3 });
    expect(result.exchanges).toHaveLength(12);
    expect(server.requests).toHaveLength(12);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    // And the limit is used, not serialised to one.
    expect(server.maxInFlight).toBeGreaterThan(1);
  });
});
