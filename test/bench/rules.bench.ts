// The rule packs alone over the corpus PRs, TypeScript (hono) and one corpus per
// other language, on the trees the analysis already parsed (as in the
// pipeline): p95 per PR on top of the analysis (target ≤ 10 ms), and per rule
// its findings and the share of PRs it fires on (over 10% of PRs is noise
// until shown otherwise).

import { loadavg } from "node:os";

import { analyzeFileTrees } from "../../src/analysis/analyze-file.js";
import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import { type RuleTarget, runRulePacks } from "../../src/analysis/run-rule-packs.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import type { ProposedComment } from "../../src/core/comments.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { classifyFiles } from "../../src/review/classify-files.js";
import { CORPUS_LANGUAGES, corpusChangedFiles, corpusHeadText, type CorpusPullRequest, loadCorpus, loadLanguageCorpus } from "../helpers/corpus.js";
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

/**
 * Per-PR median wall and CPU time of the rule packs over several rounds, so one
 * noisy neighbour does not decide a figure; on a shared machine the CPU time is
 * the steadier of the two.
 */
function timeRules(targets: RuleTarget[][]): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const prTargets of targets) {
    const wallRounds: number[] = [];
    const cpuRounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      runRulePacks(RULE_PACKS, prTargets);
      wallRounds.push(performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpuRounds.push((used.user + used.system) / 1000);
    }
    wall.push(percentile(wallRounds, 50));
    cpu.push(percentile(cpuRounds, 50));
  }
  return { wall, cpu };
}

/** One corpus: timing, then every rule of the packs that cover its languages. */
function benchCorpus(name: string, corpus: CorpusPullRequest[]): void {
  const targets = corpus.map(ruleTargets);
  const findings: ProposedComment[][] = targets.map((prTargets) => runRulePacks(RULE_PACKS, prTargets)); // also the warm-up
  const { wall, cpu } = timeRules(targets);
  const languages = new Set(targets.flat().map((target) => target.language));
  const packs = RULE_PACKS.filter((pack) => pack.languages.some((language) => languages.has(language)));
  const ruleIds = [...new Set(packs.flatMap((pack) => pack.rules.map((rule) => rule.id)))];
  console.log(`\n### ${name}: ${corpus.length} PRs, ${targets.flat().length} files with a grammar (${[...languages].sort().join(", ")}), rules: ${ruleIds.length}`);
  console.log(`rules per PR wall ms  p50 ${percentile(wall, 50).toFixed(2)}  p95 ${percentile(wall, 95).toFixed(2)}  max ${Math.max(...wall).toFixed(2)}  (target p95 ≤ 10)`);
  console.log(`rules per PR CPU ms   p50 ${percentile(cpu, 50).toFixed(2)}  p95 ${percentile(cpu, 95).toFixed(2)}  max ${Math.max(...cpu).toFixed(2)}`);
  console.log("rule                              findings  PRs  share");
  for (const id of ruleIds) {
    const source = `rule:${id}`;
    const count = findings.flat().filter((finding) => finding.source === source).length;
    const prs = findings.filter((prFindings) => prFindings.some((finding) => finding.source === source)).length;
    const share = (100 * prs) / corpus.length;
    console.log(`${id.padEnd(34)}${String(count).padStart(8)}${String(prs).padStart(5)}  ${share.toFixed(1)}%${share > 10 ? "  NOISE" : ""}`);
  }
}

export default async function benchRules(): Promise<void> {
  console.log(`rounds: ${ROUNDS} (per-PR median), load average ${loadavg().map((load) => load.toFixed(2)).join(" ")}`);
  benchCorpus("typescript (hono)", loadCorpus());
  for (const language of CORPUS_LANGUAGES) benchCorpus(language, loadLanguageCorpus(language));
  await Promise.resolve();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}
