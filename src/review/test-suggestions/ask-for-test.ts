// One test-suggestion request: the symbol's code, its module's imports and an
// example test (secrets redacted, fitted to the token budget) go to the model
// in their own request; what comes back is shown only when it parses, names
// the symbol and uses the repository's framework. Every request and answer is
// kept for the audit trail.

import { languageForPath } from "../../analysis/languages.js";
import type { TestFramework, TestGap } from "../../analysis/test-gaps/types.js";
import { readImportLines } from "../../analysis/test-suggestions/read-import-lines.js";
import { validateTestCode } from "../../analysis/test-suggestions/validate-test-code.js";
import { ModelOutputError, UnusableAnswerError } from "../../llm/errors.js";
import type { ModelClient } from "../../llm/model-client.js";
import { redactSecrets } from "../../secrets/redact-secrets.js";
import type { ModelExchange } from "../ask-model.js";
import { estimatePromptTokens } from "../estimate-prompt-tokens.js";
import { estimateTokens } from "../estimate-tokens.js";
import { parseSuggestionAnswer, SUGGESTION_JSON_SCHEMA, SUGGESTION_SCHEMA_NAME } from "./suggestion-output.js";
import { buildSuggestionSystemPrompt, buildSuggestionUserMessage, SUGGESTION_PROMPT_VERSION, type SuggestionRequest } from "./suggestion-prompt.js";
import type { SuggestionDropReason, TestSuggestion } from "./types.js";

/** Most lines of the example test shown; a style example needs its head, not all of it. */
const MAX_EXAMPLE_LINES = 120;

export interface AskForTestInput {
  client: ModelClient;
  gap: TestGap;
  framework: TestFramework;
  testPath: string;
  /** The module's head text. */
  headText: string;
  example: { path: string; text: string } | null;
  /** The pointer's line, carried into the suggestion. */
  line: number;
  budget: { chunkTokens: number; maxPromptTokens?: number | undefined };
}

export type AskForTestOutcome =
  | { kind: "suggested"; suggestion: TestSuggestion; exchange: ModelExchange }
  | { kind: "dropped"; reason: SuggestionDropReason; exchange?: ModelExchange };

/** Throws what the model client throws when the server is unavailable; everything else ends as an outcome. */
export async function askForTest(input: AskForTestInput): Promise<AskForTestOutcome> {
  const { gap } = input;
  const system = buildSuggestionSystemPrompt(input.framework);
  const user = fittedUserMessage(input, system);
  if (user === null) return { kind: "dropped", reason: "prompt-too-large" };
  const chunkId = `tests:${gap.path}#${gap.symbol}`;
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const answer = await input.client.complete({ system, user, schemaName: SUGGESTION_SCHEMA_NAME, schema: SUGGESTION_JSON_SCHEMA, chunkId });
    const { mode, raw, promptTokens, completionTokens, sent, model } = answer;
    const base = { chunkId, mode, promptTokens, completionTokens, raw, sent, model, latencyMs: latencyMs(), promptVersion: SUGGESTION_PROMPT_VERSION };
    const code = parseSuggestionAnswer(answer.json);
    const problem = code === null ? "unusable-answer" : validateTestCode({ code, language: testLanguage(input), framework: input.framework, symbol: gap.symbol });
    if (code === null || problem !== null) return { kind: "dropped", reason: problem ?? "unusable-answer", exchange: { ...base, kept: 0, invalid: 1, error: problem ?? "unusable-answer" } };
    const suggestion: TestSuggestion = { path: gap.path, symbol: gap.symbol, testPath: input.testPath, framework: input.framework, code, line: input.line };
    return { kind: "suggested", suggestion, exchange: { ...base, kept: 1, invalid: 0 } };
  } catch (error) {
    if (!(error instanceof ModelOutputError)) throw error;
    const detail = error instanceof UnusableAnswerError ? { mode: error.mode, ...error.usage, sent: error.sent } : { mode: "unknown" as const };
    const exchange: ModelExchange = { chunkId, ...detail, raw: error.raw, error: error.message, latencyMs: latencyMs(), kept: 0, invalid: 0, promptVersion: SUGGESTION_PROMPT_VERSION };
    return { kind: "dropped", reason: "unusable-answer", exchange };
  }
}

/** The user message with as much of the example as fits the budget (none, if need be), or null when even the symbol alone does not fit. */
function fittedUserMessage(input: AskForTestInput, system: string): string | null {
  const request = suggestionRequest(input);
  const exampleLines = request.example?.text.split("\n").slice(0, MAX_EXAMPLE_LINES) ?? [];
  for (let keep = exampleLines.length; ; keep = Math.floor(keep / 2)) {
    const example = request.example && keep > 0 ? { path: request.example.path, text: exampleLines.slice(0, keep).join("\n") } : null;
    const user = buildSuggestionUserMessage({ ...request, example });
    if (fits(input.budget, system, user)) return user;
    if (keep === 0) return null;
  }
}

function fits(budget: AskForTestInput["budget"], system: string, user: string): boolean {
  if (estimateTokens(user) > budget.chunkTokens) return false;
  return budget.maxPromptTokens === undefined || estimatePromptTokens({ system, user }) <= budget.maxPromptTokens;
}

/** Everything from the repository is redacted like the review's code before it goes into the prompt. */
function suggestionRequest(input: AskForTestInput): SuggestionRequest {
  const { gap } = input;
  const code = input.headText.split("\n").slice(gap.line - 1, gap.endLine).join("\n");
  return {
    path: gap.path,
    symbol: gap.symbol,
    language: gap.language,
    framework: input.framework,
    testPath: input.testPath,
    code: redactSecrets(code).text,
    imports: redactSecrets(readImportLines(gap.language, input.headText)).text,
    example: input.example ? { path: input.example.path, text: redactSecrets(input.example.text).text } : null,
  };
}

/** The proposed file's own language (a `.test.tsx` for a `.ts` module is TSX), else the module's. */
function testLanguage(input: AskForTestInput) {
  return languageForPath(input.testPath) ?? input.gap.language;
}
