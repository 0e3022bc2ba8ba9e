// The pipeline's two edges plus the model, as interfaces: GitHub and the local
// git CLI implement the source and sink; tests and the CLI use other fakes.

import type { HeadFile, ReviewResult, ReviewSnapshot } from "./types.js";

/** Where a change comes from: a GitHub pull request or a local git range. */
export interface ReviewSource {
  loadSnapshot(): Promise<ReviewSnapshot>;
  /** The head version of a file, or why it has none worth reading (see decodeHeadFile). */
  readHeadFile(path: string): Promise<HeadFile>;
}

/** Where the finished review goes: an advisory GitHub review, the terminal, a file. */
export interface ReviewSink {
  publish(result: ReviewResult): Promise<void>;
}

/** One chat request that must answer with JSON matching `schema`. */
export interface ModelRequest {
  system: string;
  user: string;
  /** JSON Schema for structured output, with a short name. */
  schemaName: string;
  schema: Record<string, unknown>;
  /** Tag for logs and the audit record. */
  chunkId: string;
}

export interface ModelAnswer {
  /** The parsed JSON value (not yet validated against the zod schema). */
  json: unknown;
  /** Which output mode the server honoured. */
  mode: "json_schema" | "json_object" | "text";
  /** The raw text the model returned, for the audit trail. */
  raw: string;
  promptTokens?: number;
  completionTokens?: number;
}

/** An OpenAI-compatible chat model. Throws ModelUnavailableError or ModelOutputError (src/llm/errors.ts). */
export interface ModelClient {
  readonly name: string;
  complete(request: ModelRequest): Promise<ModelAnswer>;
}
