// Typed model errors that say how to handle them: unavailable → retry the job
// later; bad output → drop this chunk's answer and go on.

import type { SentRequest } from "./model-client.js";

/** The model server could not be reached or kept failing (5xx, 429, timeouts) after retries. Retry later. */
export class ModelUnavailableError extends Error {
  override name = "ModelUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The model answered, but not with usable JSON (garbage, truncated). Not worth retrying the job. */
export class ModelOutputError extends Error {
  override name = "ModelOutputError";
  /** What came back, verbatim, for the audit trail. Not enumerable: a logged error leaves it out (it may repeat code). */
  declare readonly raw: string;
  constructor(message: string, raw: string) {
    super(message);
    Object.defineProperty(this, "raw", { value: raw, enumerable: false });
  }
}

/** A ModelOutputError from a finished exchange, with what the audit trail wants to know about it. */
export class UnusableAnswerError extends ModelOutputError {
  override name = "UnusableAnswerError";
  constructor(
    message: string,
    raw: string,
    readonly mode: "json_schema" | "json_object" | "text",
    readonly usage: { promptTokens?: number; completionTokens?: number } = {},
    /** The request as sent, for the audit trail. */
    readonly sent?: SentRequest,
  ) {
    super(message, raw);
  }
}
