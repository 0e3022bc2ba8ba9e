// The model as the review pipeline uses it: one chat request that must answer
// with JSON. createModelClient implements it over HTTP; tests script fakes.

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

/** The request exactly as it went to the server, for the audit trail. */
export interface SentRequest {
  messages: { role: "system" | "user"; content: string }[];
  params: { model: string; temperature: number; maxTokens: number; responseFormat: "json_schema" | "json_object" | "none" };
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
  /** The model id the server said answered (servers may alias names). */
  model?: string;
  sent?: SentRequest;
}

/** An OpenAI-compatible chat model. Throws ModelUnavailableError or ModelOutputError (src/llm/errors.ts). */
export interface ModelClient {
  readonly name: string;
  complete(request: ModelRequest): Promise<ModelAnswer>;
}
