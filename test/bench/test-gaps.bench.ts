// Test-gap detection over every corpus pull request: for each changed
// exported symbol, whether the PR touched a test for it, against an
// independent check written from the patch and the file lists only (a test
// file by name whose patch mentions the symbol's name as a word, and the
// module's name, or for Go sits in the module's folder). Prints the agreement
// and every disagreement, so each can be looked at. Also: time per PR.

import { posix } from "node:path";

import { analyzeFile } from "../../src/analysis/analyze-file.js";
import { findTestGaps } from "../../src/analysis/test-gaps/find-test-gaps.js";
import type { TestGap } from "../../src/analysis/test-gaps/types.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { classifyFiles } from "../../src/review/classify-files.js";
import { CORPUS_LANGUAGES, corpusHeadText, type CorpusPullRequest, loadCorpus, loadLanguageCorpus, splitPatch } from "../helpers/corpus.js";
import { corpusChangedFiles } from "../helpers/corpus.js";
import { BENCH_LIMITS } from "./analysis.bench.js";

/** The check's own idea of a test file: a name or folder that says test or spec. */
const LOOKS_LIKE_TEST = /(?:^|\/)(?:tests?|__tests__|specs?|src\/test)\/|(?:^|[._/-])(?:test|spec)s?[._-]|(?:Tests?|IT)\.\w+$|Spec\.kts?$|_test\.\w+$/;

function detect(pr: CorpusPullRequest): { gaps: TestGap[]; ms: number } {
  const { reviewable } = classifyFiles(corpusChangedFiles(pr), DEFAULT_REPO_CONFIG, BENCH_LIMITS);
  const started = performance.now();
  const heads = new Map(reviewable.map((file) => [file.path, corpusHeadText(pr, file.path)]));
  const analyses = reviewable.filter((file) => heads.get(file.path) != null).map((file) => analyzeFile(parseFileDiff(file), heads.get(file.path) ?? null));
  const gaps = findTestGaps({ analyses, headTexts: heads, repoPaths: pr.files.map((file) => file.path) });
  return { gaps, ms: performance.now() - started };
}

const word = (name: string) => new RegExp(`(?<![\\w$])${name.replace(/[$.]/g, "\\$&")}(?![\\w$])`);

/** The independent answer: some changed test file's patch names the symbol and the module (Go: a test beside it names the symbol). */
function checkTouched(gap: TestGap, testPatches: { path: string; body: string }[]): string | null {
  const name = gap.symbol.slice(gap.symbol.lastIndexOf(".") + 1);
  const stem = posix.basename(gap.path).replace(/\.[^.]+$/, "");
  const module = stem === "index" || stem === "__init__" ? posix.basename(posix.dirname(gap.path)) : stem;
  for (const test of testPatches) {
    if (!word(name).test(test.body)) continue;
    if (gap.language === "go" ? posix.dirname(test.path) === posix.dirname(gap.path) : test.body.includes(module)) return test.path;
  }
  return null;
}

function benchCorpus(label: string, corpus: CorpusPullRequest[]): void {
  let symbols = 0;
  let agree = 0;
  let touchedByDetection = 0;
  let touchedByCheck = 0;
  const disagreements: string[] = [];
  const times: number[] = [];
  for (const pr of corpus) {
    const { gaps, ms } = detect(pr);
    times.push(ms);
    const testPatches = splitPatch(pr.patch).filter((section) => LOOKS_LIKE_TEST.test(section.path));
    for (const gap of gaps) {
      symbols++;
      const detected = gap.touchedBy.length > 0;
      const checked = checkTouched(gap, testPatches);
      if (detected) touchedByDetection++;
      if (checked) touchedByCheck++;
      if (detected === (checked !== null)) agree++;
      else disagreements.push(`  ${pr.sha.slice(0, 8)} ${gap.path} ${gap.container ? `${gap.container}.` : ""}${gap.symbol}: detection ${detected ? `yes (${gap.touchedBy.join(", ")})` : "no"}, check ${checked ? `yes (${checked})` : "no"}`);
    }
  }
  const share = symbols === 0 ? "-" : `${((100 * agree) / symbols).toFixed(1)}%`;
  console.log(`${label}: ${corpus.length} PRs, ${symbols} changed exported symbols; touched by a test per detection ${touchedByDetection}, per check ${touchedByCheck}; agreement ${agree}/${symbols} (${share}); p95 ${percentile(times, 95).toFixed(1)} ms per PR (analysis + detection)`);
  for (const line of disagreements) console.log(line);
}

export default async function benchTestGaps(): Promise<void> {
  benchCorpus("typescript (hono)", loadCorpus());
  for (const language of CORPUS_LANGUAGES) benchCorpus(language, loadLanguageCorpus(language));
  await Promise.resolve();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}
