// The ModelClient for any OpenAI-compatible server (vLLM, Ollama, llama.cpp,
// LM Studio, TGI) over the official `openai` SDK. Structured output first,
// falling back to JSON mode and then to plain text, because servers differ;
// the SDK does the retrying (408/409/429/5xx, connection errors) with backoff,
// or as long as the server's retry-after says when that is short.

import OpenAI from "openai";

import type { ModelSettings } from "../config/server-env.js";
import type { Logger } from "../core/logger.js";
import { redactUrl } from "../core/redact-url.js";
import { fingerprintText } from "../secrets/fingerprint-text.js";
import { boundRetryAfter } from "./bound-retry-after.js";
import type { RequestSlots } from "./create-request-slots.js";
import { UnusableAnswerError } from "./errors.js";
import { extractJson } from "./extract-json.js";
import type { ModelAnswer, ModelClient, ModelRequest, SentRequest } from "./model-client.js";
import { rejectsOutputMode, toModelError } from "./to-model-error.js";

type OutputMode = ModelAnswer["mode"];

/** Tried in this order; a server that rejects one is never asked for it again by this client. */
const OUTPUT_MODES: readonly OutputMode[] = ["json_schema", "json_object", "text"];

/** Local servers ignore the key, but the SDK insists on one. */
const PLACEHOLDER_API_KEY = "not-needed";

export interface ModelClientOptions {
  /** Caps requests in flight at this server across all workers (the worker's Redis-backed limit); none in the CLI. */
  slots?: RequestSlots;
}

export function createModelClient(settings: ModelSettings, logger?: Logger, options: ModelClientOptions = {}): ModelClient {
  const log = logger?.child({ component: "model", model: settings.model, url: redactUrl(settings.baseURL) });
  const openai = new OpenAI({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey || PLACEHOLDER_API_KEY,
    // Never forward an operator's OpenAI organisation or project headers to a self-hosted server.
    organization: null,
    project: null,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    // Honours retry-after, but never sleeps through a long one inside a request.
    fetch: boundRetryAfter(),
    // The SDK's own lines (one per attempt, retries included) go to debug; the request body never does.
    logLevel: log ? "info" : "off",
    logger: log ? sdkLogger(log) : undefined,
  });
  let firstMode = 0;

  return {
    name: settings.model,
    async complete(request) {
      for (let index = firstMode; ; index += 1) {
        const mode = OUTPUT_MODES[index] ?? "text";
        try {
          const answer = await withSlot(options.slots, () => completeIn(openai, settings, mode, request));
          const { sha256, length } = fingerprintText(answer.raw);
          log?.debug(
            { chunk: request.chunkId, mode, promptTokens: answer.promptTokens, completionTokens: answer.completionTokens, answerSha256: sha256, answerLength: length },
            "model answered",
          );
          return answer;
        } catch (error) {
          if (index < OUTPUT_MODES.length - 1 && rejectsOutputMode(error)) {
            if (firstMode <= index) {
              firstMode = index + 1;
              log?.warn(
                { rejected: mode, next: OUTPUT_MODES[firstMode], reason: (error as Error).message.slice(0, 200) },
                "model server does not support this output mode; using the next one from now on",
              );
            }
            // Another call may already have moved further down the list.
            index = Math.max(index, firstMode - 1);
            continue;
          }
          throw toModelError(error, { settings, chunkId: request.chunkId });
        }
      }
    },
  };
}

/** One chat completion in one output mode; an answer cut off or without JSON is unusable. */
async function completeIn(openai: OpenAI, settings: ModelSettings, mode: OutputMode, request: ModelRequest): Promise<ModelAnswer> {
  const sent: SentRequest = {
    messages: [
      { role: "system", content: mode === "json_schema" ? request.system : withSchema(request.system, request.schema) },
      { role: "user", content: request.user },
    ],
    params: { model: settings.model, temperature: 0, maxTokens: settings.maxOutputTokens, responseFormat: mode === "text" ? "none" : mode },
  };
  const completion = await openai.chat.completions.create({
    model: settings.model,
    temperature: sent.params.temperature,
    max_tokens: settings.maxOutputTokens,
    messages: sent.messages,
    ...responseFormat(mode, request),
  });
  const choice = completion.choices[0];
  const raw = choice?.message?.content ?? "";
  const usage = { promptTokens: completion.usage?.prompt_tokens, completionTokens: completion.usage?.completion_tokens };
  if (choice?.finish_reason === "length") {
    throw new UnusableAnswerError(
      `the model's answer for ${request.chunkId} was cut off at ${settings.maxOutputTokens} tokens ` +
        "(FOUREYES_MODEL_MAX_OUTPUT_TOKENS); its comments were dropped",
      raw,
      mode,
      usage,
      sent,
    );
  }
  const json = extractJson(raw);
  if (json === undefined) {
    throw new UnusableAnswerError(
      `the model's answer for ${request.chunkId} held no JSON object (${raw.length} characters); its comments were dropped`,
      raw,
      mode,
      usage,
      sent,
    );
  }
  return { json, mode, raw, ...usage, ...(completion.model ? { model: completion.model } : {}), sent };
}

/** Holds a slot for the whole request, the SDK's retries and their waits included. */
async function withSlot<T>(slots: RequestSlots | undefined, run: () => Promise<T>): Promise<T> {
  if (!slots) return run();
  const release = await slots.acquire();
  try {
    return await run();
  } finally {
    await release();
  }
}

function responseFormat(mode: OutputMode, request: ModelRequest) {
  if (mode === "json_schema") {
    return { response_format: { type: "json_schema" as const, json_schema: { name: request.schemaName, schema: request.schema, strict: true } } };
  }
  return mode === "json_object" ? { response_format: { type: "json_object" as const } } : {};
}

/** Without structured output the schema travels in the prompt. */
function withSchema(system: string, schema: Record<string, unknown>): string {
  return `${system}\n\nAnswer with one JSON object, and nothing else, that matches this JSON Schema:\n${JSON.stringify(schema)}`;
}

function sdkLogger(log: Logger) {
  return {
    error: (message: string) => log.warn(message),
    warn: (message: string) => log.warn(message),
    info: (message: string) => log.debug(message),
    debug: () => undefined,
  };
}
