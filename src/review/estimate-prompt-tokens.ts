// The estimated size of one model request's prompt, as the server will count
// it in the worst case: the system prompt with the JSON Schema appended (what
// servers without structured output get) and the user message.

import { estimateTokens } from "./estimate-tokens.js";
import { MODEL_OUTPUT_JSON_SCHEMA } from "./model-output.js";

/** The schema and the sentence that introduces it (see withSchema in src/llm/create-model-client.ts). */
const SCHEMA_TOKENS = estimateTokens(JSON.stringify(MODEL_OUTPUT_JSON_SCHEMA)) + 40;

export function estimatePromptTokens(prompt: { system: string; user: string }): number {
  return estimateTokens(prompt.system) + SCHEMA_TOKENS + estimateTokens(prompt.user);
}
