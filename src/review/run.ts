// The review pipeline, as numbered steps over two ports (source and sink) and
// the model. Everything between loading and publishing is a pure function.

import pLimit from "p-limit";

import { loadRulePacks, type RulePack } from "../analysis/rule-pack.js";
import type { FileAnalysis } from "../analysis/types.js";
import type { ReviewLimits } from "../config/server-env.js";
import type { ProposedComment } from "../core/comments.js";
import type { ChangedFile, FileDiff } from "../core/diff.js";
import type { HeadFile } from "../core/head-file.js";
import type { Logger } from "../core/logger.js";
import { atLeastSeverity } from "../core/severity.js";
import type { DismissedPattern } from "../learning/dismissed-patterns.js";
import { ModelUnavailableError } from "../llm/errors.js";
import type { ModelClient } from "../llm/model-client.js";
import { redactSecrets } from "../secrets/redact-secrets.js";
import { analyzeChange } from "./analyze-change.js";
import { anchorComments } from "./anchor-comments.js";
import { askModel } from "./ask-model.js";
import { classifyFiles } from "./classify-files.js";
import { countFindings } from "./count-findings.js";
import { dedupeComments } from "./dedupe-comments.js";
import { findChangeTestGaps } from "./find-change-test-gaps.js";
import { fingerprintFindings } from "./fingerprint-finding.js";
import { fitChunkBudget } from "./fit-chunk-budget.js";
import { CONTEXT_FORMAT_NOTE } from "./plan-chunks.js";
import type { ReviewSink, ReviewSource } from "./ports.js";
import { buildSystemPrompt, PROMPT_VERSION } from "./prompt.js";
import { rankComments } from "./rank-comments.js";
import { sanitizeCommentBody } from "./sanitize-comment-body.js";
import { settleRulePacks } from "./settle-rule-packs.js";
import { summarizeReview } from "./summarize-review.js";
import { suppressDismissed } from "./suppress-dismissed.js";
import { suggestReviewTests } from "./test-suggestions/suggest-review-tests.js";
import { suggestionStats } from "./test-suggestions/suggestion-stats.js";
import type { ModelInfo, NotReviewedReason, ReviewChunk, ReviewOutcome, ReviewResult, ReviewSnapshot, ReviewStats } from "./types.js";

export interface RunReviewInput {
  source: ReviewSource;
  sink: ReviewSink;
  model: ModelClient;
  limits: ReviewLimits;
  modelConcurrency: number;
  /** "throw" (worker: retry the job later) or "continue" (CLI: publish what there is, say why). */
  onModelUnavailable?: "throw" | "continue";
  logger?: Logger;
  /** Deterministic rule packs; the shipped rules/ by default. */
  rulePacks?: RulePack[];
  /** Stores the model exchanges (the audit trail) before anything is published; a failure fails the review. */
  recordModelCalls?: (exchanges: ModelAnswers["exchanges"]) => Promise<void>;
  /** The audit record that starts this review, named in the review's footer. */
  auditId?: string;
  /** Patterns the team dismissed in this repository (src/learning): findings like them are left out and counted. */
  dismissed?: DismissedPattern[];
  /** `/foureyes tests`: the model's review step is skipped; test suggestions are asked for even where pointed to before. */
  testsOnly?: boolean;
}

/** Parallel reads of head files; GitHub and git both cope well with a handful. */
const FILE_READ_CONCURRENCY = 8;

export async function runReview(input: RunReviewInput): Promise<ReviewOutcome> {
  const started = Date.now();
  const log = input.logger;

  // 1. Snapshot
  const snapshot = await input.source.loadSnapshot();
  const notReviewed = reasonNotToReview(snapshot);
  if (notReviewed) return notReviewedOutcome(snapshot, notReviewed, log);

  // 2–5. Diff, tree-sitter analysis (test gaps too), rules on added lines, chunks under the model's budget
  const { reviewable, skipped } = classifyFiles(snapshot.files, snapshot.config, input.limits);
  const limit = pLimit(FILE_READ_CONCURRENCY);
  const heads = await Promise.all(reviewable.map((file) => limit(() => input.source.readHeadFile(file.path))));
  const rules = settleRulePacks(input.rulePacks ?? shippedRulePacks(), snapshot);
  const change = await analyzeChange(reviewable, heads, fittedLimits(input.limits, snapshot), rules.packs);
  skipped.push(...change.contentSkips);
  if (snapshot.scope?.kind === "since" && change.analyses.length === 0) return nothingNew(snapshot.label, snapshot.scope.sinceSha, log);
  const testGaps = await findChangeTestGaps(input.source, change.analyses, headTextsOf(reviewable, heads), log);
  // 6. Ask the model
  const { answer, model } = await askModelSafely(input, snapshot, change.chunks, change.analyses);
  // 6b. Test suggestions for untested symbols, in requests of their own (none when the model is down)
  const tests = model.ok ? await suggestReviewTests({ ...input, snapshot, analyses: change.analyses, headTexts: headTextsOf(reviewable, heads), gaps: testGaps.testGaps }) : { pointers: [], exchanges: [] };
  await input.recordModelCalls?.([...answer.exchanges, ...tests.exchanges]);

  // 7. Anchor, sanitise, de-duplicate, rank, cap
  const findings = selectFindings([...change.ruleFindings, ...answer.comments, ...tests.pointers], snapshot, { analyses: change.analyses, headTexts: headTextsOf(reviewable, heads), dismissed: input.dismissed ?? [] }, log);
  const result: ReviewResult = {
    label: snapshot.label,
    headSha: snapshot.headSha,
    summary: summarize({ snapshot, change, skipped, answer, findings }),
    comments: findings.posted,
    overflow: findings.overflow,
    skipped,
    model,
    promptVersion: PROMPT_VERSION,
    configError: rules.configError,
    ...(rules.ruleProblems.length > 0 ? { ruleProblems: rules.ruleProblems } : {}),
    stats: { ...reviewStats({ snapshot, change, skipped, answer, findings, started }), ...suggestionStats(tests.outcome) },
    reviewed: change.analyses.map((analysis) => analysis.path),
    ...testGaps,
    ...(tests.outcome ? { testSuggestions: tests.outcome } : {}),
    baseSha: snapshot.baseSha,
    config: snapshot.config,
    ...(input.auditId ? { auditId: input.auditId } : {}),
    ...(snapshot.scope ? { scope: snapshot.scope } : {}),
    ...(snapshot.pullUrl ? { pullUrl: snapshot.pullUrl } : {}),
  };

  // 8. Publish
  const posted = (await input.sink.publish(result)) ?? undefined;
  countFindings({ ...findings, invalid: answer.invalid });
  log?.info({ review: snapshot.label, head: snapshot.headSha, stats: result.stats }, "review published");
  return { status: "published", result, ...(posted ? { posted } : {}) };
}

type ModelAnswers = Awaited<ReturnType<typeof askModel>>;
type Findings = ReturnType<typeof selectFindings>;

/** The model's comments; when the server is down, the CLI goes on without them and says why, the worker throws (retry later). */
async function askModelSafely(
  input: RunReviewInput,
  snapshot: ReviewSnapshot,
  chunks: ReviewChunk[],
  analyses: FileAnalysis[],
): Promise<{ answer: ModelAnswers; model: ModelInfo }> {
  const name = input.model.name;
  const none: ModelAnswers = { comments: [], invalid: 0, defaulted: { comments: 0, side: 0, severity: 0, category: 0 }, failedChunks: [], exchanges: [] };
  if (chunks.length === 0 || input.testsOnly) return { answer: none, model: { name, ok: true } };
  let answer: ModelAnswers;
  try {
    answer = await askModel({
      client: input.model,
      chunks,
      ...modelPrompt(snapshot),
      concurrency: input.modelConcurrency,
      maxPromptTokens: input.limits.maxPromptTokens,
      logger: input.logger,
      diffs: new Map(analyses.map((analysis) => [analysis.path, analysis.diff])),
    });
  } catch (error) {
    if (!(error instanceof ModelUnavailableError) || input.onModelUnavailable !== "continue") throw error;
    return { answer: none, model: { name, ok: false, error: error.message } };
  }
  if (answer.failedChunks.length === chunks.length) {
    return { answer, model: { name, ok: false, error: `the model's answers were unusable for ${chunks.length === 1 ? "the change" : `all ${chunks.length} parts of the change`}` } };
  }
  return { answer, model: { name, ok: true } };
}

/** The limits with the chunk budget that lets the whole prompt fit the model server's context window. */
function fittedLimits(limits: ReviewLimits, snapshot: ReviewSnapshot): ReviewLimits {
  return { ...limits, chunkTokens: fitChunkBudget(limits, modelPrompt(snapshot)) };
}

/** What every model request of this review says besides the code. */
function modelPrompt(snapshot: ReviewSnapshot): { systemPrompt: string; title: string; description: string } {
  return {
    systemPrompt: buildSystemPrompt({ instructions: snapshot.config.instructions, contextFormatNote: CONTEXT_FORMAT_NOTE }),
    // The author's words go to the model too: secrets in them are replaced like those in the code.
    title: redactSecrets(snapshot.title).text,
    description: redactSecrets(snapshot.description).text,
  };
}

/** Step 7: only findings that sit on the diff, safe to show, not said before (by fingerprint or words), most important first, capped. */
function selectFindings(
  candidates: ProposedComment[],
  snapshot: ReviewSnapshot,
  { analyses, headTexts, dismissed }: { analyses: FileAnalysis[]; headTexts: ReadonlyMap<string, string | null>; dismissed: DismissedPattern[] },
  log?: Logger,
) {
  const proposed = candidates.filter((comment) => atLeastSeverity(comment.severity, snapshot.config.minSeverity));
  const diffs = new Map<string, FileDiff>(analyses.map((analysis) => [analysis.path, analysis.diff]));
  const { anchored, dropped } = anchorComments(proposed, diffs);
  for (const { comment, why } of dropped) log?.info({ review: snapshot.label, path: comment.path, line: comment.line, why }, "comment dropped");
  // Whatever the model says in a secret's shape is not posted.
  const safe = anchored.map((comment) => ({ ...comment, body: sanitizeCommentBody(redactSecrets(comment.body).text) }));
  const { kept, merged, alreadyPosted } = dedupeComments(fingerprintFindings(safe, analyses, headTexts), snapshot.priorComments);
  const { kept: fresh, suppressed: likeDismissed } = suppressDismissed(kept, dismissed);
  const { posted, overflow } = rankComments(fresh, snapshot.config.maxComments);
  return { candidates, proposed, anchored, dropped, merged, alreadyPosted, likeDismissed, posted, overflow };
}

/** The body's opening line of counts. */
function summarize({ snapshot, change, skipped, answer, findings }: { snapshot: ReviewSnapshot; change: { analyses: FileAnalysis[]; chunks: ReviewChunk[] }; skipped: unknown[]; answer: ModelAnswers; findings: Findings }): string {
  return summarizeReview({
    posted: findings.posted,
    overflow: findings.overflow.length,
    filesChanged: snapshot.files.length,
    filesReviewed: change.analyses.length,
    filesSkipped: skipped.length,
    failedChunks: answer.failedChunks.length,
    likeDismissed: findings.likeDismissed,
    chunks: change.chunks.length,
  });
}

function reviewStats(run: {
  snapshot: ReviewSnapshot;
  change: { analyses: FileAnalysis[]; chunks: ReviewChunk[] };
  skipped: unknown[];
  answer: ModelAnswers;
  findings: Findings;
  started: number;
}): ReviewStats {
  const { snapshot, change, answer, findings } = run;
  return {
    filesChanged: snapshot.files.length,
    filesReviewed: change.analyses.length,
    filesSkipped: run.skipped.length,
    chunks: change.chunks.length,
    promptTokens: change.chunks.reduce((sum, chunk) => sum + chunk.estimatedTokens, 0),
    commentsProposed: findings.candidates.length,
    commentsInvalid: answer.invalid,
    commentsDefaulted: answer.defaulted.comments,
    commentsDropped: findings.dropped.length + (findings.candidates.length - findings.proposed.length),
    commentsMoved: findings.anchored.filter((comment) => comment.movedBy > 0).length,
    commentsMerged: findings.merged + findings.alreadyPosted,
    commentsOverCap: findings.overflow.length,
    commentsPosted: findings.posted.length,
    durationMs: Date.now() - run.started,
  };
}

function notReviewedOutcome(snapshot: ReviewSnapshot, reason: NotReviewedReason, log?: Logger): ReviewOutcome {
  log?.info({ review: snapshot.label, reason, configError: snapshot.configError }, "not reviewed");
  if (reason === "config-halted") return { status: "not-reviewed", reason, configError: snapshot.configError ?? "" };
  return { status: "not-reviewed", reason };
}

/** The new commits touch none of the pull request's reviewable changes (a merge from the base branch, skipped files). */
function nothingNew(label: string, sinceSha: string, log?: Logger): ReviewOutcome {
  log?.info({ review: label, since: sinceSha }, "not reviewed: nothing new");
  return { status: "not-reviewed", reason: "nothing-new", sinceSha };
}

/** Each reviewable file's head text (null when it could not be read as text), for the findings' fingerprints. */
function headTextsOf(files: ChangedFile[], heads: HeadFile[]): Map<string, string | null> {
  return new Map(files.map((file, index) => [file.path, heads[index]?.kind === "text" ? heads[index].text : null]));
}

function reasonNotToReview(snapshot: ReviewSnapshot): NotReviewedReason | null {
  if (snapshot.configHalted) return "config-halted";
  if (!snapshot.config.enabled) return "disabled";
  if (snapshot.draft && !snapshot.config.reviewDrafts) return "draft";
  if (snapshot.authorIsBot && !snapshot.config.reviewBotPullRequests) return "bot-author";
  return null;
}

let shipped: RulePack[] | undefined;
function shippedRulePacks(): RulePack[] {
  return (shipped ??= loadRulePacks());
}
