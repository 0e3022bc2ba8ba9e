// The token budget of one chunk's code, so that the whole prompt (system
// prompt, schema, PR title and description, code) fits the prompt room of the
// served context window. Without a known window, FOUREYES_CHUNK_TOKENS holds.

import type { ReviewLimits } from "../config/server-env.js";
import { estimatePromptTokens } from "./estimate-prompt-tokens.js";
import { buildUserMessage } from "./prompt.js";

/** Below this a chunk holds too little code to review; such prompts are refused before sending instead. */
const MIN_CHUNK_TOKENS = 200;

export function fitChunkBudget(limits: ReviewLimits, prompt: { systemPrompt: string; title: string; description: string }): number {
  if (limits.maxPromptTokens === undefined) return limits.chunkTokens;
  const user = buildUserMessage({ title: prompt.title, description: prompt.description, chunkContext: "" });
  const overhead = estimatePromptTokens({ system: prompt.systemPrompt, user });
  return Math.max(MIN_CHUNK_TOKENS, Math.min(limits.chunkTokens, limits.maxPromptTokens - overhead));
}
