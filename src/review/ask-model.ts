// Step 6 of the pipeline: one model request per chunk, in parallel under a
// bounded concurrency. A chunk with an unusable answer is dropped and counted;
// an unavailable model fails the whole call (the job retries later, so no
// half review is ever posted).

import pLimit from "p-limit";

import type { ProposedComment } from "../core/comments.js";
import type { FileDiff } from "../core/diff.js";
import type { Logger } from "../core/logger.js";
import { ModelOutputError, ModelUnavailableError, UnusableAnswerError } from "../llm/errors.js";
import type { ModelAnswer, ModelClient, SentRequest } from "../llm/model-client.js";
import { fingerprintText } from "../secrets/fingerprint-text.js";
import { estimatePromptTokens } from "./estimate-prompt-tokens.js";
import { type DefaultedFields, MODEL_OUTPUT_JSON_SCHEMA, MODEL_OUTPUT_SCHEMA_NAME, parseModelComments } from "./model-output.js";
import { buildUserMessage } from "./prompt.js";
import type { ReviewChunk } from "./types.js";

/** One request and its answer, for the audit trail. */
export interface ModelExchange {
  chunkId: string;
  /** The output mode used; "unknown" when a failing client did not say. */
  mode: ModelAnswer["mode"] | "unknown";
  promptTokens?: number;
  completionTokens?: number;
  /** What the model returned, verbatim (empty when nothing came back). */
  raw: string;
  /** Why the answer was not used. */
  error?: string;
  /** The request exactly as sent (messages and parameters), when the client says. */
  sent?: SentRequest;
  /** The model id the server reported. */
  model?: string;
  latencyMs: number;
  /** Comments kept from this answer, and items dropped as invalid. */
  kept: number;
  invalid: number;
  /** Kept comments whose side, severity or category the model left out and foureyes filled in. */
  defaulted?: DefaultedFields;
  /** The prompt's version when it is not the review prompt's (test suggestions). */
  promptVersion?: string;
}

export interface AskModelInput {
  client: ModelClient;
  chunks: ReviewChunk[];
  systemPrompt: string;
  title: string;
  description: string;
  concurrency: number;
  logger?: Logger;
  /** Most prompt tokens (estimated) the served context leaves beside the answer; a bigger prompt is not sent. */
  maxPromptTokens?: number;
  /** The diff of each file, to tell which side a comment without one means. */
  diffs?: ReadonlyMap<string, FileDiff>;
}

export interface AskModelResult {
  comments: ProposedComment[];
  /** Comment items that failed validation or named a file outside their chunk. */
  invalid: number;
  /** Kept comments with a field filled in, and how often each field was. */
  defaulted: DefaultedFields;
  /** Chunks whose answer was unusable (garbage, truncated, rejected request). */
  failedChunks: { chunkId: string; error: string }[];
  /** In chunk order. */
  exchanges: ModelExchange[];
}

type ChunkOutcome =
  | { kind: "answered"; comments: ProposedComment[]; invalid: number; defaulted: DefaultedFields; exchange: ModelExchange }
  | { kind: "failed"; error: string; exchange: ModelExchange }
  | { kind: "skipped" };

export async function askModel(input: AskModelInput): Promise<AskModelResult> {
  const limit = pLimit(Math.max(1, input.concurrency));
  const log = input.logger;
  // Set by the first chunk that finds the model unavailable; chunks still queued then skip their request.
  let unavailable: unknown;

  async function askChunk(chunk: ReviewChunk): Promise<ChunkOutcome> {
    if (unavailable) return { kind: "skipped" };
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    try {
      const answer = await input.client.complete({
        system: input.systemPrompt,
        user: userMessageWithin(input, chunk),
        schemaName: MODEL_OUTPUT_SCHEMA_NAME,
        schema: MODEL_OUTPUT_JSON_SCHEMA,
        chunkId: chunk.id,
      });
      const { comments, invalid, defaulted } = parseModelComments(answer.json, chunk.paths, input.diffs);
      if (invalid > 0) log?.info({ chunk: chunk.id, invalid, kept: comments.length }, "invalid model comments dropped");
      if (defaulted.comments > 0) log?.info({ chunk: chunk.id, defaulted }, "model comments without side, severity or category were given defaults");
      const { mode, raw, promptTokens, completionTokens, sent, model } = answer;
      const exchange = { chunkId: chunk.id, mode, promptTokens, completionTokens, raw, sent, model, latencyMs: latencyMs(), kept: comments.length, invalid, defaulted };
      return { kind: "answered", comments, invalid, defaulted, exchange };
    } catch (error) {
      if (!(error instanceof ModelOutputError)) {
        unavailable ??= error;
        return { kind: "skipped" };
      }
      log?.warn({ chunk: chunk.id, error: error.message }, "model answer unusable; this chunk's comments are dropped");
      // The answer may repeat code or secrets: the log gets its fingerprint, the audit trail its text.
      const { sha256, length } = fingerprintText(error.raw);
      log?.debug({ chunk: chunk.id, answerSha256: sha256, answerLength: length }, "unusable model answer");
      const detail = error instanceof UnusableAnswerError ? { mode: error.mode, ...error.usage, sent: error.sent } : { mode: "unknown" as const };
      const exchange = { chunkId: chunk.id, ...detail, raw: error.raw, error: error.message, latencyMs: latencyMs(), kept: 0, invalid: 0 };
      return { kind: "failed", error: error.message, exchange };
    }
  }

  // Wait for every started request to settle before deciding, so nothing is left running behind a rejection.
  const outcomes = await Promise.all(input.chunks.map((chunk) => limit(() => askChunk(chunk))));
  if (unavailable) {
    if (unavailable instanceof ModelUnavailableError) throw unavailable;
    throw unavailable instanceof Error ? unavailable : new Error(String(unavailable));
  }

  return gatherOutcomes(input.chunks, outcomes);
}

/** The chunk's user message, or a ModelOutputError when the prompt would not fit the served context (a cut prompt is never sent). */
function userMessageWithin(input: AskModelInput, chunk: ReviewChunk): string {
  const user = buildUserMessage({ title: input.title, description: input.description, chunkContext: chunk.context, alreadyReported: chunk.alreadyReported });
  const tokens = estimatePromptTokens({ system: input.systemPrompt, user });
  if (input.maxPromptTokens === undefined || tokens <= input.maxPromptTokens) return user;
  throw new ModelOutputError(
    `the prompt for ${chunk.id} needs about ${tokens} tokens, more than the ${input.maxPromptTokens} the model server's context window ` +
      "leaves beside the answer, so it was not sent — serve a larger context, or set FOUREYES_MODEL_CONTEXT_TOKENS if the server serves more",
    "",
  );
}

/** The answered chunks' comments and counts, and every exchange, in chunk order. */
function gatherOutcomes(chunks: ReviewChunk[], outcomes: ChunkOutcome[]): AskModelResult {
  const result: AskModelResult = { comments: [], invalid: 0, defaulted: { comments: 0, side: 0, severity: 0, category: 0 }, failedChunks: [], exchanges: [] };
  outcomes.forEach((outcome, index) => {
    const chunkId = chunks[index]?.id ?? String(index);
    if (outcome.kind === "answered") {
      result.comments.push(...outcome.comments);
      result.invalid += outcome.invalid;
      for (const field of ["comments", "side", "severity", "category"] as const) result.defaulted[field] += outcome.defaulted[field];
      result.exchanges.push(outcome.exchange);
    } else if (outcome.kind === "failed") {
      result.failedChunks.push({ chunkId, error: outcome.error });
      result.exchanges.push(outcome.exchange);
    }
  });
  return result;
}
