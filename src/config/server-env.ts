// Server settings from the environment only: the model endpoint, its key and
// the limits are the operator's, never the repository's.

import { z } from "zod";

import { formatZodIssues } from "../core/format-zod-issues.js";
import { checkRedisTopology } from "./check-redis-topology.js";
import { contentBudgetSchema } from "./content-budget.js";
import { redisEnvShape } from "./redis-env-shape.js";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const serverEnvSchema = z.object({
  // Where Redis is: one server, Sentinel or Cluster (src/config/redis-env-shape.ts).
  ...redisEnvShape,
  FOUREYES_MODEL_URL: z
    .string()
    .url()
    .default("http://127.0.0.1:11434/v1")
    .describe("Base URL of the OpenAI-compatible server, ending in /v1."),
  FOUREYES_MODEL: z.string().min(1).default("qwen2.5-coder:14b"),
  FOUREYES_MODEL_API_KEY: z.string().optional(),
  FOUREYES_MODEL_CONCURRENCY: positiveInt(4),
  /** Most requests in flight at the model server from all workers together (a limit kept in Redis). */
  FOUREYES_MODEL_MAX_CONCURRENCY: positiveInt(4),
  /** The context window the server serves, in tokens; read from the server when unset. */
  FOUREYES_MODEL_CONTEXT_TOKENS: z.coerce.number().int().positive().optional(),
  FOUREYES_MODEL_TIMEOUT_MS: positiveInt(120_000),
  FOUREYES_MODEL_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  FOUREYES_MODEL_MAX_OUTPUT_TOKENS: positiveInt(2048),
  FOUREYES_CHUNK_TOKENS: positiveInt(6000),
  FOUREYES_WORKER_CONCURRENCY: positiveInt(2),
  /** Lets several foureyes installations (or a test run) share one Redis. */
  FOUREYES_QUEUE_PREFIX: z.string().min(1).optional(),
  /** How long a dead worker's job stays locked before another takes it over (default 30000, in queues/create-job-worker.ts). */
  FOUREYES_LOCK_DURATION_MS: z.coerce.number().int().positive().optional(),
  /** How often a worker looks for jobs of dead workers (default 15000). */
  FOUREYES_STALLED_INTERVAL_MS: z.coerce.number().int().positive().optional(),
  /** On SIGTERM, how long running jobs may finish before they are handed back to the queue for another worker. */
  FOUREYES_SHUTDOWN_GRACE_MS: positiveInt(25_000),
  /** How often missed webhooks are redelivered and open pull requests without a review are queued. */
  FOUREYES_SWEEP_INTERVAL_MS: positiveInt(600_000),
  /** Slash commands answered per pull request, and per installation, in 10 minutes (the rest: one reply saying when to try again). */
  FOUREYES_COMMANDS_PER_PULL: positiveInt(5),
  FOUREYES_COMMANDS_PER_INSTALLATION: positiveInt(60),
  FOUREYES_JOB_ATTEMPTS: positiveInt(8),
  FOUREYES_JOB_BACKOFF_MS: positiveInt(30_000),
  /** A push's review waits this long for another push to the same pull request; the last one is reviewed (0: no wait). */
  FOUREYES_DEBOUNCE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Content-creating requests (reviews, comments, issues, reactions) per installation and window, shared by all workers. */
  FOUREYES_GITHUB_CONTENT_BUDGET: contentBudgetSchema,
  FOUREYES_MAX_FILES: positiveInt(300),
  /** Threads that analyse a pull request's files side by side (0: on the worker's own thread). */
  FOUREYES_ANALYSIS_THREADS: z.coerce.number().int().min(0).max(64).default(2),
  FOUREYES_MAX_FILE_BYTES: positiveInt(400_000),
  /** "hashes" (default): the audit trail proves texts by their SHA-256; "full": it also keeps the prompts and answers, after secret redaction. */
  FOUREYES_AUDIT_CONTENT: z.enum(["hashes", "full"]).default("hashes"),
  /** Days the audit trail keeps records (an auditor's period plus slack). */
  FOUREYES_AUDIT_RETENTION_DAYS: positiveInt(400),
  /** Ed25519 private key (PEM) that signs the audit trail's checkpoints; unsigned without it. */
  FOUREYES_AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  /** The worker's own HTTP port: /healthz, /readyz, /metrics and, when enabled, the queue view under /queues. */
  FOUREYES_WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(9465),
  /** The web process's internal port: /metrics (not on the public webhook port), /healthz and /readyz. */
  FOUREYES_WEB_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9466),
  /** Both set: the worker serves Bull Board under /queues behind basic auth with these; otherwise it is off. */
  FOUREYES_QUEUE_VIEW_USER: z.string().min(1).optional(),
  FOUREYES_QUEUE_VIEW_PASSWORD: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
}).superRefine(checkRedisTopology);

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** What the model client needs, derived from the environment or CLI flags. */
export interface ModelSettings {
  baseURL: string;
  model: string;
  apiKey?: string;
  concurrency: number;
  timeoutMs: number;
  maxRetries: number;
  maxOutputTokens: number;
}

/** Limits the pipeline applies to every review. */
export interface ReviewLimits {
  chunkTokens: number;
  /** Most prompt tokens one model request may carry, from the served context window (see src/llm/resolve-model-context.ts). */
  maxPromptTokens?: number;
  maxFiles: number;
  maxFileBytes: number;
  /** Threads that analyse a pull request's files side by side; 0 or absent: on the calling thread. */
  analysisThreads?: number;
  /**
   * The threads take a pull request only when its files other than the largest hold at least this many
   * characters (default SIDE_BY_SIDE_MIN_CHARS in src/review/analyze-change.ts); 0: every pull request.
   */
  analysisThreadsFromChars?: number;
}

export class InvalidServerEnvError extends Error {
  override name = "InvalidServerEnvError";
}

/** Parse the environment; on failure the message names each bad variable and what it needs. */
export function loadServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = serverEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new InvalidServerEnvError(`Invalid server environment. Fix these variables: ${formatZodIssues(parsed.error)}`);
}

export function modelSettingsFrom(env: ServerEnv): ModelSettings {
  return {
    baseURL: env.FOUREYES_MODEL_URL,
    model: env.FOUREYES_MODEL,
    apiKey: env.FOUREYES_MODEL_API_KEY,
    concurrency: env.FOUREYES_MODEL_CONCURRENCY,
    timeoutMs: env.FOUREYES_MODEL_TIMEOUT_MS,
    maxRetries: env.FOUREYES_MODEL_MAX_RETRIES,
    maxOutputTokens: env.FOUREYES_MODEL_MAX_OUTPUT_TOKENS,
  };
}

export function reviewLimitsFrom(env: ServerEnv): ReviewLimits {
  return {
    chunkTokens: env.FOUREYES_CHUNK_TOKENS,
    maxFiles: env.FOUREYES_MAX_FILES,
    maxFileBytes: env.FOUREYES_MAX_FILE_BYTES,
    analysisThreads: env.FOUREYES_ANALYSIS_THREADS,
  };
}
