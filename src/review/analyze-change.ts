// Steps 2–5 of the pipeline as one function over the head files already
// read: content skips, diff parsing, tree-sitter analysis, the rule packs, the
// secret redaction (with its findings) and the chunk plan. The pipeline and
// the benchmarks run this same code. Files are analysed on a pool of threads
// when `limits.analysisThreads` asks for one; otherwise here, handing the
// event loop back between files: a pull request of many large files takes
// seconds of parsing, and a worker that never yields cannot renew its job
// lock (30 s) and looks dead.

import type { RulePack } from "../analysis/rule-pack.js";
import type { FileAnalysis } from "../analysis/types.js";
import type { ReviewLimits } from "../config/server-env.js";
import type { ProposedComment } from "../core/comments.js";
import type { ChangedFile } from "../core/diff.js";
import { headChars, type HeadFile } from "../core/head-file.js";
import { analyzeOnThreads } from "./analysis-threads.js";
import { analyzeOneFile, type FileOutcome, type FileTask } from "./analyze-one-file.js";
import { attachAlreadyReported } from "./attach-already-reported.js";
import { planChunks } from "./plan-chunks.js";
import type { ReviewChunk, SkippedFile } from "./types.js";

export interface ChangeAnalysis {
  analyses: FileAnalysis[];
  /** Files skipped once their head was read (binary, too large, generated, minified). */
  contentSkips: SkippedFile[];
  ruleFindings: ProposedComment[];
  chunks: ReviewChunk[];
}

/**
 * Text beside a pull request's largest file from which threads pay: some 50 ms of parsing to do
 * meanwhile. Below it they cost more than they save: a file runs 25–50% slower on a thread than
 * here (CPU, measured on the corpora, from source and from dist/), and the largest file sets the wall time.
 */
export const SIDE_BY_SIDE_MIN_CHARS = 192_000;

/** `heads[i]` is the head version of `files[i]`. */
export async function analyzeChange(files: ChangedFile[], heads: HeadFile[], limits: ReviewLimits, rulePacks: RulePack[]): Promise<ChangeAnalysis> {
  const tasks = files.map((file, index): FileTask => ({ file, head: heads[index] ?? { kind: "absent" }, limits: { maxFileBytes: limits.maxFileBytes }, rulePacks }));
  const threads = analysisThreadsFor(heads, limits);
  const outcomes = threads > 0 ? await analyzeOnThreads(tasks, threads) : await analyzeInTurn(tasks);

  const analyses: FileAnalysis[] = [];
  const contentSkips: SkippedFile[] = [];
  const ruleFindings: ProposedComment[] = [];
  const secretFindings: ProposedComment[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === "skipped") {
      contentSkips.push(outcome.skip);
      continue;
    }
    analyses.push(outcome.analysis);
    ruleFindings.push(...outcome.ruleFindings);
    secretFindings.push(...outcome.secretFindings);
  }
  await yieldToEventLoop();
  const reported = [...ruleFindings, ...secretFindings];
  return {
    analyses,
    contentSkips,
    ruleFindings: reported,
    chunks: attachAlreadyReported(planChunks(analyses, limits.chunkTokens), reported, limits.chunkTokens),
  };
}

/**
 * The threads to analyse these head files on: the pool's size when the text beside the largest file
 * (what could be analysed while the largest is) reaches the limit, else 0, the calling thread.
 */
export function analysisThreadsFor(heads: HeadFile[], limits: Pick<ReviewLimits, "analysisThreads" | "analysisThreadsFromChars">): number {
  const threads = limits.analysisThreads ?? 0;
  if (threads === 0) return 0;
  const sizes = heads.map(headChars);
  const besideLargest = sizes.reduce((sum, size) => sum + size, 0) - Math.max(0, ...sizes);
  return besideLargest >= (limits.analysisThreadsFromChars ?? SIDE_BY_SIDE_MIN_CHARS) ? threads : 0;
}

async function analyzeInTurn(tasks: FileTask[]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const task of tasks) {
    await yieldToEventLoop();
    outcomes.push(analyzeOneFile(task));
  }
  return outcomes;
}

/** Lets timers (BullMQ's lock renewal) and I/O run between two long synchronous steps. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
