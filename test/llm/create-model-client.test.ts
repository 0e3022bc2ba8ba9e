// The model client against a real loopback HTTP server through the real `openai` SDK:
// output modes and their fallback, lenient parsing, retries, and the typed failures.

import { createServer } from "node:net";

import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { ModelSettings } from "../../src/config/server-env.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { ModelOutputError, ModelUnavailableError, UnusableAnswerError } from "../../src/llm/errors.js";
import type { ModelRequest } from "../../src/llm/model-client.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";

const request: ModelRequest = {
  system: "You review code. Answer with JSON.",
  user: "the code",
  schemaName: "review_comments",
  schema: { type: "object", properties: { comments: { type: "array" } }, required: ["comments"], additionalProperties: false },
  chunkId: "chunk-1",
};

const ANSWER = { comments: [{ path: "src/a.ts", line: 3, severity: "major", category: "bug", body: "x is null here" }] };

let server: ModelServer;

function settings(overrides: Partial<ModelSettings> = {}): ModelSettings {
  return {
    baseURL: server.url,
    model: MODEL_SERVER_MODEL,
    concurrency: 2,
    timeoutMs: 2000,
    maxRetries: 0,
    maxOutputTokens: 512,
    ...overrides,
  };
}

beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

describe("createModelClient: answers", () => {
  it("sends structured output with the schema, temperature 0 and max_tokens, and returns parsed JSON with usage", async () => {
    server.reply({ content: JSON.stringify(ANSWER) });
    const answer = await createModelClient(settings()).complete(request);

    expect(answer).toMatchObject({ json: ANSWER, mode: "json_schema", raw: JSON.stringify(ANSWER) });
    expect(answer.promptTokens).toBeGreaterThan(0);
    expect(answer.completionTokens).toBeGreaterThan(0);
    const [sent] = server.requests;
    expect(sent).toMatchObject({
      model: MODEL_SERVER_MODEL,
      temperature: 0,
      max_tokens: 512,
      response_format: { type: "json_schema", json_schema: { name: "review_comments", schema: request.schema, strict: true } },
    });
    expect(sent?.messages).toEqual([
      { role: "system", content: request.system },
      { role: "user", content: request.user },
    ]);
  });

  it("finds JSON in a ```json fenced block", async () => {
    server.reply({ content: `Here is my review:\n\n\`\`\`json\n${JSON.stringify(ANSWER, null, 2)}\n\`\`\`\nHope it helps.` });
    expect((await createModelClient(settings()).complete(request)).json).toEqual(ANSWER);
  });

  it("finds the first balanced object in surrounding prose, braces inside strings included", async () => {
    const tricky = { comments: [{ ...ANSWER.comments[0], body: "use `if (x) { return; }` here" }] };
    server.reply({ content: `<think>the {reasoning}</think>Sure! {not json} The answer: ${JSON.stringify(tricky)} -- done {` });
    expect((await createModelClient(settings()).complete(request)).json).toEqual(tricky);
  });

  it("throws ModelOutputError, with the raw text, on garbage", async () => {
    server.reply({ content: "I think the code looks great! {comments: maybe}" });
    const error = await createModelClient(settings()).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as ModelOutputError).raw).toBe("I think the code looks great! {comments: maybe}");
    expect((error as UnusableAnswerError).mode).toBe("json_schema");
  });

  it("throws ModelOutputError on a truncated answer (finish_reason length), naming the setting", async () => {
    server.reply({ content: '{"comments": [{"path": "src/a.ts", "line": 3, "bo', finishReason: "length" });
    const error = await createModelClient(settings()).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as Error).message).toMatch(/cut off at 512 tokens.*FOUREYES_MODEL_MAX_OUTPUT_TOKENS/);
  });
});

describe("createModelClient: output-mode fallback", () => {
  it("falls back to json_object when json_schema is rejected with a 400, and remembers it", async () => {
    server.reply((body) => (body.response_format?.type === "json_schema" ? { status: 400 } : { content: JSON.stringify(ANSWER) }));
    const client = createModelClient(settings());

    const first = await client.complete(request);
    expect(first).toMatchObject({ mode: "json_object", json: ANSWER });
    const second = await client.complete(request);
    expect(second.mode).toBe("json_object");

    expect(server.requests.map((body) => body.response_format?.type)).toEqual(["json_schema", "json_object", "json_object"]);
    // Without structured output the schema travels in the system prompt.
    expect(server.requests[1]?.messages[0]?.content).toContain(JSON.stringify(request.schema));
  });

  it("falls back to plain text when JSON mode is rejected too (422 from a FastAPI-style server)", async () => {
    server.reply((body) =>
      body.response_format
        ? { status: 422, body: { detail: [{ loc: ["body", "response_format"], msg: "unknown variant" }] } }
        : { content: "```\n" + JSON.stringify(ANSWER) + "\n```" },
    );
    const client = createModelClient(settings());
    expect((await client.complete(request)).mode).toBe("text");
    expect((await client.complete(request)).mode).toBe("text");
    expect(server.requests.map((body) => body.response_format?.type ?? "text")).toEqual(["json_schema", "json_object", "text", "text"]);
  });

  it("does not fall back on a 400 about something else (prompt too long); the chunk's answer is unusable", async () => {
    server.reply({ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens", type: "invalid_request_error" } } });
    const error = await createModelClient(settings()).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as Error).message).toMatch(/chunk-1.*maximum context length.*FOUREYES_CHUNK_TOKENS/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("createModelClient: retries and failures", () => {
  it("retries a 500 and then succeeds", async () => {
    server.reply((_body, call) => (call === 0 ? { status: 500, retryAfterMs: 5 } : { content: JSON.stringify(ANSWER) }));
    const answer = await createModelClient(settings({ maxRetries: 2 })).complete(request);
    expect(answer.json).toEqual(ANSWER);
    expect(server.requests).toHaveLength(2);
  });

  it("retries a 429 and then succeeds", async () => {
    server.reply((_body, call) => (call < 2 ? { status: 429, retryAfterMs: 5 } : { content: JSON.stringify(ANSWER) }));
    expect((await createModelClient(settings({ maxRetries: 2 })).complete(request)).json).toEqual(ANSWER);
    expect(server.requests).toHaveLength(3);
  });

  it("retries a dropped connection and then succeeds", async () => {
    server.reply((_body, call) => (call === 0 ? { destroy: true } : { content: JSON.stringify(ANSWER) }));
    expect((await createModelClient(settings({ maxRetries: 1 })).complete(request)).json).toEqual(ANSWER);
    expect(server.requests).toHaveLength(2);
  });

  it("throws ModelUnavailableError when the server keeps answering 500", async () => {
    server.reply({ status: 500, retryAfterMs: 5 });
    const error = await createModelClient(settings({ maxRetries: 2 })).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/kept failing \(HTTP 500.*3 attempts, FOUREYES_MODEL_MAX_RETRIES=2/);
    expect(server.requests).toHaveLength(3);
  });

  it("throws ModelUnavailableError when rate limiting does not stop, suggesting lower concurrency", async () => {
    server.reply({ status: 429, retryAfterMs: 5 });
    const error = await createModelClient(settings({ maxRetries: 1 })).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/429.*FOUREYES_MODEL_MAX_CONCURRENCY.*FOUREYES_MODEL_CONCURRENCY/);
  });

  it("throws ModelUnavailableError naming the timeout setting when the server never answers", async () => {
    server.reply({ hang: true });
    const error = await createModelClient(settings({ timeoutMs: 150 })).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toContain(`model server at ${server.url} did not answer within 150 ms (FOUREYES_MODEL_TIMEOUT_MS`);
  });

  it("throws ModelUnavailableError asking whether the server runs when the port is closed", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const error = await createModelClient(settings({ baseURL: url })).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toContain(`connection refused at ${url} — is the model server running? (FOUREYES_MODEL_URL)`);
  });

  it("says to check FOUREYES_MODEL_API_KEY on a 401, without ever showing the key", async () => {
    server.reply({ status: 401 });
    const error = await createModelClient(settings({ apiKey: "sk-secret-123" })).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/HTTP 401.*check FOUREYES_MODEL_API_KEY/);
    expect((error as Error).message).not.toContain("sk-secret-123");
  });

  it("says to check FOUREYES_MODEL on a 404 for the model", async () => {
    server.reply({ status: 404 });
    const error = await createModelClient(settings({ model: "no-such-model" })).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/404 for model "no-such-model".*check FOUREYES_MODEL /);
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("createModelClient: logs", () => {
  it("logs retries and the output-mode fallback, never the API key or the prompt", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(line) });
    server.reply((body, call) =>
      call === 0 ? { status: 500, retryAfterMs: 5 } : body.response_format?.type === "json_schema" ? { status: 400 } : { content: "{}" },
    );
    await createModelClient(settings({ apiKey: "sk-secret-123", maxRetries: 1 }), logger).complete({ ...request, user: "PROMPT-TEXT" });

    const output = lines.join("");
    expect(output).toMatch(/retrying/);
    expect(output).toMatch(/does not support this output mode/);
    expect(output).not.toContain("sk-secret-123");
    expect(output).not.toContain("PROMPT-TEXT");
  });
});
