// Reasoning models through the real `openai` SDK against the loopback server:
// reasoning in the content (`<think>`) or beside it (`reasoning_content`) never
// breaks the answer, and is never taken for it.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { ModelSettings } from "../../src/config/server-env.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { UnusableAnswerError } from "../../src/llm/errors.js";
import type { ModelRequest } from "../../src/llm/model-client.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";

const request: ModelRequest = {
  system: "You review code. Answer with JSON.",
  user: "the code",
  schemaName: "review_comments",
  schema: { type: "object", properties: { comments: { type: "array" } }, required: ["comments"] },
  chunkId: "chunk-1",
};
const ANSWER = { comments: [{ path: "src/a.ts", line: 3, body: "x is null here" }] };
const REASONING = 'Maybe {"comments": [{"path": "wrong.ts", "line": 1, "body": "no"}]}? In `f() { return {}; }` x can be null.';

let server: ModelServer;
let settings: ModelSettings;

beforeEach(async () => {
  server = await startModelServer();
  settings = { baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 2000, maxRetries: 0, maxOutputTokens: 512 };
});
afterEach(async () => {
  await server.close();
});

describe("createModelClient: reasoning models", () => {
  it("parses the answer after a <think> block full of braces", async () => {
    server.reply({ content: `<think>\n${REASONING}\n</think>\n\n${JSON.stringify(ANSWER)}` });
    const answer = await createModelClient(settings).complete(request);
    expect(answer.json).toEqual(ANSWER);
  });

  it("parses the answer when the template opened the block (only </think> comes back)", async () => {
    server.reply({ content: `${REASONING}\n</think>\n${JSON.stringify(ANSWER)}` });
    expect((await createModelClient(settings).complete(request)).json).toEqual(ANSWER);
  });

  it("uses the content when the server sends reasoning_content beside it", async () => {
    server.reply({ content: JSON.stringify(ANSWER), reasoning: REASONING });
    expect((await createModelClient(settings).complete(request)).json).toEqual(ANSWER);
  });

  it("never takes reasoning_content for the answer when the content is empty", async () => {
    server.reply({ content: "", reasoning: JSON.stringify(ANSWER) });
    await expect(createModelClient(settings).complete(request)).rejects.toBeInstanceOf(UnusableAnswerError);
  });
});
