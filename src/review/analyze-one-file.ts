// One changed file through steps 2–4: its content skip, diff, tree-sitter
// analysis, rule packs and secret redaction. Nothing here depends on another
// file, so files can be analysed in any order or on other threads
// (./analysis-threads.ts) and joined in the pull request's order.

import { analyzeFileTrees } from "../analysis/analyze-file.js";
import type { RulePack } from "../analysis/rule-pack.js";
import { runRulePacks } from "../analysis/run-rule-packs.js";
import type { FileAnalysis } from "../analysis/types.js";
import type { ReviewLimits } from "../config/server-env.js";
import type { ProposedComment } from "../core/comments.js";
import type { ChangedFile } from "../core/diff.js";
import type { HeadFile } from "../core/head-file.js";
import { addedLineNumbers } from "../diff/added-line-numbers.js";
import { parseFileDiff } from "../diff/parse-file-diff.js";
import { classifyContent } from "./classify-content.js";
import { redactFileAnalysis } from "./redact-change.js";
import type { SkippedFile } from "./types.js";

export type FileOutcome =
  | { kind: "skipped"; skip: SkippedFile }
  /** `analysis` holds redacted texts only; `secretFindings` name the committed secrets it had. */
  | { kind: "analyzed"; analysis: FileAnalysis; ruleFindings: ProposedComment[]; secretFindings: ProposedComment[] };

export interface FileTask {
  file: ChangedFile;
  head: HeadFile;
  limits: Pick<ReviewLimits, "maxFileBytes">;
  rulePacks: RulePack[];
}

export function analyzeOneFile({ file, head: read, limits, rulePacks }: FileTask): FileOutcome {
  if (read.kind === "skipped") return { kind: "skipped", skip: { path: file.path, reason: read.reason, detail: read.detail } };
  const head = read.kind === "text" ? read.text : null;
  const skip = head === null ? null : classifyContent(file.path, head, limits);
  if (skip) return { kind: "skipped", skip };

  const { analysis, regions } = analyzeFileTrees(parseFileDiff(file), head);
  // The analysis parsed every hunk's rows already; the rules query the same trees.
  const ruleFindings =
    analysis.language && head !== null && regions.length > 0
      ? runRulePacks(rulePacks, [{ path: file.path, language: analysis.language, headText: head, addedLines: new Set(addedLineNumbers(analysis.diff)), regions }])
      : [];
  // Secrets go before the prompt is built; from here on only the redacted texts exist.
  const redacted = redactFileAnalysis(analysis);
  return { kind: "analyzed", analysis: redacted.analysis, ruleFindings, secretFindings: redacted.findings };
}
