// Turns what the `openai` SDK throws (after its own retries) into our typed
// errors, with messages that tell the operator which setting to look at.

import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";

import type { ModelSettings } from "../config/server-env.js";
import { countOf } from "../core/count-of.js";
import { redactUrl } from "../core/redact-url.js";
import { MAX_RETRY_AFTER_MS, retryAfterMs } from "./bound-retry-after.js";
import { ModelOutputError, ModelUnavailableError } from "./errors.js";

export interface FailureContext {
  settings: ModelSettings;
  chunkId: string;
}

/** Already-typed errors pass through; anything unknown is rethrown as it is. */
export function toModelError(error: unknown, context: FailureContext): Error {
  if (error instanceof ModelUnavailableError || error instanceof ModelOutputError) return error;
  const { settings, chunkId } = context;
  const where = `model server at ${redactUrl(settings.baseURL)}`;
  const attempts = `${countOf(settings.maxRetries + 1, "attempt")}, FOUREYES_MODEL_MAX_RETRIES=${settings.maxRetries}`;

  if (error instanceof APIConnectionTimeoutError) {
    return new ModelUnavailableError(
      `${where} did not answer within ${formatDuration(settings.timeoutMs)} (FOUREYES_MODEL_TIMEOUT_MS; ${attempts}) — ` +
        "is it overloaded or still loading the model?",
      { cause: error },
    );
  }
  if (error instanceof APIConnectionError) {
    const code = causeCode(error);
    const hint =
      code === "ECONNREFUSED"
        ? `connection refused at ${redactUrl(settings.baseURL)} — is the model server running? (FOUREYES_MODEL_URL)`
        : code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? `cannot resolve the host of ${redactUrl(settings.baseURL)} — check FOUREYES_MODEL_URL`
          : `could not reach ${where}${code ? ` (${code})` : ""} — check FOUREYES_MODEL_URL and that the server is up`;
    return new ModelUnavailableError(`${hint} (${attempts})`, { cause: error });
  }
  if (!(error instanceof APIError) || error.status === undefined) return asError(error);

  const detail = shorten(error.message);
  const status = error.status;
  const tooLong = waitTooLong(error, where);
  if (tooLong) return tooLong;
  if (status === 401 || status === 403) {
    const key = settings.apiKey ? "check FOUREYES_MODEL_API_KEY" : "set FOUREYES_MODEL_API_KEY (none is configured)";
    return new ModelUnavailableError(`${where} refused the request (HTTP ${status}: ${detail}) — ${key}`, { cause: error });
  }
  if (status === 404) {
    return new ModelUnavailableError(
      `${where} answered 404 for model "${settings.model}" (${detail}) — check FOUREYES_MODEL names a model the server ` +
        `serves (GET ${redactUrl(settings.baseURL)}/models lists them) and that FOUREYES_MODEL_URL ends in /v1`,
      { cause: error },
    );
  }
  if (status === 429) {
    return new ModelUnavailableError(
      `${where} kept rate-limiting (HTTP 429) after ${attempts} — lower FOUREYES_MODEL_MAX_CONCURRENCY (all workers together) or FOUREYES_MODEL_CONCURRENCY (per review), or give the server more capacity`,
      { cause: error },
    );
  }
  if (status >= 500 || status === 408 || status === 409) {
    return new ModelUnavailableError(`${where} kept failing (HTTP ${status}: ${detail}) after ${attempts}`, { cause: error });
  }
  // Any other 4xx is about this request (most often a prompt over the context window): retrying the job will not help.
  return new ModelOutputError(
    `${where} rejected the request for ${chunkId} (HTTP ${status}: ${detail}) — if it says the prompt is too long, ` +
      "lower FOUREYES_CHUNK_TOKENS or serve the model with a larger context",
    error.message,
  );
}

/** True for a 400/422 that says the server does not do this `response_format` (or says nothing at all). */
export function rejectsOutputMode(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  if (/response_format|json_schema|json_object|schema|structured|guided|grammar/i.test(error.message)) return true;
  return error.error === undefined && /\(no body\)$/.test(error.message);
}

/** A 429/5xx whose retry-after is longer than a request waits (bound-retry-after.ts stopped the SDK from sleeping through it). */
function waitTooLong(error: APIError, where: string): ModelUnavailableError | undefined {
  const waitMs = error.headers ? retryAfterMs(error.headers) : undefined;
  const status = error.status ?? 0;
  if ((status !== 429 && status < 500) || waitMs === undefined || waitMs <= MAX_RETRY_AFTER_MS) return undefined;
  return new ModelUnavailableError(
    `${where} asked to wait ${Math.round(waitMs / 1000)} s before trying again (HTTP ${status}, retry-after) — ` +
      "more than foureyes waits inside a request; the review job retries later",
    { cause: error },
  );
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

function causeCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function shorten(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
