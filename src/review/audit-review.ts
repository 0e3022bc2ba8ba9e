// What a review job puts in the audit trail: review.started (what asked for
// it), one model.call per request (what the model was sent and answered, as
// SHA-256, or in full after secret redaction when the operator chose it), and
// review.finished (what came of it). Without an audit log every call is a no-op.

import { sha256Hex } from "../audit/audit-record.js";
import { canonicalJson } from "../audit/canonical-json.js";
import type { AuditLog } from "../audit/create-audit-log.js";
import { redactUrl } from "../core/redact-url.js";
import { redactSecrets } from "../secrets/redact-secrets.js";
import type { ModelExchange } from "./ask-model.js";
import type { ReviewOutcome } from "./types.js";

export interface ReviewAuditContext {
  installation: number;
  repo: string;
  pull: number;
  head: string;
  job: string;
  attempt: number;
  /** The webhook (delivery and event) or the comment (id and who asked) behind this review. */
  trigger: Record<string, unknown>;
}

export interface ReviewAuditSettings {
  content: "hashes" | "full";
  modelUrl: string;
  modelName: string;
  promptVersion: string;
}

export interface ReviewAudit {
  /** The id of the review.started record ("<installation>/<seq>"), for the review footer. */
  started(): Promise<string | undefined>;
  modelCalls(exchanges: readonly ModelExchange[]): Promise<void>;
  finished(outcome: Record<string, unknown>): Promise<void>;
}

const OUTCOMES = { json_schema: "parsed", json_object: "parsed after falling back to JSON mode", text: "parsed leniently from text", unknown: "unusable" } as const;

export function createReviewAudit(audit: AuditLog | undefined, context: ReviewAuditContext, settings: ReviewAuditSettings): ReviewAudit {
  const where = { repo: context.repo, pull: context.pull, head: context.head, job: context.job };
  return {
    async started() {
      if (!audit) return undefined;
      const record = await audit.record(context.installation, "review.started", { ...where, attempt: context.attempt, trigger: context.trigger });
      return `${record.installation}/${record.seq}`;
    },
    async modelCalls(exchanges) {
      if (!audit) return;
      await audit.recordAll(
        context.installation,
        exchanges.map((exchange) => ({ type: "model.call" as const, data: { ...where, ...modelCallData(exchange, settings) } })),
      );
    },
    async finished(outcome) {
      if (!audit) return;
      // An invalid repo config is its own event: what was wrong, and what the review did about it.
      const configError = typeof outcome.configError === "string" ? outcome.configError : undefined;
      const invalid = configError ? [{ type: "config.invalid" as const, data: { repo: context.repo, pull: context.pull, error: configError, outcome: outcome.outcome ?? null } }] : [];
      await audit.recordAll(context.installation, [...invalid, { type: "review.finished", data: { ...where, ...outcome } }]);
    },
  };
}

function modelCallData(exchange: ModelExchange, settings: ReviewAuditSettings): Record<string, unknown> {
  const messages = exchange.sent?.messages ?? [];
  return {
    chunk: exchange.chunkId,
    server: redactUrl(settings.modelUrl),
    modelAsked: exchange.sent?.params.model ?? settings.modelName,
    modelReported: exchange.model ?? null,
    params: exchange.sent ? exchange.sent.params : null,
    promptVersion: exchange.promptVersion ?? settings.promptVersion,
    messagesSha256: sha256Hex(canonicalJson(messages)),
    answerSha256: sha256Hex(exchange.raw),
    promptTokens: exchange.promptTokens ?? null,
    completionTokens: exchange.completionTokens ?? null,
    latencyMs: exchange.latencyMs,
    outcome: exchange.error === undefined ? OUTCOMES[exchange.mode] : OUTCOMES.unknown,
    ...(exchange.error === undefined ? {} : { error: exchange.error }),
    kept: exchange.kept,
    invalid: exchange.invalid,
    ...(exchange.defaulted ? { defaulted: exchange.defaulted } : {}),
    ...(settings.content === "full" ? { content: fullContent(messages, exchange.raw) } : {}),
  };
}

/** The texts themselves, with every secret shape replaced (the prompt was redacted before sending; the answer may repeat one). */
function fullContent(messages: readonly { role: string; content: string }[], answer: string): Record<string, unknown> {
  return {
    messages: messages.map((message) => ({ role: message.role, content: redactSecrets(message.content).text })),
    answer: redactAnswer(answer),
  };
}

/** An answer is usually JSON, whose escaped quotes hide `name = "value"` from the detectors: redact its decoded strings. */
function redactAnswer(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return redactSecrets(raw).text;
  }
  return redactSecrets(JSON.stringify(redactStrings(parsed))).text;
}

function redactStrings(value: unknown): unknown {
  if (typeof value === "string") return redactSecrets(value).text;
  if (Array.isArray(value)) return value.map(redactStrings);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, redactStrings(member)]));
  return value;
}

/** review.finished for a pipeline outcome: what was posted (ids), on which base, with which config, which files. */
export function finishedRecord(outcome: ReviewOutcome): Record<string, unknown> {
  if (outcome.status === "not-reviewed") return { outcome: outcome.reason, ...(outcome.configError ? { configError: outcome.configError } : {}) };
  const { result, posted } = outcome;
  return {
    outcome: "posted",
    base: result.baseSha ?? null,
    configSha256: result.config ? sha256Hex(canonicalJson(result.config)) : null,
    ...(result.configError ? { configError: result.configError } : {}),
    reviewed: result.reviewed ?? [],
    skipped: result.skipped.map((file) => ({ path: file.path, reason: file.reason })),
    model: { name: result.model.name, ok: result.model.ok },
    comments: result.comments.length,
    stats: {
      proposed: result.stats.commentsProposed,
      invalid: result.stats.commentsInvalid,
      defaulted: result.stats.commentsDefaulted ?? 0,
      dropped: result.stats.commentsDropped,
      moved: result.stats.commentsMoved,
      merged: result.stats.commentsMerged,
      overCap: result.stats.commentsOverCap,
    },
    reviewId: posted?.reviewId ?? null,
    commentIds: posted?.commentIds ?? [],
  };
}
