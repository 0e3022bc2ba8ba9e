// Sizes requests to the context window the model server really serves: the
// operator's FOUREYES_MODEL_CONTEXT_TOKENS, else what the server says (see
// read-served-context.ts). The window is split into room for the answer, a
// margin for the chat template and the tokenizer's error, and the prompt. One
// log line says what was found, or what to set.

import type { ModelSettings } from "../config/server-env.js";
import type { Logger } from "../core/logger.js";
import { redactUrl } from "../core/redact-url.js";
import { OLLAMA_FALLBACK_TOKENS, readServedContext, type ServedContext } from "./read-served-context.js";

export interface ModelContext {
  /** The settings to use: the answer's `max_tokens` fits the window. */
  settings: ModelSettings;
  /** Most prompt tokens (estimated) one request may carry; undefined when the window is unknown. */
  maxPromptTokens?: number;
}

/** A prompt smaller than this leaves too little room for code after foureyes' own instructions. */
const USEFUL_PROMPT_TOKENS = 4_000;

export async function resolveModelContext(
  settings: ModelSettings,
  overrideTokens: number | undefined,
  logger?: Logger,
  probe: (settings: ModelSettings) => Promise<ServedContext> = readServedContext,
): Promise<ModelContext> {
  const log = logger?.child({ component: "model", model: settings.model, url: redactUrl(settings.baseURL) });
  const served: ServedContext = overrideTokens ? { tokens: overrideTokens, source: "FOUREYES_MODEL_CONTEXT_TOKENS" } : await probe(settings);
  const assumed = served.tokens === undefined && served.ollama ? Math.min(OLLAMA_FALLBACK_TOKENS, served.ollama.trainedTokens ?? Infinity) : undefined;
  const windowTokens = served.tokens ?? assumed;
  if (windowTokens === undefined) {
    log?.warn(
      { answerTokens: settings.maxOutputTokens },
      "the model server does not say how many tokens it serves: set FOUREYES_MODEL_CONTEXT_TOKENS to its context length, " +
        "or prompts are sized by FOUREYES_CHUNK_TOKENS alone and a smaller window would cut them",
    );
    return { settings };
  }
  const answerTokens = Math.min(settings.maxOutputTokens, Math.floor(windowTokens / 4));
  const marginTokens = Math.max(64, Math.ceil(windowTokens * 0.05));
  const maxPromptTokens = windowTokens - answerTokens - marginTokens;
  const sizes = { contextTokens: windowTokens, maxPromptTokens, answerTokens };
  const small = maxPromptTokens < USEFUL_PROMPT_TOKENS ? `; too small for useful reviews: serve at least ${USEFUL_PROMPT_TOKENS * 2} tokens` : "";
  if (assumed !== undefined) {
    log?.warn(
      sizes,
      `Ollama does not say which context it runs ${settings.model} with (no num_ctx, model not loaded): assuming ${windowTokens} tokens; ` +
        `set FOUREYES_MODEL_CONTEXT_TOKENS to its OLLAMA_CONTEXT_LENGTH${small}`,
    );
  } else if (small) {
    log?.warn({ ...sizes, source: "source" in served ? served.source : undefined }, `model context of ${windowTokens} tokens${small}`);
  } else {
    log?.info({ ...sizes, source: "source" in served ? served.source : undefined }, `model context: ${windowTokens} tokens`);
  }
  return { settings: { ...settings, maxOutputTokens: answerTokens }, maxPromptTokens };
}
