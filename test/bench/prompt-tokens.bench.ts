// Prompt size and context recall on real pull requests, per language.
// 1. Estimated prompt tokens of our chunks vs. a naive prompt that sends every
//    reviewable file's whole new text plus its diff (target: ≤ 35%).
// 2. Context recall: for every changed line in a supported language, its
//    innermost enclosing declaration, found here independently by walking the
//    whole tree (./walk-declarations.ts), must be visible in the context: as a
//    declaration block (whole, or trimmed with its name line), or because a
//    hunk shows all its lines (target: 100%).

import { languageForPath, parseText } from "../../src/analysis/languages.js";
import type { FileAnalysis } from "../../src/analysis/types.js";
import { changedPoints } from "../../src/diff/changed-points.js";
import { estimateTokens } from "../../src/review/estimate-tokens.js";
import type { ReviewChunk } from "../../src/review/types.js";
import { CORPUS_LANGUAGES, corpusHeadText, type CorpusPullRequest, loadCorpus, loadLanguageCorpus } from "../helpers/corpus.js";
import { BENCH_LIMITS, prepareReview } from "./analysis.bench.js";
import { type LineRange, walkDeclarations } from "./walk-declarations.js";

type Range = LineRange;

interface Figures {
  ours: number;
  naive: number;
  ratios: number[];
  lines: number;
  covered: number;
  coveredTrimmed: number;
  topLevel: number;
  misses: string[];
}

export default async function benchPromptTokens(): Promise<void> {
  console.log(`chunk budget ${BENCH_LIMITS.chunkTokens} tokens, ~3.5 chars/token; targets: tokens ≤ 35% of whole files + diff, recall 100%`);
  const corpora: [string, CorpusPullRequest[]][] = [["typescript (hono)", loadCorpus()], ...CORPUS_LANGUAGES.map((language): [string, CorpusPullRequest[]] => [language, loadLanguageCorpus(language)])];
  for (const [name, corpus] of corpora) {
    const figures = await measureCorpus(corpus);
    const median = [...figures.ratios].sort((a, b) => a - b)[Math.floor(figures.ratios.length / 2)] ?? 0;
    console.log(
      `${name.padEnd(18)} PRs ${String(corpus.length).padStart(2)}  tokens ours ${figures.ours} / naive ${figures.naive} = ${pct(figures.ours / figures.naive)} ` +
        `(median per PR ${pct(median)})  recall ${pct(figures.covered / figures.lines)} of ${figures.lines} changed lines ` +
        `(${figures.topLevel} at top level, ${figures.coveredTrimmed} via a trimmed declaration)`,
    );
    for (const miss of figures.misses) console.log(`  missing: ${miss}`);
  }
}

async function measureCorpus(corpus: CorpusPullRequest[]): Promise<Figures> {
  const figures: Figures = { ours: 0, naive: 0, ratios: [], lines: 0, covered: 0, coveredTrimmed: 0, topLevel: 0, misses: [] };
  for (const pr of corpus) {
    const { analyses, chunks } = await prepareReview(pr, BENCH_LIMITS);
    const ours = chunks.reduce((sum, chunk) => sum + chunk.estimatedTokens, 0);
    const naive = analyses.reduce((sum, analysis) => {
      const head = corpusHeadText(pr, analysis.path) ?? "";
      const patch = analysis.diff.hunks.map((hunk) => [hunk.header, ...hunk.lines.map((line) => line.text)].join("\n")).join("\n");
      return sum + estimateTokens(`${head}\n${patch}`);
    }, 0);
    figures.ours += ours;
    figures.naive += naive;
    if (naive > 0) figures.ratios.push(ours / naive);
    for (const analysis of analyses) countRecall(figures, pr, analysis, chunks);
  }
  return figures;
}

/** Adds one file's changed lines to the recall figures. */
function countRecall(figures: Figures, pr: CorpusPullRequest, analysis: FileAnalysis, chunks: ReviewChunk[]): void {
  const head = corpusHeadText(pr, analysis.path);
  const language = languageForPath(analysis.path);
  if (!head || !language) return;
  const declarations = walkDeclarations(language, parseText(language, head).rootNode);
  const visible = visibleInContext(chunks, analysis);
  for (const hunk of analysis.diff.hunks) {
    const { added, deletions } = changedPoints(hunk);
    const points = [...added.map((line) => [line, line] as const), ...deletions.map(({ before, after }) => [before, after] as const)];
    for (const [from, to] of points) {
      figures.lines++;
      const inner = innermost(declarations, from, to);
      const within = (range: Range): boolean => !!inner && range.startLine <= inner.startLine && inner.endLine <= range.endLine;
      if (!inner) {
        figures.topLevel++;
        figures.covered++;
      } else if (visible.whole.some(within) || visible.hunks.some(within)) figures.covered++;
      else if (visible.trimmed.some(within)) {
        figures.covered++;
        figures.coveredTrimmed++;
      } else if (figures.misses.length < 10) figures.misses.push(`${pr.title.slice(0, 40)} ${analysis.path}:${from} ${inner.startLine}-${inner.endLine}`);
    }
  }
}

/** What the chunks show of one file: whole declarations, trimmed ones, and new-side line runs of hunks. */
function visibleInContext(chunks: ReviewChunk[], analysis: FileAnalysis): { whole: Range[]; trimmed: Range[]; hunks: Range[] } {
  const whole: Range[] = [];
  const trimmed: Range[] = [];
  const hunks: Range[] = [];
  const heading = `### ${analysis.path}`;
  for (const chunk of chunks) {
    if (!chunk.paths.includes(analysis.path)) continue;
    let inFile = false;
    let run: Range | null = null;
    for (const line of chunk.context.split("\n")) {
      if (line.startsWith("### ")) inFile = line === heading || line.startsWith(`${heading} (`);
      if (!inFile) continue;
      const declaration = /^\/\/ lines (\d+)-(\d+) of (.+?): /.exec(line);
      if (declaration && declaration[3] === analysis.path) {
        const range = { startLine: Number(declaration[1]), endLine: Number(declaration[2]) };
        (line.includes("(trimmed") ? trimmed : whole).push(range);
      }
      const numbered = /^\s*(\d+) ([+ ]) /.exec(line);
      if (numbered) {
        const number = Number(numbered[1]);
        if (run && number === run.endLine + 1) run.endLine = number;
        else if (!run || number !== run.endLine) hunks.push((run = { startLine: number, endLine: number }));
      } else if (line.startsWith("@@") || line === "") {
        run = null;
      }
    }
  }
  return { whole, trimmed, hunks };
}

function innermost(ranges: Range[], from: number, to: number): Range | undefined {
  let best: Range | undefined;
  for (const range of ranges) {
    if (range.startLine > from || range.endLine < to) continue;
    if (!best || range.endLine - range.startLine < best.endLine - best.startLine) best = range;
  }
  return best;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
