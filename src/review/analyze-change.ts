// Steps 2–5 of the pipeline as one pure function over the head files already
// read: content skips, diff parsing, tree-sitter analysis, the rule packs, the
// secret redaction (with its findings) and the chunk plan. The pipeline and
// the benchmarks run this same code. It hands the event loop back between
// files: a pull request of many large files takes seconds of parsing, and a
// worker that never yields cannot renew its job lock (30 s) and looks dead.

import { analyzeFileTrees } from "../analysis/analyze-file.js";
import type { RulePack } from "../analysis/rule-pack.js";
import { type RuleTarget, runRulePacks } from "../analysis/run-rule-packs.js";
import type { FileAnalysis } from "../analysis/types.js";
import type { ReviewLimits } from "../config/server-env.js";
import type { ProposedComment } from "../core/comments.js";
import type { ChangedFile, FileDiff } from "../core/diff.js";
import type { HeadFile } from "../core/head-file.js";
import { parseFileDiff } from "../diff/parse-file-diff.js";
import { attachAlreadyReported } from "./attach-already-reported.js";
import { classifyContent } from "./classify-content.js";
import { planChunks } from "./plan-chunks.js";
import { redactChange } from "./redact-change.js";
import type { ReviewChunk, SkippedFile } from "./types.js";

export interface ChangeAnalysis {
  analyses: FileAnalysis[];
  /** Files skipped once their head was read (binary, too large, generated, minified). */
  contentSkips: SkippedFile[];
  ruleFindings: ProposedComment[];
  chunks: ReviewChunk[];
}

/** `heads[i]` is the head version of `files[i]`. */
export async function analyzeChange(files: ChangedFile[], heads: HeadFile[], limits: ReviewLimits, rulePacks: RulePack[]): Promise<ChangeAnalysis> {
  const analyses: FileAnalysis[] = [];
  const contentSkips: SkippedFile[] = [];
  const ruleFindings: ProposedComment[] = [];
  for (const [index, file] of files.entries()) {
    await yieldToEventLoop();
    const read = heads[index] ?? { kind: "absent" };
    if (read.kind === "skipped") {
      contentSkips.push({ path: file.path, reason: read.reason, detail: read.detail });
      continue;
    }
    const head = read.kind === "text" ? read.text : null;
    const skip = head === null ? null : classifyContent(file.path, head, limits);
    if (skip) {
      contentSkips.push(skip);
      continue;
    }
    const { analysis, regions } = analyzeFileTrees(parseFileDiff(file), head);
    analyses.push(analysis);
    if (analysis.language && head !== null && regions.length > 0) {
      await yieldToEventLoop();
      // The analysis parsed every hunk's rows already; the rules query the same trees.
      const target: RuleTarget = { path: file.path, language: analysis.language, headText: head, addedLines: addedLines(analysis.diff), regions };
      ruleFindings.push(...runRulePacks(rulePacks, [target]));
    }
  }
  // Secrets go before the prompt is built; from here on only the redacted texts exist.
  await yieldToEventLoop();
  const redacted = redactChange(analyses);
  await yieldToEventLoop();
  const reported = [...ruleFindings, ...redacted.findings];
  return {
    analyses: redacted.analyses,
    contentSkips,
    ruleFindings: reported,
    chunks: attachAlreadyReported(planChunks(redacted.analyses, limits.chunkTokens), reported, limits.chunkTokens),
  };
}

/** Lets timers (BullMQ's lock renewal) and I/O run between two long synchronous steps. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function addedLines(diff: FileDiff): Set<number> {
  const lines = new Set<number>();
  for (const hunk of diff.hunks) {
    for (const line of hunk.lines) if (line.kind === "add" && line.newLine !== undefined) lines.add(line.newLine);
  }
  return lines;
}
