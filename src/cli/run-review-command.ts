// `foureyes review`: the same pipeline the GitHub App runs, in-process, over a
// local git range. Numbered steps; the work is in the source, sink and
// pipeline. Returns the exit code: 0 reviewed (even without a model), 2 for
// anything the user must fix first.

import { pino } from "pino";
import { z } from "zod";

import { InvalidServerEnvError, loadServerEnv, modelSettingsFrom, reviewLimitsFrom } from "../config/server-env.js";
import type { Logger } from "../core/logger.js";
import { redactUrl } from "../core/redact-url.js";
import { createModelClient } from "../llm/create-model-client.js";
import { resolveModelContext } from "../llm/resolve-model-context.js";
import { runReview } from "../review/run.js";
import { CliUsageError } from "./cli-error.js";
import { createLocalGitSource } from "./local-git-source.js";
import { resolveReviewRange } from "./resolve-review-range.js";
import { createTerminalSink, type ReviewFormat } from "./terminal-sink.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** For commands that read a file given as "-". */
  stdin?: NodeJS.ReadableStream;
}

export interface ReviewCommandOptions {
  base?: string;
  head?: string;
  format: ReviewFormat;
  config?: string;
  modelUrl?: string;
  model?: string;
}

export async function runReviewCommand(options: ReviewCommandOptions, io: CliIo): Promise<number> {
  try {
    // 1. Server settings from the environment, the model overridable by flags
    const env = loadEnv(io.env);
    const settings = { ...modelSettingsFrom(env) };
    if (options.modelUrl !== undefined) settings.baseURL = checkUrl(options.modelUrl);
    if (options.model !== undefined) settings.model = checkModelName(options.model);

    // 2. The range, and the snapshot (which fails early on an invalid config)
    const range = await resolveReviewRange(io.cwd, { base: options.base, head: options.head });
    const source = createLocalGitSource({
      cwd: range.root,
      base: range.base,
      head: range.head,
      configPath: options.config,
      // Read a little over the limit so the pipeline can say "too large" instead of reviewing blind.
      maxHeadFileBytes: env.FOUREYES_MAX_FILE_BYTES * 4,
    });
    const snapshot = await source.loadSnapshot();
    if (snapshot.configError) throw new CliUsageError(`invalid config: ${snapshot.configError}`);

    // 3. Review and print
    const logger = createCliLogger(io.env);
    // As the worker does: prompts sized to the window the server serves (Ollama would cut a longer one).
    const modelContext = await resolveModelContext(settings, env.FOUREYES_MODEL_CONTEXT_TOKENS, logger);
    const outcome = await runReview({
      source,
      sink: createTerminalSink(options.format, io.stdout),
      model: createModelClient(modelContext.settings, logger),
      limits: { ...reviewLimitsFrom(env), maxPromptTokens: modelContext.maxPromptTokens },
      modelConcurrency: settings.concurrency,
      onModelUnavailable: "continue",
      logger,
    });

    // 4. Say in one line what the output cannot
    if (outcome.status === "not-reviewed") {
      io.stderr(`foureyes: not reviewed: ${NOT_REVIEWED[outcome.reason]}\n`);
      return 0;
    }
    if (!outcome.result.model.ok) {
      const why = oneLine(outcome.result.model.error ?? "no answer");
      const url = redactUrl(settings.baseURL);
      const where = why.includes(url) ? "" : ` at ${url}`;
      io.stderr(`foureyes: no model answered${where}: ${why} — the review below has no model comments\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`foureyes: ${oneLine(error.message)}\n`);
      return 2;
    }
    io.stderr(`foureyes: unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
}

const NOT_REVIEWED = {
  disabled: "the repository config turns reviews off (enabled: false)",
  draft: "draft pull requests are not reviewed (reviewDrafts: false)",
  "bot-author": "pull requests by bots are not reviewed (reviewBotPullRequests: false)",
  "config-halted": "the repository config file cannot be read; fix it first",
  "nothing-new": "nothing reviewable changed since the last reviewed commit",
} as const;

function loadEnv(env: NodeJS.ProcessEnv) {
  try {
    return loadServerEnv(env);
  } catch (error) {
    if (error instanceof InvalidServerEnvError) throw new CliUsageError(error.message);
    throw error;
  }
}

function checkUrl(url: string): string {
  if (!z.url({ protocol: /^https?$/ }).safeParse(url).success) {
    throw new CliUsageError(`--model-url must be an http(s) URL ending in /v1, got ${JSON.stringify(url)}`);
  }
  return url;
}

function checkModelName(name: string): string {
  if (name.trim() === "") throw new CliUsageError("--model must name a model the server serves");
  return name;
}

/** Logs only when LOG_LEVEL asks for them, and then to stderr: stdout carries the review. */
function createCliLogger(env: NodeJS.ProcessEnv): Logger {
  const level = env.LOG_LEVEL;
  if (!level || level === "silent") return pino({ level: "silent" });
  return pino({ name: "foureyes", level }, pino.destination(2));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
