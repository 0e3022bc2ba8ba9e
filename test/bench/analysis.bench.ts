// Steps 2–5 on real pull requests: skip classification, diff parsing,
// tree-sitter analysis, rule packs and chunk planning for each PR of the
// TypeScript corpus and of each other language's, through the pipeline's own
// analyzeChange. Prints per-PR p50/p95/max in milliseconds per language
// (target: p95 ≤ 30 ms), on the calling thread and with the worker's default
// two analysis threads (taken by pull requests with enough text beside their
// largest file, SIDE_BY_SIDE_MIN_CHARS).

import { loadavg } from "node:os";

import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import type { FileAnalysis } from "../../src/analysis/types.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import type { ReviewLimits } from "../../src/config/server-env.js";
import type { HeadFile } from "../../src/core/head-file.js";
import { closeAnalysisThreads } from "../../src/review/analysis-threads.js";
import { analyzeChange, SIDE_BY_SIDE_MIN_CHARS } from "../../src/review/analyze-change.js";
import { classifyFiles } from "../../src/review/classify-files.js";
import type { ReviewChunk } from "../../src/review/types.js";
import { CORPUS_LANGUAGES, corpusChangedFiles, corpusHeadText, type CorpusPullRequest, loadCorpus, loadLanguageCorpus } from "../helpers/corpus.js";

export const BENCH_LIMITS: ReviewLimits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000, analysisThreads: 0 };
/** The worker's default (FOUREYES_ANALYSIS_THREADS). */
const THREADED_LIMITS: ReviewLimits = { ...BENCH_LIMITS, analysisThreads: 2 };
const ROUNDS = 5;
const RULE_PACKS = loadRulePacks();

/** What the pipeline does between loading the snapshot and asking the model. */
export async function prepareReview(pr: CorpusPullRequest, limits: ReviewLimits = BENCH_LIMITS): Promise<{ analyses: FileAnalysis[]; chunks: ReviewChunk[] }> {
  const { reviewable } = classifyFiles(corpusChangedFiles(pr), DEFAULT_REPO_CONFIG, limits);
  const heads = reviewable.map((file): HeadFile => {
    const text = corpusHeadText(pr, file.path);
    return text === null ? { kind: "absent" } : { kind: "text", text };
  });
  const { analyses, chunks } = await analyzeChange(reviewable, heads, limits, RULE_PACKS);
  return { analyses, chunks };
}

export default async function benchAnalysis(): Promise<void> {
  console.log(`rounds: ${ROUNDS} (per-PR median), chunk budget ${BENCH_LIMITS.chunkTokens} tokens; target p95 ≤ 30 ms per PR`);
  const corpora = [{ name: "typescript (hono)", prs: loadCorpus() }, ...CORPUS_LANGUAGES.map((language) => ({ name: language, prs: loadLanguageCorpus(language) }))];
  console.log("on the calling thread (CPU time is the analysis' own):");
  for (const { name, prs } of corpora) await benchCorpus(name, prs, BENCH_LIMITS);
  console.log(
    `with 2 analysis threads, the worker's default, for pull requests with ${SIDE_BY_SIDE_MIN_CHARS / 1000} k characters beside their largest file (CPU time counts every thread, with the copies to and from them):`,
  );
  for (const { name, prs } of corpora) await benchCorpus(name, prs, THREADED_LIMITS);
  await closeAnalysisThreads();
  console.log(`load average during the run: ${loadavg().map((load) => load.toFixed(2)).join(" ")}`);
}

/** Per-PR wall and CPU time of steps 2–5 over one corpus. */
async function benchCorpus(name: string, corpus: CorpusPullRequest[], limits: ReviewLimits): Promise<void> {
  for (const pr of corpus) await prepareReview(pr, limits); // warm-up: grammars, parsers, JIT

  // Each PR's time is its median over several rounds, so one noisy neighbour does not decide a figure.
  // CPU time is printed beside wall time: on a shared 2-core machine other processes inflate the wall clock.
  const rounds: number[][] = corpus.map(() => []);
  const cpuRounds: number[][] = corpus.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, pr] of corpus.entries()) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      await prepareReview(pr, limits);
      rounds[index]?.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      cpuRounds[index]?.push((used.user + used.system) / 1000);
    }
  }
  const perPr = rounds.map((times) => percentile(times, 50));
  const cpuPerPr = cpuRounds.map((times) => percentile(times, 50));
  const slowest = corpus.map((pr, index) => ({ title: pr.title, ms: perPr[index] ?? 0 })).sort((a, b) => b.ms - a.ms)[0];
  console.log(
    `${name.padEnd(18)} PRs ${String(corpus.length).padStart(2)}  wall ms p50 ${fmt(percentile(perPr, 50))} p95 ${fmt(percentile(perPr, 95))} max ${fmt(Math.max(...perPr))}` +
      `  CPU ms p50 ${fmt(percentile(cpuPerPr, 50))} p95 ${fmt(percentile(cpuPerPr, 95))}  slowest: ${slowest?.title.slice(0, 50) ?? "-"}`,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

function fmt(ms: number): string {
  return ms.toFixed(1);
}
