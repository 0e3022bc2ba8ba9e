// The served context window, read where each server says it (loopback
// servers answering the way vLLM, llama.cpp and Ollama do), and the one line
// the worker logs about it at start-up.

import { Writable } from "node:stream";

import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";

import type { ModelSettings } from "../../src/config/server-env.js";
import { readServedContext } from "../../src/llm/read-served-context.js";
import { resolveModelContext } from "../../src/llm/resolve-model-context.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import type { ServedContext } from "../helpers/served-context-routes.js";

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function settingsFor(served?: ServedContext): Promise<ModelSettings> {
  server = await startModelServer(undefined, { served });
  return { baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 2000, maxRetries: 0, maxOutputTokens: 2048 };
}

/** A logger whose lines are kept, parsed. */
function recordingLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

describe("readServedContext", () => {
  it("reads vLLM's max_model_len from /v1/models", async () => {
    expect(await readServedContext(await settingsFor({ kind: "vllm", maxModelLen: 32_768 }))).toEqual({ tokens: 32_768, source: expect.stringContaining("vLLM") });
  });

  it("reads max_model_len of the only model a vLLM serves, also under another name", async () => {
    const settings = { ...(await settingsFor({ kind: "vllm", maxModelLen: 16_384 })), model: "alias-of-the-model" };
    expect(await readServedContext(settings)).toEqual({ tokens: 16_384, source: expect.stringContaining("vLLM") });
  });

  it("reads llama.cpp's n_ctx from /props", async () => {
    expect(await readServedContext(await settingsFor({ kind: "llama.cpp", nCtx: 8192 }))).toEqual({ tokens: 8192, source: expect.stringContaining("llama.cpp") });
  });

  it("reads Ollama's num_ctx from /api/show before the model's trained length", async () => {
    const settings = await settingsFor({ kind: "ollama", contextLength: 131_072, numCtx: 16_384 });
    expect(await readServedContext(settings)).toEqual({ tokens: 16_384, source: expect.stringContaining("num_ctx") });
  });

  it("reads the loaded model's context_length from Ollama's /api/ps when num_ctx is unset", async () => {
    const settings = await settingsFor({ kind: "ollama", contextLength: 131_072, loadedContext: 4096 });
    expect(await readServedContext(settings)).toEqual({ tokens: 4096, source: expect.stringContaining("/api/ps") });
  });

  it("never takes an Ollama model's trained length for what is served", async () => {
    const settings = await settingsFor({ kind: "ollama", contextLength: 131_072 });
    expect(await readServedContext(settings)).toEqual({ tokens: undefined, ollama: { trainedTokens: 131_072 } });
  });

  it("says nothing for a server that does not tell", async () => {
    expect(await readServedContext(await settingsFor())).toEqual({ tokens: undefined });
  });
});

describe("resolveModelContext", () => {
  it("splits the window into prompt, answer and margin, and logs one line saying where it was read", async () => {
    const { logger, lines } = recordingLogger();
    const context = await resolveModelContext(await settingsFor({ kind: "vllm", maxModelLen: 32_768 }), undefined, logger);
    expect(context.settings.maxOutputTokens).toBe(2048);
    expect(context.maxPromptTokens! + context.settings.maxOutputTokens).toBeLessThan(32_768);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: "model context: 32768 tokens", source: expect.stringContaining("max_model_len") });
  });

  it("lets FOUREYES_MODEL_CONTEXT_TOKENS override what the server says", async () => {
    const context = await resolveModelContext(await settingsFor({ kind: "vllm", maxModelLen: 32_768 }), 8192);
    expect(context.maxPromptTokens! + context.settings.maxOutputTokens).toBeLessThan(8192);
  });

  it("assumes Ollama's smallest default when it does not say, and says what to set", async () => {
    const { logger, lines } = recordingLogger();
    const context = await resolveModelContext(await settingsFor({ kind: "ollama", contextLength: 131_072 }), undefined, logger);
    expect(context.maxPromptTokens! + context.settings.maxOutputTokens).toBeLessThan(2048);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toMatch(/set FOUREYES_MODEL_CONTEXT_TOKENS to its OLLAMA_CONTEXT_LENGTH/);
  });

  it("keeps the settings and says what to set when the server does not tell", async () => {
    const { logger, lines } = recordingLogger();
    const settings = await settingsFor();
    const context = await resolveModelContext(settings, undefined, logger);
    expect(context).toEqual({ settings });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toMatch(/set FOUREYES_MODEL_CONTEXT_TOKENS/);
  });
});
