// The rule packs alone over the 80 corpus PRs, on the trees the analysis
// already parsed (as in the pipeline): p95 per PR on top of the analysis
// (target ≤ 10 ms), and per rule its findings and the share of PRs it fires
// on (over 10% of PRs is noise until shown otherwise).

import { analyzeFileTrees } from "../../src/analysis/analyze-file.js";
import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import { type RuleTarget, runRulePacks } from "../../src/analysis/run-rule-packs.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import type { ProposedComment } from "../../src/core/comments.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { classifyFiles } from "../../src/review/classify-files.js";
import { corpusChangedFiles, corpusHeadText, type CorpusPullRequest, loadCorpus } from "../helpers/corpus.js";
import { BENCH_LIMITS } from "./analysis.bench.js";

const ROUNDS = 5;
const RULE_PACKS = loadRulePacks();

/** Every rule target of one PR, parsed once: the analysis is not part of the figure. */
function ruleTargets(pr: CorpusPullRequest): RuleTarget[] {
  const { reviewable } = classifyFiles(corpusChangedFiles(pr), DEFAULT_REPO_CONFIG, BENCH_LIMITS);
  const targets: RuleTarget[] = [];
  for (const file of reviewable) {
    const head = corpusHeadText(pr, file.path);
    if (head === null) continue;
    const { analysis, regions } = analyzeFileTrees(parseFileDiff(file), head);
    if (!analysis.language || regions.length === 0) continue;
    const addedLines = new Set<number>();
    for (const hunk of analysis.diff.hunks) {
      for (const line of hunk.lines) if (line.kind === "add" && line.newLine !== undefined) addedLines.add(line.newLine);
    }
    targets.push({ path: file.path, language: analysis.language, headText: head, addedLines, regions });
  }
  return targets;
}

export default async function benchRules(): Promise<void> {
  const corpus = loadCorpus();
  const targets = corpus.map(ruleTargets);
  const findings: ProposedComment[][] = targets.map((prTargets) => runRulePacks(RULE_PACKS, prTargets)); // also the warm-up
  const times: number[] = targets.map((prTargets) => {
    const rounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      runRulePacks(RULE_PACKS, prTargets);
      rounds.push(performance.now() - started);
    }
    return percentile(rounds, 50);
  });
  const ruleIds = RULE_PACKS.flatMap((pack) => pack.rules.map((rule) => rule.id));
  console.log(`PRs: ${corpus.length}, rules: ${ruleIds.length}, rounds: ${ROUNDS} (per-PR median)`);
  console.log(`rules per PR ms  p50 ${percentile(times, 50).toFixed(2)}  p95 ${percentile(times, 95).toFixed(2)}  max ${Math.max(...times).toFixed(2)}  (target p95 ≤ 10)`);
  console.log("rule                              findings  PRs  share");
  for (const id of ruleIds) {
    const source = `rule:${id}`;
    const count = findings.flat().filter((finding) => finding.source === source).length;
    const prs = findings.filter((prFindings) => prFindings.some((finding) => finding.source === source)).length;
    const share = (100 * prs) / corpus.length;
    console.log(`${id.padEnd(34)}${String(count).padStart(8)}${String(prs).padStart(5)}  ${share.toFixed(1)}%${share > 10 ? "  NOISE" : ""}`);
  }
  await Promise.resolve();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}
